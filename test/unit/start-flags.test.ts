// Unit tests of how `npm start` runs node: V8's young generation is capped so the memory of many
// connected agents stays near what they really hold (issue 9), and the benchmarks use the same flags
// (a flag this node does not know would fail the churn run below).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { startFlags } from '../../bench/processes';

/** Churns short-lived objects (a sign-in storm's garbage) and reports V8's young generation. */
const CHURN = `
const v8 = require('node:v8');
const keep = [];
for (let i = 0; i < 3e6; i++) {
  const o = { i, s: 'x' + i };
  if (i % 3 === 0) keep.push(o);
  if (keep.length > 2e5) keep.length = 0;
}
const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
console.log(young.space_size);
`;

function youngGenerationMiB(flags: string[]): number {
  const run = spawnSync(process.execPath, [...flags, '-e', CHURN], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return Number(run.stdout.trim()) / 2 ** 20;
}

describe('npm start flags', () => {
  it('when npm start runs the desktop, then the young generation stays at 4 MiB under churn', () => {
    const flags = startFlags();
    assert.ok(flags.includes('--max-semi-space-size=2'), flags.join(' '));
    assert.ok(flags.includes('--heap-growing-percent=20'), flags.join(' '));
    // One V8 worker thread, not four: each worker's malloc arena kept 2 to 3 MiB of compiler and
    // GC scratch memory (arenas 6.4 to 12.9 MiB → 1.6 MiB with 300 agents, docs/MEASUREMENTS.md).
    assert.ok(flags.includes('--v8-pool-size=1'), flags.join(' '));
    // The space a full collection frees is swept on the main thread, at once, not by that one
    // worker later while new pages are taken: RSS settled with 1,000 agents 139.5 → 135.5 MiB,
    // storm CPU no higher (five storms each in turn, docs/MEASUREMENTS.md, fourteenth pass).
    assert.ok(flags.includes('--no-concurrent-sweeping'), flags.join(' '));
    // Source maps held about 15 MiB from the first stack trace on (agents bench, 300 agents, RSS at
    // start 104.8 → 88.9 MiB without them; docs/MEASUREMENTS.md): left to whoever debugs.
    assert.ok(!flags.includes('--enable-source-maps'), flags.join(' '));
    assert.ok(youngGenerationMiB(flags) <= 4);
  });

  it('when node runs without them, then the same churn grows the young generation past that', () => {
    // The comparison that makes the first test mean something on this node version.
    assert.ok(youngGenerationMiB([]) > 4);
  });
});
