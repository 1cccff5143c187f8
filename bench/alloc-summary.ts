// Sums a heap profile (bench/alloc-profile.mjs) by function: what each allocated itself, and with
// everything it called. `node --import tsx bench/alloc-summary.ts FILE [TOP]`.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

export interface AllocationRow {
  site: string;
  /** Share of every byte allocated in the window, 0..1. */
  share: number;
}

/** `name file:line`, the file's last two path parts: enough to find it, short enough to read. */
function siteOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split('/').slice(-2).join('/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

/** Self and inclusive bytes by site, largest first; a recursive site counts once per stack. */
export function summarizeAllocations(head: ProfileNode, top = 30) {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const walk = (node: ProfileNode, onStack: Set<string>): number => {
    const site = siteOf(node);
    total += node.selfSize;
    self.set(site, (self.get(site) ?? 0) + node.selfSize);
    const entered = !onStack.has(site);
    if (entered) onStack.add(site);
    let sum = node.selfSize;
    for (const child of node.children) sum += walk(child, onStack);
    if (entered) {
      onStack.delete(site);
      inclusive.set(site, (inclusive.get(site) ?? 0) + sum);
    }
    return sum;
  };
  walk(head, new Set());
  const rows = (by: Map<string, number>): AllocationRow[] =>
    [...by]
      .filter(([site]) => !site.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([site, bytes]) => ({ site, share: total === 0 ? 0 : bytes / total }));
  return { totalBytes: total, self: rows(self), inclusive: rows(inclusive) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [file, topText = '30'] = process.argv.slice(2);
  const top = Number(topText);
  if (!file || !Number.isInteger(top) || top < 1) {
    throw new Error('usage: alloc-summary.ts FILE [TOP, a whole number of rows]');
  }
  const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: ProfileNode };
  const summary = summarizeAllocations(head, top);
  const percent = (r: AllocationRow) => `${(r.share * 100).toFixed(1).padStart(5)} %  ${r.site}`;
  console.log(`${(summary.totalBytes / 1e6).toFixed(1)} MB allocated in the window`);
  console.log('\nAllocated by the function itself:');
  for (const row of summary.self) console.log(percent(row));
  console.log('\nWith what it called:');
  for (const row of summary.inclusive) console.log(percent(row));
}
