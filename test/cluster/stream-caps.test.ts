// Unit tests of the live-stream caps: per session and per agent, oldest closed first, wherever held.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEventBus, type BusMessage } from '../../src/agent-session/event-bus';
import { createMemoryBackend } from '../../src/cluster/memory-backend';
import { createStreamCaps } from '../../src/agent-session/stream-caps';

async function setup(limits: { perSession: number; perAgent: number }) {
  const clock = { now: 1000 };
  const backend = createMemoryBackend(() => clock.now);
  const bus = createEventBus(backend);
  const heard: BusMessage[] = [];
  await bus.subscribe('agent-1', (m) => heard.push(m));
  const caps = createStreamCaps(backend, bus, limits, () => clock.now);
  const settle = () => new Promise((r) => setImmediate(r));
  return { clock, caps, heard, settle };
}

describe('stream caps', () => {
  it('when one session opens more streams than its cap, then the oldest are told to close', async () => {
    const { caps, heard, settle } = await setup({ perSession: 2, perAgent: 100 });
    const ids = [];
    for (let i = 0; i < 4; i += 1) ids.push(await caps.open('agent-1', 'session-1'));
    await settle();
    const closed = heard.flatMap((m) => (m.kind === 'close-streams' ? m.ids : []));
    assert.deepEqual(closed, ids.slice(0, 2), 'the two oldest, in order');
  });

  it('when many sessions of one agent pass the agent cap, then the agent-wide oldest closes', async () => {
    const { caps, heard, settle } = await setup({ perSession: 10, perAgent: 3 });
    const ids = [];
    for (let i = 0; i < 4; i += 1) ids.push(await caps.open('agent-1', `session-${i}`));
    await settle();
    const closed = heard.flatMap((m) => (m.kind === 'close-streams' ? m.ids : []));
    assert.deepEqual(closed, [ids[0]]);
  });

  it('when a stream is closed by its page, then it no longer counts', async () => {
    const { caps, heard, settle } = await setup({ perSession: 2, perAgent: 100 });
    const first = await caps.open('agent-1', 'session-1');
    await caps.open('agent-1', 'session-1');
    await caps.close('agent-1', 'session-1', first);
    await caps.open('agent-1', 'session-1');
    await settle();
    assert.equal(heard.filter((m) => m.kind === 'close-streams').length, 0);
  });
});
