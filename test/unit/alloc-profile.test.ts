// The benches' allocation profile (bench/alloc-profile.mjs) and its summary (bench/alloc-summary.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { summarizeAllocations } from '../../bench/alloc-summary';

const PRELOAD = fileURLToPath(new URL('../../bench/alloc-profile.mjs', import.meta.url));

/** Runs `script` in a node with the preload, its query `search`. */
function withPreload(search: string, script: string) {
  const preload = pathToFileURL(PRELOAD);
  preload.search = search;
  return spawnSync(process.execPath, ['--import', preload.href, '-e', script], {
    encoding: 'utf8',
    timeout: 20_000,
  });
}

const frame = (functionName: string, line = 0) => ({
  functionName,
  url: 'file:///app/dist/server.js',
  lineNumber: line,
});

describe('allocation profile', () => {
  it('sums what each function allocated itself and with what it called, recursion once', () => {
    const head = {
      callFrame: frame('(root)'),
      selfSize: 0,
      children: [
        {
          callFrame: frame('render', 9),
          selfSize: 100,
          children: [
            { callFrame: frame('escape', 19), selfSize: 300, children: [] },
            {
              callFrame: frame('render', 9),
              selfSize: 50,
              children: [{ callFrame: frame('escape', 19), selfSize: 50, children: [] }],
            },
          ],
        },
        { callFrame: frame('parse', 29), selfSize: 500, children: [] },
      ],
    };
    const { totalBytes, self, inclusive } = summarizeAllocations(head);
    assert.equal(totalBytes, 1000);
    assert.deepEqual(self, [
      { site: 'parse dist/server.js:30', share: 0.5 },
      { site: 'escape dist/server.js:20', share: 0.35 },
      { site: 'render dist/server.js:10', share: 0.15 },
    ]);
    assert.deepEqual(inclusive[0], { site: 'render dist/server.js:10', share: 0.5 });
  });

  it('the preload writes a profile that holds what the process allocated and freed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'alloc-profile-'));
    try {
      const out = path.join(dir, 'a.heapprofile');
      // Garbage only: nothing this loop makes outlives its turn, so only a profile that keeps
      // freed objects has anything to say about it.
      const script =
        'const end = Date.now() + 1500; let n = 0;' +
        'const spin = () => { for (let i = 0; i < 2e4; i++) n += JSON.stringify({ i }).length;' +
        ' if (Date.now() < end) setImmediate(spin); }; spin();';
      const run = withPreload(
        new URLSearchParams({ after: '0', for: '0.5', out }).toString(),
        script,
      );
      assert.equal(run.status, 0, run.stderr);
      const { head } = JSON.parse(readFileSync(out, 'utf8'));
      assert.ok(summarizeAllocations(head).totalBytes > 1_000_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a window or a sampling interval it cannot use, before the process runs', () => {
    for (const [search, said] of [
      ['after=soon', /after must be a number from 0/],
      ['for=', /for must be a number from 0/],
      ['for=3000000', /for must be a number from 0 to 2147483/],
      ['interval=0.5', /interval must be a whole number from 1/],
    ] as const) {
      const run = withPreload(search, 'process.stdout.write("ran")');
      assert.notEqual(run.status, 0, search);
      assert.match(run.stderr, said, search);
      assert.equal(run.stdout, '', search);
    }
  });
});
