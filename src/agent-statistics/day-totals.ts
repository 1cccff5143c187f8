// An agent's day as running totals: each fact is added once, as it is counted, so the record stays
// a few kB however long the shift (it is read, opened, changed, sealed and written at every state
// change, and read again for the push that follows). Pure: the store reads and writes it.
import type { StatePeriod } from '../agent-session/session-facts';
import { hourOf } from './local-day';
import type { DayContact, DayLedger, DayTotals } from './statistics-types';

/**
 * How many of the last facts of each kind the day remembers by id. A fact comes again only while
 * two owners overlap in a hand-over, or when an owner dies between counting and saving the snapshot
 * and the next one derives it again (agent-session.ts `count`): always one of the agent's last few.
 * A period checkpointed at a shutdown and closed later keeps its id while it stays open, and no
 * other period of the agent closes meanwhile.
 */
export const REMEMBERED_FACTS = 16;

/** A period's piece in one day: the state's start, and where the piece begins. */
export const periodKey = (since: string, from: number) => `${since}:${from}`;

export function emptyDay(day: string, timeZone: string): DayTotals {
  return {
    shape: 'totals',
    day,
    timeZone,
    offered: 0,
    answered: 0,
    missed: 0,
    transferred: 0,
    outbound: 0,
    handled: { count: 0, handleMs: 0, talkMs: 0, holdMs: 0, wrapUpMs: 0 },
    availableMs: 0,
    idleMs: {},
    hours: { answered: new Array<number>(24).fill(0), missed: new Array<number>(24).fill(0) },
    streak: { count: 0, lastMissedSeenAt: null, seen: [] },
    counted: [],
    periods: [],
  };
}

/** Adds a finished contact; false when it was counted already (the day is then unchanged). */
export function addContact(day: DayTotals, id: string, r: DayContact): boolean {
  if (day.counted.includes(id) || day.moved?.contacts.includes(id)) return false;
  remember(day.counted, id);
  const inbound = r.direction === 'INBOUND';
  if (inbound) {
    day.offered += 1;
    if (r.answeredAt !== undefined) day.answered += 1;
    if (r.outcome === 'missed') day.missed += 1;
    countStreak(day.streak, r);
  } else day.outbound += 1;
  if (r.outcome === 'transferred') day.transferred += 1;
  if (r.answeredAt !== undefined) {
    const end = r.endedAt ?? r.closedAt;
    const h = day.handled;
    h.count += 1;
    h.handleMs += r.closedAt - r.answeredAt;
    // Talk: from the answer to the end of the agent's leg, less the time on hold.
    h.talkMs += Math.max(0, end - r.answeredAt - r.holdMs);
    h.holdMs += r.holdMs;
    h.wrapUpMs += r.closedAt - end;
  }
  // Per hour of the day, by the hour the contact ended.
  const hour = hourOf(r.closedAt, day.timeZone);
  if (hour >= 0 && hour < 24) {
    if (r.outcome === 'missed') day.hours.missed[hour] = (day.hours.missed[hour] ?? 0) + 1;
    else if (r.answeredAt !== undefined)
      day.hours.answered[hour] = (day.hours.answered[hour] ?? 0) + 1;
  }
  return true;
}

/**
 * Inbound contacts answered in a row since the last one missed, in the order they were offered
 * (seenAt), whatever the order they ended in: a call that rang out while an earlier one was still
 * being handled breaks the streak the earlier one is part of. `seen` keeps the last
 * REMEMBERED_FACTS of them: a missed call counted after more than that many answered calls offered
 * after it (a ring-out outlasting 16 calls) would cap the streak there.
 */
function countStreak(streak: DayTotals['streak'], r: DayContact): void {
  const last = streak.lastMissedSeenAt ?? -Infinity;
  if (r.outcome === 'missed') {
    if (r.seenAt <= last) return;
    streak.lastMissedSeenAt = r.seenAt;
    streak.seen = streak.seen.filter((s) => s > r.seenAt);
    streak.count = streak.seen.length;
  } else if (r.answeredAt !== undefined && r.seenAt > last) {
    streak.count += 1;
    remember(streak.seen, r.seenAt);
  }
}

/**
 * Adds a state period's piece; a piece counted already (a checkpoint at a shutdown, closed later)
 * adds only the time it grew by. False when nothing changed.
 */
export function addPeriod(day: DayTotals, p: StatePeriod): boolean {
  const key = periodKey(p.id, p.from);
  const keptTo = Math.max(p.from, keptUpTo(day, key) ?? p.from);
  if (keptTo >= p.to) return false;
  const at = day.periods.findIndex(([k]) => k === key);
  if (at !== -1) day.periods.splice(at, 1);
  remember(day.periods, [key, p.to]);
  const ms = p.to - keptTo;
  if (p.subStatus === 'Available') day.availableMs += ms;
  else {
    const reason = p.auxCodeId ?? '';
    day.idleMs[reason] = (day.idleMs[reason] ?? 0) + ms;
  }
  return true;
}

/** Where the state with this piece key was counted up to, if it was (checkpointed). */
export function keptUpTo(day: DayTotals, key: string): number | undefined {
  const recent = day.periods.find(([k]) => k === key)?.[1];
  const moved = day.moved?.periods[key];
  if (recent === undefined || moved === undefined) return recent ?? moved;
  return Math.max(recent, moved);
}

/**
 * Adds what an earlier-shaped day holds that this one has not counted, and remembers all of it
 * (`moved`), so reading the same record again adds nothing however many facts were counted since:
 * the earlier record stays until it expires (an instance not yet upgraded, or a build rolled back
 * to, still reads and adds to it), and any later count may read it again. False when nothing new.
 */
export function addLedger(day: DayTotals, ledger: DayLedger): boolean {
  const moved = (day.moved ??= { contacts: [], periods: {} });
  let changed = false;
  const contacts = Object.entries(ledger.contacts).sort(([, a], [, b]) => a.seenAt - b.seenAt);
  // Every count of a day begun before the upgrade reads the earlier record again: a set, not a
  // scan of the moved ids for each of its contacts.
  const taken = new Set(moved.contacts);
  for (const [id, r] of contacts) {
    if (taken.has(id)) continue;
    addContact(day, id, r);
    moved.contacts.push(id);
    changed = true;
  }
  const periods = Object.values(ledger.periods).sort((a, b) => a.to - b.to);
  for (const p of periods) {
    const key = periodKey(p.id, p.from);
    if ((moved.periods[key] ?? -Infinity) >= p.to) continue;
    addPeriod(day, p);
    moved.periods[key] = p.to;
    changed = true;
  }
  return changed;
}

function remember<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > REMEMBERED_FACTS) list.splice(0, list.length - REMEMBERED_FACTS);
}
