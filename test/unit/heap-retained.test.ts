// The benches' heap summary (bench/heap-retained.ts): what each kind of object keeps alive.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeHeapSnapshot } from 'node:v8';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  perUnit,
  retainedByKind,
  type HeapSnapshotJson,
  type RetainedRow,
} from '../../bench/heap-retained';

/** A snapshot of named objects: `[name, selfSize]` each, and edges `[from, to, type?]`. */
function snapshot(
  objects: [string, number][],
  links: [number, number, ('property' | 'weak')?][],
): HeapSnapshotJson {
  const strings = ['(root)', ...objects.map(([name]) => name), 'edge'];
  const nodes: number[] = [];
  const edges: number[] = [];
  const all: [string, number][] = [['(root)', 0], ...objects];
  all.forEach(([, size], i) => {
    const out = links.filter(([from]) => from === i);
    // type (0 = synthetic for the root, 1 = object), name, id, self_size, edge_count
    nodes.push(i === 0 ? 0 : 1, i, i + 1, size, out.length);
    for (const [, to, type] of out) edges.push(type === 'weak' ? 1 : 0, strings.length - 1, to * 5);
  });
  return {
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
        node_types: [['synthetic', 'object']],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [['property', 'weak']],
      },
    },
    nodes,
    edges,
    strings,
  };
}

const row = (rows: RetainedRow[], kind: string) => rows.find((r) => r.kind === kind);

describe('heap retained by kind', () => {
  it('counts what only an object holds as its, a shared one as neither’s, a nested one of its kind once, and nothing held weakly', () => {
    const snap = snapshot(
      [
        ['Socket', 100], // 1: holds 3 alone and 4 (another Socket) inside it
        ['Buffer', 50], // 2: shared by 1 and 5
        ['Parser', 30], // 3
        ['Socket', 20], // 4
        ['Socket', 10], // 5
        ['Cache', 7], // 6: only weakly held
      ],
      [
        [0, 1],
        [0, 5],
        [1, 2],
        [1, 3],
        [1, 4],
        [5, 2],
        [0, 6, 'weak'],
      ],
    );
    const { totalBytes, rows } = retainedByKind(snap);
    assert.equal(totalBytes, 210, 'what is reachable (the weakly held cache is not)');
    assert.deepEqual(row(rows, 'Socket'), {
      kind: 'Socket',
      count: 3,
      selfBytes: 130,
      retainedBytes: 100 + 30 + 20 + 10,
    });
    assert.equal(row(rows, 'Buffer')?.retainedBytes, 50);
    assert.equal(row(rows, 'Parser')?.retainedBytes, 30);
    assert.equal(row(rows, 'Cache'), undefined);
    assert.equal(rows[0]?.kind, 'Socket', 'largest first');
  });

  it('keeps the kinds there are one, two or three of per unit', () => {
    const rows = [1000, 2000, 3006, 1500, 10, 20_000].map((count, i) => ({
      kind: `k${i}`,
      count,
      selfBytes: 0,
      retainedBytes: 0,
    }));
    assert.deepEqual(
      perUnit(rows, 1000).map((r) => r.kind),
      ['k0', 'k1', 'k2'],
    );
  });

  it('reads a snapshot V8 wrote, finding objects this process keeps', () => {
    class HeldForTheSnapshot {
      readonly payload = randomBytes(500).toString('hex');
    }
    const held = Array.from({ length: 300 }, () => new HeldForTheSnapshot());
    const dir = mkdtempSync(path.join(tmpdir(), 'heap-retained-'));
    try {
      const file = writeHeapSnapshot(path.join(dir, 'test.heapsnapshot'));
      const { rows } = retainedByKind(JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshotJson);
      const found = row(rows, 'HeldForTheSnapshot');
      assert.equal(found?.count, held.length);
      assert.ok(
        (found?.retainedBytes ?? 0) >= held.length * 1000,
        'each keeps its own kilobyte string alive',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
