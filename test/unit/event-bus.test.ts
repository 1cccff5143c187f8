// The agent's bus opens each message once per instance: not at all on the instance that sent it,
// once for all listeners of another.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEventBus, type BusMessage } from '../../src/agent-session/event-bus';
import { createMemoryBackend } from '../../src/cluster/memory-backend';
import { deriveEncryptionKey } from '../../src/session-store';
import { createSessionCipher, type SessionCipher } from '../../src/session-store/session-cipher';
import { emptySnapshot } from '../../src/agent-session/snapshot';

const AGENT = 'agent-1';

function countingCipher() {
  const real = createSessionCipher(deriveEncryptionKey('k'.repeat(64)));
  const counted = { opened: 0 };
  const cipher: SessionCipher = {
    seal: (value, context) => real.seal(value, context),
    open: (sealed, context) => {
      counted.opened += 1;
      return real.open(sealed, context);
    },
  };
  return { cipher, counted };
}

describe('agent bus', () => {
  it('when a message is published, then listeners of the sending instance get it unopened, and another instance opens it once for all its listeners', async () => {
    const backend = createMemoryBackend();
    const { cipher, counted } = countingCipher();
    const sender = createEventBus(backend, cipher);
    const other = createEventBus(backend, cipher);
    const heard: { where: string; message: BusMessage }[] = [];
    for (const [where, bus] of [
      ['sender', sender],
      ['sender', sender],
      ['other', other],
      ['other', other],
    ] as const)
      await bus.subscribe(AGENT, (message) => heard.push({ where, message }));

    const snapshot = { ...emptySnapshot(), subStatus: 'Available' };
    const sent: BusMessage = { kind: 'snapshot', snapshot };
    await sender.publish(AGENT, sent);
    await new Promise((resolve) => setImmediate(resolve));

    assert.equal(heard.length, 4);
    for (const { message } of heard) assert.deepEqual(message, sent);
    // The sender's own listeners share what it sent; the other instance opened its copy once.
    const fromSender = heard.filter((h) => h.where === 'sender');
    assert.ok(
      fromSender.every((h) => h.message.kind === 'snapshot' && h.message.snapshot === snapshot),
    );
    assert.equal(counted.opened, 1);
  });
});
