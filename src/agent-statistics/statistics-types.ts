// One agent's day of statistics, made of the session's facts (agent-session/session-facts.ts).
import type { ContactRecord, StatePeriod } from '../agent-session/session-facts';

/**
 * One agent's day, in the tenant's time zone, as running totals (day-totals.ts adds each fact
 * once): what the panel and the chart are computed from. A few kB however long the shift; the day
 * used to keep every contact and period (`DayLedger`), which late in a shift was tens of kB read,
 * opened, sealed and written at every state change, most of the fan-out's CPU (seventh pass).
 */
export interface DayTotals {
  shape: 'totals';
  day: string;
  timeZone: string;
  /** Inbound contacts: offered to the agent, answered, rung out. */
  offered: number;
  answered: number;
  missed: number;
  /** Answered, then handed to someone else (either direction). */
  transferred: number;
  /** Outdials the agent placed. */
  outbound: number;
  /** Contacts answered in either direction, and the sums the averages divide (ms). */
  handled: { count: number; handleMs: number; talkMs: number; holdMs: number; wrapUpMs: number };
  availableMs: number;
  /** Idle time per idle reason id ('' without one). */
  idleMs: Record<string, number>;
  /** By the hour (0–23) the contact ended. */
  hours: { answered: number[]; missed: number[] };
  /**
   * Inbound answered in a row since the last missed (by the time offered): `seen` keeps when the
   * last of them were offered, so a missed contact counted after them takes back the later ones.
   */
  streak: { count: number; lastMissedSeenAt: number | null; seen: number[] };
  /** Ids of the last contacts counted (`interactionId@seenAt`): one counted twice is kept once. */
  counted: string[];
  /** The last period pieces counted, by key, with the time each was counted up to. */
  periods: [key: string, to: number][];
  /**
   * Every contact and period piece taken from a day kept in the earlier shape (`DayLedger`), so
   * reading that record again adds nothing twice: only a day begun before the upgrade has it.
   */
  moved?: { contacts: string[]; periods: Record<string, number> };
}

/** What an earlier day kept of each contact (days written before running totals). */
export type DayContact = Pick<
  ContactRecord,
  'direction' | 'outcome' | 'seenAt' | 'answeredAt' | 'endedAt' | 'closedAt' | 'holdMs'
>;

/** A day as it was stored before running totals: every contact and period piece of it. */
export interface DayLedger {
  day: string;
  timeZone: string;
  /** By the contact record's id (`interactionId@seenAt`). */
  contacts: Record<string, DayContact>;
  /** Pieces of periods, by `periodKey`: one crossing midnight is a piece in each day. */
  periods: Record<string, StatePeriod>;
}
