// What an agent's statistics keep in the desktop's memory: 1,000 agents each count
// BENCH_CONTACTS (argument; default 5, a 10-minute soak's worth) contacts with their two state
// periods through the statistics store over the sealed SQLite store, as the desktop does; prints
// the heap retained per contact after full collections. Runs at any commit since the statistics
// came (issue 19 compared 384e3f5 with its fix):
//   node --expose-gc --conditions=wxcc-source --import tsx bench/statistics-memory.ts 5
import { randomBytes } from 'node:crypto';
import { createMemoryBackend } from '../src/cluster/memory-backend';
import { sealRecords } from '../src/secure-store';
import { sqliteRecords } from '../src/secure-store/sqlite-records';
import { createStatisticsStore } from '../src/agent-statistics/statistics-store';
import type { StatisticsFact } from '../src/agent-session/session-facts';

const AGENTS = 1000;
const perAgent = Number(process.argv[2] ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const start = Date.parse('2030-03-01T17:00:00Z');
const store = createStatisticsStore({
  secure: sealRecords(sqliteRecords(':memory:'), randomBytes(32)),
  backend: createMemoryBackend(),
  now: () => start + 8 * 3600_000,
});
const CODE = 'fdaba960-5939-4840-90d1-af712d924e53';

/** One soak cycle's facts: Available, a handled call with hold and wrap-up, Idle. */
function cycle(agent: number, n: number): StatisticsFact[] {
  const at = start + n * 120_000 + agent;
  const interactionId = `0d3f5b7a-9c1e-4a2b-8d4f-${String(agent * 1000 + n).padStart(12, '0')}`;
  return [
    {
      kind: 'contact',
      record: {
        id: `${interactionId}@${at}`,
        interactionId,
        direction: 'INBOUND',
        number: '+14085550142',
        name: 'Soak Caller',
        queue: 'Support queue',
        outcome: 'handled',
        seenAt: at,
        answeredAt: at + 2000,
        endedAt: at + 30_000,
        closedAt: at + 40_000,
        holdMs: 5000,
        wrapUp: { id: CODE, name: 'Resolved' },
      },
    },
    {
      kind: 'period',
      period: { id: String(at - 5000), subStatus: 'Available', from: at - 5000, to: at },
    },
    {
      kind: 'period',
      period: {
        id: String(at + 40_000),
        subStatus: 'Idle',
        auxCodeId: CODE,
        from: at + 40_000,
        to: at + 100_000,
      },
    },
  ];
}

gc();
gc();
const before = process.memoryUsage().heapUsed;
for (let n = 0; n < perAgent; n += 1)
  for (let agent = 0; agent < AGENTS; agent += 1)
    await store.record(`agent-${agent}`, cycle(agent, n), 'America/Los_Angeles');
gc();
gc();
const grown = process.memoryUsage().heapUsed - before;
const contacts = perAgent * AGENTS;
// Read after the measure, so the store (and whatever it keeps) is surely alive while measured.
const recent = (await store.recent('agent-0')).length;
console.log(
  JSON.stringify({
    contacts,
    recentOfOneAgent: recent,
    heapRetainedMiB: Math.round((grown / 2 ** 20) * 10) / 10,
    bytesPerContact: Math.round(grown / contacts),
  }),
);
