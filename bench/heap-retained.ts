// What holds a heap snapshot's memory: each kind of object (a constructor's name) with how many
// there are and what they keep alive, their retained size (the bytes that would go if they went:
// the dominator tree, as DevTools' "Retained Size"). With 1,000 agents connected, a kind there
// about 1,000 or 3,000 times is per agent, and its retained size over the agents is what an agent
// costs in it. `node --import tsx bench/heap-retained.ts FILE [TOP]`; the agents bench prints it
// with BENCH_HEAP_SNAPSHOT=1.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of V8's `.heapsnapshot` JSON this reads. */
export interface HeapSnapshotJson {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface RetainedRow {
  /** `Socket`, `(closure) end`, `(string)`: a constructor's name, or the node's kind. */
  kind: string;
  count: number;
  selfBytes: number;
  /** What the objects of this kind keep alive together (nested ones are counted once). */
  retainedBytes: number;
}

/** Node kinds named by their kind alone: their names are their contents (text, code). */
const BY_KIND_ONLY = new Set(['string', 'concatenated string', 'sliced string', 'number', 'code']);

export function retainedByKind(snap: HeapSnapshotJson): {
  totalBytes: number;
  rows: RetainedRow[];
} {
  const { meta } = snap.snapshot;
  const nodeWidth = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const nameAt = meta.node_fields.indexOf('name');
  const sizeAt = meta.node_fields.indexOf('self_size');
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  const edgeTypeAt = meta.edge_fields.indexOf('type');
  const toAt = meta.edge_fields.indexOf('to_node');
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  // Weak references keep nothing alive; shortcuts are views' duplicates of real edges.
  const ignored = new Set(['weak', 'shortcut'].map((t) => edgeTypes.indexOf(t)));
  const { nodes, edges, strings } = snap;
  const count = nodes.length / nodeWidth;

  // Successors in compressed rows.
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0; i < count; i += 1)
    firstEdge[i + 1] = firstEdge[i]! + nodes[i * nodeWidth + edgeCountAt]! * edgeWidth;
  const targets = (i: number): number[] => {
    const out: number[] = [];
    for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += edgeWidth) {
      if (!ignored.has(edges[e + edgeTypeAt]!)) out.push(edges[e + toAt]! / nodeWidth);
    }
    return out;
  };

  // Postorder from the root (node 0), without recursion: snapshots are deep. Each edge is met
  // once here, so the predecessors are gathered on the way.
  const order: number[] = [];
  const predecessors: number[][] = Array.from({ length: count }, () => []);
  const postIndex = new Int32Array(count).fill(-1);
  const seen = new Uint8Array(count);
  const stack: { node: number; next: number[]; at: number }[] = [
    { node: 0, next: targets(0), at: 0 },
  ];
  seen[0] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.at < top.next.length) {
      const w = top.next[top.at++]!;
      predecessors[w]!.push(top.node);
      if (!seen[w]) {
        seen[w] = 1;
        stack.push({ node: w, next: targets(w), at: 0 });
      }
    } else {
      stack.pop();
      postIndex[top.node] = order.length;
      order.push(top.node);
    }
  }

  // Immediate dominators (Cooper, Harvey and Kennedy's iteration over reverse postorder).
  const idom = new Int32Array(count).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (postIndex[a]! < postIndex[b]!) a = idom[a]!;
      while (postIndex[b]! < postIndex[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let k = order.length - 2; k >= 0; k -= 1) {
      const v = order[k]!;
      let found = -1;
      for (const p of predecessors[v]!) {
        if (idom[p] === -1) continue;
        found = found === -1 ? p : intersect(p, found);
      }
      if (found !== -1 && idom[v] !== found) {
        idom[v] = found;
        changed = true;
      }
    }
  }

  const retained = new Float64Array(count);
  // Postorder: every node's own size is complete before it is added to its dominator's.
  for (const v of order) {
    retained[v] = retained[v]! + nodes[v * nodeWidth + sizeAt]!;
    if (v !== 0) retained[idom[v]!] = retained[idom[v]!]! + retained[v]!;
  }

  const kindOf = (i: number): string => {
    const type = nodeTypes[nodes[i * nodeWidth + typeAt]!]!;
    if (BY_KIND_ONLY.has(type)) return `(${type})`;
    const name = strings[nodes[i * nodeWidth + nameAt]!]!;
    if (type === 'object' || type === 'native') return name;
    return `(${type}) ${name}`.slice(0, 80);
  };
  // A kind's retained size counts each object once: one inside another of its kind is left out.
  const kindIds = new Map<string, number>();
  const kindId = new Int32Array(count);
  for (let i = 0; i < count; i += 1) {
    const kind = kindOf(i);
    let id = kindIds.get(kind);
    if (id === undefined) kindIds.set(kind, (id = kindIds.size));
    kindId[i] = id;
  }
  const kinds: RetainedRow[] = [...kindIds.keys()].map((kind) => ({
    kind,
    count: 0,
    selfBytes: 0,
    retainedBytes: 0,
  }));
  let totalBytes = 0;
  for (const v of order) {
    const self = nodes[v * nodeWidth + sizeAt]!;
    totalBytes += self;
    if (v === 0) continue;
    const row = kinds[kindId[v]!]!;
    row.count += 1;
    row.selfBytes += self;
    let outer = idom[v]!;
    while (outer !== 0 && kindId[outer] !== kindId[v]) outer = idom[outer]!;
    if (outer === 0) row.retainedBytes += retained[v]!;
  }
  const rows = kinds.filter((r) => r.count > 0).sort((a, b) => b.retainedBytes - a.retainedBytes);
  return { totalBytes, rows };
}

/** The kinds there are about `per` (or a small multiple) of, largest retained first. */
export function perUnit(rows: RetainedRow[], per: number, top = 15): RetainedRow[] {
  return rows
    .filter((r) => {
      const times = r.count / per;
      return times >= 0.95 && Math.abs(times - Math.round(times)) <= 0.05 && times <= 8;
    })
    .slice(0, top);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [file, topText = '30'] = process.argv.slice(2);
  const top = Number(topText);
  if (!file || !Number.isInteger(top) || top < 1) {
    throw new Error('usage: heap-retained.ts FILE [TOP, a whole number of rows]');
  }
  const { totalBytes, rows } = retainedByKind(
    JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshotJson,
  );
  console.log(`${(totalBytes / 1e6).toFixed(1)} MB live`);
  console.log('retained MB   self MB     count  kind');
  for (const r of rows.slice(0, top)) {
    console.log(
      `${(r.retainedBytes / 1e6).toFixed(2).padStart(11)} ${(r.selfBytes / 1e6).toFixed(2).padStart(8)} ${String(r.count).padStart(9)}  ${r.kind}`,
    );
  }
}
