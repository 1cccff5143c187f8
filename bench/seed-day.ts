// A day already worked: the bench's agents (BENCH_DAY_CONTACTS) have handled that many calls
// today before the page is loaded, each with its Available and Idle periods, written into the
// desktop's own SQLite file by the measured build's own statistics store (another checkout's,
// for a baseline), so each build starts from a day in the shape it writes. The agent page draws
// its statistics and recent contacts from these records; late in a shift they are tens of kB each.
import path from 'node:path';
import { startOfDay, dayOf } from '../src/agent-statistics/local-day';
import type { StatisticsFact } from '../src/agent-session/session-facts';
import { createMemoryBackend } from '../src/cluster/memory-backend';
import { sealRecords } from '../src/secure-store';
import { recordsAsFound } from './records-as-found';
import { deriveEncryptionKey } from '../src/session-store';
import { PROJECT_ROOT } from '../src/project-root';
import type { createStatisticsStore as StoreOfThisCheckout } from '../src/agent-statistics/statistics-store';

/** The sandbox tenant's zone (packages/wxcc-sandbox config-dto.ts): the agent's day is its day. */
const TENANT_ZONE = 'America/Los_Angeles';
const IDLE_CODE = 'fdaba960-5939-4840-90d1-af712d924e53';

/** `contacts` calls handled today by each of `agentIds`, the last one ending a minute ago. */
export async function seedDay(options: {
  file: string;
  /** SESSION_ENCRYPTION_KEY as the desktop was given it. */
  encryptionKey: string;
  agentIds: string[];
  contacts: number;
  /** The checkout whose statistics store writes the day (the measured build's). */
  root?: string;
}): Promise<void> {
  if (options.contacts <= 0) return;
  const { createStatisticsStore } = (await import(
    path.join(options.root ?? PROJECT_ROOT, 'src/agent-statistics/statistics-store.ts')
  )) as { createStatisticsStore: typeof StoreOfThisCheckout };
  const secure = sealRecords(
    recordsAsFound(options.file),
    deriveEncryptionKey(options.encryptionKey),
  );
  const now = Date.now();
  const store = createStatisticsStore({ secure, backend: createMemoryBackend(), now: () => now });
  // Every call inside today, however early in the tenant's day the bench runs.
  const dayStart = startOfDay(dayOf(now, TENANT_ZONE), TENANT_ZONE);
  const step = Math.min(180_000, Math.floor((now - 60_000 - dayStart) / (options.contacts + 1)));
  const facts = Array.from({ length: options.contacts }, (_, n) =>
    callAt(now - 60_000 - (options.contacts - n) * step, n, step),
  ).flat();
  try {
    // All of a day's facts at once: one read and one write of each record per agent.
    for (const agentId of options.agentIds) await store.record(agentId, facts, TENANT_ZONE);
  } finally {
    await secure.close();
  }
}

/** One handled call at `at` in a cycle of `step` ms: Available before it, Idle after it. */
function callAt(at: number, n: number, step: number): StatisticsFact[] {
  const interactionId = `5eed0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const tenth = Math.floor(step / 10);
  return [
    {
      kind: 'period',
      period: { id: String(at - tenth), subStatus: 'Available', from: at - tenth, to: at },
    },
    {
      kind: 'contact',
      record: {
        id: `${interactionId}@${at}`,
        interactionId,
        direction: 'INBOUND',
        number: '+14085550142',
        name: 'Seeded Caller',
        queue: 'Support queue',
        outcome: 'handled',
        seenAt: at,
        answeredAt: at + tenth / 10,
        endedAt: at + tenth * 5,
        closedAt: at + tenth * 6,
        holdMs: tenth / 2,
        wrapUp: { id: IDLE_CODE, name: 'Resolved' },
      },
    },
    {
      kind: 'period',
      period: {
        id: String(at + tenth * 6),
        subStatus: 'Idle',
        auxCodeId: IDLE_CODE,
        from: at + tenth * 6,
        to: at + tenth * 8,
      },
    },
  ];
}
