// Where the agent's statistics live: one sealed record per agent and day (the tenant's day) and
// the agent's last contacts, in the secure store (SQLite or Redis, so a restart keeps them and
// every instance reads the same), forgotten 35 days after the day ends.
import { randomBytes } from 'node:crypto';
import { keys, type ClusterBackend } from '../cluster/backend';
import type { SecureStore } from '../secure-store';
import { dayOf, endOfDay, splitByDay, type DayKey } from './local-day';
import type { ContactRecord, StatisticsFact } from '../agent-session/session-facts';
import { addContact, addLedger, addPeriod, emptyDay } from './day-totals';
import type { DayLedger, DayTotals } from './statistics-types';

export const KEEP_DAYS = 35;
const DAY_MS = 24 * 3600 * 1000;
export const KEEP_MS = KEEP_DAYS * DAY_MS;
export const RECENT_COUNT = 50;

/** Writers of one agent take turns (two owners overlap during a hand-over): no write is lost. */
const LOCK_MS = 5000;
const LOCK_TRIES = 100;
const LOCK_PAUSE_MS = 20;

/** The day as running totals (day-totals.ts). */
const dayKey = (agentId: string, day: DayKey) => `agent-day:${agentId}:${day}`;
/**
 * The day as it was kept before: every contact and period (`DayLedger`). Its own key, so an
 * instance not yet upgraded (a rolling upgrade) or a build rolled back to never reads totals as a
 * day it does not know: it goes on reading and adding to that record, which is left to expire with
 * its day. The totals take in what it holds, each fact once (`moved`, day-totals.ts). Looking for
 * it costs every count one read that finds nothing once no instance writes it: drop it in a later
 * release.
 */
const ledgerKey = (agentId: string, day: DayKey) => `agent-stats:${agentId}:${day}`;
const recentKey = (agentId: string) => `agent-recent:${agentId}`;
/**
 * Not kept opened in memory: both records grow with every contact and are read once a page view
 * or a contact (a day of 1,000 agents would hold hundreds of MiB; issue 19).
 */
const FRESH = { remember: false } as const;

export interface StatisticsStore {
  /** Adds facts; one already kept (same id) is kept as it was. */
  record(agentId: string, facts: StatisticsFact[], timeZone: string): Promise<void>;
  day(agentId: string, day: DayKey, timeZone: string): Promise<DayTotals>;
  /** The agent's last contacts, newest first, none older than the keeping period. */
  recent(agentId: string): Promise<ContactRecord[]>;
}

export interface StatisticsStoreOptions {
  secure: SecureStore;
  /** Its leases serialise the writers of one agent across instances. */
  backend: ClusterBackend;
  /** Who holds the lock, unique per store (random unless given). */
  holder?: string;
  now: () => number;
}

export function createStatisticsStore(options: StatisticsStoreOptions): StatisticsStore {
  const { secure, backend, now } = options;
  const holder = options.holder ?? randomBytes(8).toString('hex');

  async function withLock<T>(agentId: string, work: () => Promise<T>): Promise<T> {
    const key = keys.statisticsLock(agentId);
    for (let i = 0; i < LOCK_TRIES; i += 1) {
      if (await backend.acquire(key, holder, LOCK_MS)) {
        try {
          return await work();
        } finally {
          await backend.release(key, holder);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_PAUSE_MS));
    }
    throw new Error('the statistics of this agent stayed locked');
  }

  /**
   * The day's totals, with what an earlier-shaped record of it holds added (`moved`: something new
   * was). A writer always looks for the earlier record; a reader only when there are no totals
   * yet, sparing a read per page view: during a rolling upgrade, facts an instance not yet upgraded
   * added to the earlier record show from the agent's next count on.
   */
  async function readDay(agentId: string, day: DayKey, timeZone: string, writing: boolean) {
    const earlierOne = () => secure.get(ledgerKey(agentId, day), FRESH);
    const [found, looked] = await Promise.all([
      secure.get(dayKey(agentId, day), FRESH),
      writing ? earlierOne() : undefined,
    ]);
    const kept = isTotals(found, day) ? found : undefined;
    const earlier = writing || kept !== undefined ? looked : await earlierOne();
    const ledger = isLedger(earlier, day) ? earlier : undefined;
    // A day counted before keeps its own zone, as it did then.
    const totals = kept ?? emptyDay(day, ledger?.timeZone ?? timeZone);
    const moved = ledger !== undefined && addLedger(totals, ledger);
    return { totals, moved };
  }

  async function record(agentId: string, facts: StatisticsFact[], timeZone: string) {
    if (facts.length === 0) return;
    const byDay = new Map<DayKey, StatisticsFact[]>();
    const add = (day: DayKey, fact: StatisticsFact) =>
      byDay.set(day, [...(byDay.get(day) ?? []), fact]);
    for (const fact of facts) {
      if (fact.kind === 'contact') add(dayOf(fact.record.closedAt, timeZone), fact);
      else
        for (const piece of splitByDay(fact.period.from, fact.period.to, timeZone))
          add(piece.day, {
            kind: 'period',
            period: { ...fact.period, from: piece.from, to: piece.to },
          });
    }
    await withLock(agentId, async () => {
      for (const [day, part] of byDay) {
        const ttl = endOfDay(day, timeZone) + KEEP_MS - now();
        if (ttl <= 0) continue;
        const { totals, moved } = await readDay(agentId, day, timeZone, true);
        let changed = moved;
        for (const fact of part) {
          const added =
            fact.kind === 'contact'
              ? addContact(totals, fact.record.id, fact.record)
              : addPeriod(totals, fact.period);
          changed = added || changed;
        }
        if (changed) await secure.set(dayKey(agentId, day), totals, ttl, FRESH);
      }
      const records = facts.flatMap((f) => (f.kind === 'contact' ? [f.record] : []));
      if (records.length > 0) await addRecent(agentId, records);
    });
  }

  async function addRecent(agentId: string, records: ContactRecord[]) {
    const known = await recent(agentId);
    const ids = new Set(known.map((r) => r.id));
    const fresh = records.filter((r) => !ids.has(r.id));
    if (fresh.length === 0) return;
    const list = [...known, ...fresh]
      .sort((a, b) => b.closedAt - a.closedAt)
      .slice(0, RECENT_COUNT);
    // Each contact is kept 35 days after it ended: the list lives as long as its newest one.
    await secure.set(recentKey(agentId), list, (list[0]?.closedAt ?? 0) + KEEP_MS - now(), FRESH);
  }

  async function recent(agentId: string): Promise<ContactRecord[]> {
    const list = (await secure.get(recentKey(agentId), FRESH)) as ContactRecord[] | undefined;
    const oldest = now() - KEEP_MS;
    return Array.isArray(list) ? list.filter((r) => r.closedAt > oldest) : [];
  }

  return {
    record,
    async day(agentId, day, timeZone) {
      if (endOfDay(day, timeZone) + KEEP_MS <= now()) return emptyDay(day, timeZone);
      return (await readDay(agentId, day, timeZone, false)).totals;
    },
    recent,
  };
}

function isTotals(found: unknown, day: DayKey): found is DayTotals {
  const t = found as Partial<DayTotals> | undefined;
  return t?.shape === 'totals' && t.day === day && Array.isArray(t.counted);
}

function isLedger(found: unknown, day: DayKey): found is DayLedger {
  const l = found as Partial<DayLedger> | undefined;
  return (
    l?.day === day &&
    typeof l.contacts === 'object' &&
    l.contacts !== null &&
    typeof l.periods === 'object' &&
    l.periods !== null
  );
}
