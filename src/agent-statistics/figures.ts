// The figures of the agent's day, computed from its running totals and, for the state the agent is
// in now, from the snapshot: pure, so every instance shows the same from the same store.
import type { StationSnapshot } from '../agent-session/snapshot';
import { startOfDay, endOfDay } from './local-day';
import { keptUpTo, periodKey } from './day-totals';
import type { DayTotals } from './statistics-types';

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
  day: DayTotals,
  snapshot: StationSnapshot | undefined,
  now: number,
): DayFigures {
  const h = day.handled;
  const mean = (sum: number) => (h.count === 0 ? undefined : Math.round(sum / h.count));
  const { availableMs, idleMs } = stateTimes(day, snapshot, now);
  return {
    offered: day.offered,
    answered: day.answered,
    missed: day.missed,
    transferred: day.transferred,
    outbound: day.outbound,
    averages: {
      handle: mean(h.handleMs),
      talk: mean(h.talkMs),
      hold: mean(h.holdMs),
      wrapUp: mean(h.wrapUpMs),
    },
    availableMs,
    idleMs,
    streak: day.streak.count,
    hours: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      answered: day.hours.answered[hour] ?? 0,
      missed: day.hours.missed[hour] ?? 0,
    })),
  };
}

/** The day's state times, and the state the agent is in now up to now. */
function stateTimes(day: DayTotals, snapshot: StationSnapshot | undefined, now: number) {
  let availableMs = day.availableMs;
  const idleMs = { ...day.idleMs };
  // The state the agent is in now counts up to now, from today's midnight at the earliest.
  const since = snapshot?.loggedIn ? snapshot.stateSince : undefined;
  if (since !== undefined && snapshot?.subStatus) {
    const from = Math.max(since, startOfDay(day.day, day.timeZone));
    const to = Math.min(now, endOfDay(day.day, day.timeZone));
    // Part of it may be kept already (checkpointed when an instance shut down): the rest counts.
    const ms = to - Math.max(from, keptUpTo(day, periodKey(String(since), from)) ?? from);
    if (ms > 0) {
      if (snapshot.subStatus === 'Available') availableMs += ms;
      else {
        const reason = snapshot.auxCodeId ?? '';
        idleMs[reason] = (idleMs[reason] ?? 0) + ms;
      }
    }
  }
  return { availableMs, idleMs };
}
