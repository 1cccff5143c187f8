// Unit tests of the socket lease: one holder, renewal, adoption after a holder dies, hand-over.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keys } from '../../src/cluster/backend';
import { createMemoryBackend } from '../../src/cluster/memory-backend';
import { createOwnership } from '../../src/cluster/ownership';

function setup() {
  const clock = { now: 1_000_000 };
  const backend = createMemoryBackend(() => clock.now);
  const wanted = new Set(['agent-1']);
  const adopted: string[] = [];
  const lost: string[] = [];
  const member = (instanceId: string) =>
    createOwnership({
      backend,
      instanceId,
      leaseMs: 15_000,
      wanted: async () => wanted,
      onAdopt: async (agentId) => void adopted.push(`${instanceId}:${agentId}`),
      onLost: (agentId) => void lost.push(`${instanceId}:${agentId}`),
    });
  return { clock, backend, wanted, adopted, lost, a: member('a'), b: member('b') };
}

describe('socket ownership', () => {
  it('when one instance holds the lease, then another cannot claim the agent', async () => {
    const { a, b, adopted } = setup();
    assert.equal(await a.claim('agent-1'), true);
    assert.equal(await b.claim('agent-1'), false);
    assert.equal(await a.claim('agent-1'), true, 'the holder claiming again is a no-op');
    assert.deepEqual(adopted, ['a:agent-1'], 'one socket opened');
  });

  it('when two claims of one instance race, then the agent is adopted once', async () => {
    const { a, adopted } = setup();
    const results = await Promise.all([a.claim('agent-1'), a.claim('agent-1')]);
    assert.deepEqual(results, [true, true]);
    assert.deepEqual(adopted, ['a:agent-1']);
  });

  it('when the holder keeps renewing, then its lease never lapses and no sweep adopts the agent', async () => {
    const { a, b, clock, adopted } = setup();
    await a.claim('agent-1');
    for (let i = 0; i < 10; i += 1) {
      clock.now += 5_000;
      await a.renewAll();
      await b.sweep();
    }
    assert.deepEqual(adopted, ['a:agent-1']);
  });

  it('when the holder dies, then a survivor adopts the agent once the lease runs out, not before', async () => {
    const { a, b, clock, adopted } = setup();
    await a.claim('agent-1');
    a.halt();
    clock.now += 14_000;
    await b.sweep();
    assert.deepEqual(adopted, ['a:agent-1'], 'still within the lease');
    clock.now += 2_000;
    await b.sweep();
    assert.deepEqual(adopted, ['a:agent-1', 'b:agent-1']);
    assert.equal(b.owns('agent-1'), true);
  });

  it('when a holder that stalled finds its lease taken, then it lets go quietly', async () => {
    const { a, b, clock, lost } = setup();
    await a.claim('agent-1');
    clock.now += 16_000; // a stalled (GC pause, Redis away) past its lease
    await b.sweep();
    await a.renewAll();
    assert.deepEqual(lost, ['a:agent-1']);
    assert.equal(a.owns('agent-1'), false);
    assert.equal(b.owns('agent-1'), true);
  });

  it('when a stalled holder finds its lease lapsed but free, then it keeps the agent', async () => {
    const { a, clock, lost } = setup();
    await a.claim('agent-1');
    clock.now += 16_000;
    await a.renewAll();
    assert.deepEqual(lost, []);
    assert.equal(a.owns('agent-1'), true);
  });

  it('when the holder stops gracefully, then the lease is free at once', async () => {
    const { a, b, backend } = setup();
    await a.claim('agent-1');
    await a.stop();
    assert.deepEqual(await backend.holders([keys.owner('agent-1')]), [undefined]);
    assert.equal(await b.claim('agent-1'), true);
  });

  it('when opening the socket fails, then the lease is given back for a later try', async () => {
    const { backend } = setup();
    const failing = createOwnership({
      backend,
      instanceId: 'c',
      wanted: async () => [],
      onAdopt: async () => {
        throw new Error('WxCC down');
      },
      onLost: () => undefined,
    });
    await assert.rejects(failing.claim('agent-1'), /WxCC down/);
    assert.deepEqual(await backend.holders([keys.owner('agent-1')]), [undefined]);
  });
});

describe('memory leases', () => {
  it('when another holder renews or releases, then the lease is untouched', async () => {
    const clock = { now: 0 };
    const backend = createMemoryBackend(() => clock.now);
    assert.equal(await backend.acquire('k', 'a', 1000), true);
    assert.equal(await backend.renew('k', 'b', 1000), false);
    await backend.release('k', 'b');
    assert.deepEqual(await backend.holders(['k']), ['a']);
    clock.now = 1000;
    assert.deepEqual(await backend.holders(['k']), [undefined], 'expired at its deadline');
    assert.equal(await backend.renew('k', 'a', 1000), false, 'a lapsed lease is not renewed');
  });

  it('with the default timings, when the holder dies, then a survivor adopts the agent within 10 s', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 });
    const backend = createMemoryBackend(() => Date.now());
    const adopted: { by: string; at: number }[] = [];
    const member = (instanceId: string) =>
      createOwnership({
        backend,
        instanceId,
        wanted: async () => ['agent-1'],
        onAdopt: async () => void adopted.push({ by: instanceId, at: Date.now() }),
        onLost: () => undefined,
      });
    const a = member('a');
    const b = member('b');
    await a.claim('agent-1');
    a.start();
    b.start();
    // The holder renews for a while, then dies just after a renewal: the worst case.
    for (let i = 0; i < 20; i += 1) {
      t.mock.timers.tick(500);
      for (let j = 0; j < 5; j += 1) await Promise.resolve();
    }
    const diedAt = Date.now();
    a.halt();
    for (let i = 0; i < 40 && !adopted.some((x) => x.by === 'b'); i += 1) {
      t.mock.timers.tick(500);
      for (let j = 0; j < 5; j += 1) await Promise.resolve();
    }
    await b.stop();
    const byB = adopted.find((x) => x.by === 'b');
    assert.ok(byB, 'the survivor adopted the agent');
    assert.ok(byB.at - diedAt <= 10_000, `adopted ${byB.at - diedAt} ms after the holder died`);
  });
});
