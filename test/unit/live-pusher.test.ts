// The live stream's region pushes: in order, the latest state last, one render per burst.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptySnapshot, type StationSnapshot } from '../../src/agent-session/snapshot';
import { livePusher, type LivePush, type LiveStream } from '../../src/routes/live-fragments';

function setUp() {
  const written: string[] = [];
  const warnings: unknown[] = [];
  let open = true;
  const stream = {
    write: (chunk: string) => (open ? (written.push(chunk), true) : false),
    isOpen: () => open,
  };
  const live = { warn: (err: unknown) => warnings.push(err) } as unknown as LiveStream;
  const rendered: string[] = [];
  const gates: (() => void)[] = [];
  const render = async (_live: LiveStream, s: StationSnapshot): Promise<LivePush> => {
    rendered.push(s.subStatus ?? '');
    await new Promise<void>((resolve) => gates.push(resolve));
    if (s.subStatus === 'boom') throw new Error('template broke');
    return { page: 'agent', fragments: { bar: s.subStatus ?? '' } };
  };
  const push = livePusher(live, stream, render);
  const snapshot = (subStatus: string) => ({ ...emptySnapshot(), subStatus }) as StationSnapshot;
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    push: (subStatus: string) => push(snapshot(subStatus)),
    rendered,
    written: () => written.map((w) => JSON.parse(w.slice(w.indexOf('data: ') + 6)).fragments.bar),
    warnings,
    /** Lets the oldest render waiting finish. */
    finish: async () => {
      await settle();
      gates.shift()?.();
      await settle();
    },
    close: () => (open = false),
  };
}

describe('live region pushes', () => {
  it('when snapshots arrive while one renders, then only the latest of them is rendered next', async () => {
    const t = setUp();
    t.push('Available');
    t.push('Idle');
    t.push('Available');
    t.push('Idle');
    await t.finish();
    await t.finish();
    assert.deepEqual(t.rendered, ['Available', 'Idle']);
    assert.deepEqual(t.written(), ['Available', 'Idle']);
    // Quiet again: the next snapshot is rendered at once.
    t.push('Available');
    await t.finish();
    assert.deepEqual(t.written(), ['Available', 'Idle', 'Available']);
  });

  it('when a render fails, then it is logged and the next snapshot is still pushed', async () => {
    const t = setUp();
    t.push('boom');
    t.push('Idle');
    await t.finish();
    await t.finish();
    assert.equal(t.warnings.length, 1);
    assert.deepEqual(t.written(), ['Idle']);
  });

  it('when the stream closes during a render, then nothing more is rendered or written', async () => {
    const t = setUp();
    t.push('Available');
    t.push('Idle');
    t.close();
    await t.finish();
    await t.finish();
    assert.deepEqual(t.rendered, ['Available']);
    assert.deepEqual(t.written(), []);
  });
});
