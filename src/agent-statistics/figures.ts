// The figures of the agent's day, computed from its ledger and, for the state the agent is in
// now, from the snapshot: pure, so every instance shows the same from the same store.
import type { StationSnapshot } from '../agent-session/snapshot';
import { hourOf, startOfDay, endOfDay } from './local-day';
import { periodKey } from './statistics-store';
import type { DayContact, DayLedger } from './statistics-types';

export interface DayFigures {
  offered: number;
  answered: number;
  missed: number;
  transferred: number;
  /** Outdials the agent placed (outbound contacts). */
  outbound: number;
  /** Averages in ms over the contacts the agent answered; undefined with none. */
  averages: { handle?: number; talk?: number; hold?: number; wrapUp?: number };
  availableMs: number;
  /** Idle time per idle reason id. */
  idleMs: Record<string, number>;
  /** Inbound contacts answered in a row since the last one missed. */
  streak: number;
  /** Per hour of the day (0–23): contacts answered and missed, by the hour they ended. */
  hours: { hour: number; answered: number; missed: number }[];
}

export function dayFigures(
  ledger: DayLedger,
  snapshot: StationSnapshot | undefined,
  now: number,
): DayFigures {
  const records = Object.values(ledger.contacts).sort((a, b) => a.seenAt - b.seenAt);
  const inbound = records.filter((r) => r.direction === 'INBOUND');
  const answered = records.filter((r) => r.answeredAt !== undefined);
  const { availableMs, idleMs } = stateTimes(ledger, snapshot, now);
  return {
    offered: inbound.length,
    answered: inbound.filter((r) => r.answeredAt !== undefined).length,
    missed: inbound.filter((r) => r.outcome === 'missed').length,
    transferred: records.filter((r) => r.outcome === 'transferred').length,
    outbound: records.length - inbound.length,
    averages: {
      handle: mean(answered.map((r) => r.closedAt - (r.answeredAt ?? r.closedAt))),
      talk: mean(answered.map(talkMs)),
      hold: mean(answered.map((r) => r.holdMs)),
      wrapUp: mean(answered.map((r) => r.closedAt - (r.endedAt ?? r.closedAt))),
    },
    availableMs,
    idleMs,
    streak: streakOf(inbound),
    hours: hoursOf(records, ledger.timeZone),
  };
}

/** Talk: from the answer to the end of the agent's leg, less the time on hold. */
function talkMs(r: DayContact): number {
  const end = r.endedAt ?? r.closedAt;
  return Math.max(0, end - (r.answeredAt ?? end) - r.holdMs);
}

function mean(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  return Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

function streakOf(inbound: DayContact[]): number {
  let streak = 0;
  for (const r of [...inbound].reverse()) {
    if (r.outcome === 'missed') break;
    if (r.answeredAt !== undefined) streak += 1;
  }
  return streak;
}

function stateTimes(ledger: DayLedger, snapshot: StationSnapshot | undefined, now: number) {
  let availableMs = 0;
  const idleMs: Record<string, number> = {};
  const add = (subStatus: string, auxCodeId: string | undefined, ms: number) => {
    if (ms <= 0) return;
    if (subStatus === 'Available') availableMs += ms;
    else {
      const reason = auxCodeId ?? '';
      idleMs[reason] = (idleMs[reason] ?? 0) + ms;
    }
  };
  for (const p of Object.values(ledger.periods)) add(p.subStatus, p.auxCodeId, p.to - p.from);
  // The state the agent is in now counts up to now, from today's midnight at the earliest.
  const since = snapshot?.loggedIn ? snapshot.stateSince : undefined;
  if (since !== undefined && snapshot?.subStatus) {
    const from = Math.max(since, startOfDay(ledger.day, ledger.timeZone));
    const to = Math.min(now, endOfDay(ledger.day, ledger.timeZone));
    // Part of it may be kept already (checkpointed when an instance shut down): the rest counts.
    const kept = ledger.periods[periodKey(String(since), from)];
    add(snapshot.subStatus, snapshot.auxCodeId, to - Math.max(from, kept?.to ?? from));
  }
  return { availableMs, idleMs };
}

function hoursOf(records: DayContact[], timeZone: string): DayFigures['hours'] {
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, answered: 0, missed: 0 }));
  for (const r of records) {
    const slot = hours[hourOf(r.closedAt, timeZone)];
    if (slot === undefined) continue;
    if (r.outcome === 'missed') slot.missed += 1;
    else if (r.answeredAt !== undefined) slot.answered += 1;
  }
  return hours;
}
