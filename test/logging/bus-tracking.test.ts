// The agent's bus carries the sender's tracking id (issue 19): a fact or take-back sent on one
// instance is acted on by the session's holder, maybe another instance, under the same id.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEventBus, type BusMessage } from '../../src/agent-session/event-bus';
import { createMemoryBackend } from '../../src/cluster/memory-backend';
import type { ClusterBackend } from '../../src/cluster/backend';
import {
  currentTrackingId,
  runDetached,
  runWithTrackingId,
} from '../../src/logging/tracking-context';
import { deriveEncryptionKey } from '../../src/session-store';
import { createSessionCipher } from '../../src/session-store/session-cipher';

const AGENT = 'agent-1';

/**
 * Delivers messages as Redis does: from the subscriber connection's socket, in no sender's
 * context (the memory backend alone would carry the sender's context along by itself).
 */
function redisLike(): ClusterBackend {
  const memory = createMemoryBackend();
  return {
    ...memory,
    subscribe: (channel, listener) =>
      memory.subscribe(channel, (raw) => runDetached(() => setImmediate(() => listener(raw)))),
  };
}

async function heardOnTheBus(sealed: boolean) {
  const backend = redisLike();
  const cipher = sealed ? createSessionCipher(deriveEncryptionKey('k'.repeat(64))) : undefined;
  // Two buses on one backend: two instances.
  const sender = createEventBus(backend, cipher);
  const holder = createEventBus(backend, cipher);
  const heard: { message: BusMessage; trackingId: string | undefined }[] = [];
  await holder.subscribe(AGENT, (message) =>
    heard.push({ message, trackingId: currentTrackingId() }),
  );
  await runWithTrackingId('agentdesktop_req-7', () => sender.publish(AGENT, { kind: 'take-back' }));
  await new Promise((resolve) => setImmediate(resolve));
  return heard;
}

describe('tracking id over the agent bus', () => {
  for (const sealed of [false, true]) {
    test(`when a request asks the holder to take the session back${sealed ? ' (sealed)' : ''}, then the holder handles it under the request's tracking id`, async () => {
      const heard = await heardOnTheBus(sealed);
      assert.deepEqual(heard, [
        { message: { kind: 'take-back' }, trackingId: 'agentdesktop_req-7' },
      ]);
    });
  }

  test('when a message is published outside any request, then the holder handles it under none', async () => {
    const backend = redisLike();
    const sender = createEventBus(backend);
    const holder = createEventBus(backend);
    const seen: (string | undefined)[] = [];
    await holder.subscribe(AGENT, () => seen.push(currentTrackingId()));
    await runWithTrackingId('agentdesktop_other', async () => {
      // A message from a sweep: detached, whatever the subscriber's own context was.
      await runWithTrackingId(undefined, () => sender.publish(AGENT, { kind: 'take-back' }));
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, [undefined]);
  });
});
