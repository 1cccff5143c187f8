// One agent's day of statistics, made of the session's facts (agent-session/session-facts.ts).
import type { ContactRecord, StatePeriod } from '../agent-session/session-facts';

/**
 * What the day's figures read of a contact. The day keeps only this (the recent contacts list
 * keeps whole records): the day is read, opened, changed, sealed and written at every state change
 * and read again for the push that follows, and late in a shift that was most of the fan-out's CPU
 * (sixth pass). A day written before keeps its whole records, which have these fields too.
 */
export type DayContact = Pick<
  ContactRecord,
  'direction' | 'outcome' | 'seenAt' | 'answeredAt' | 'endedAt' | 'closedAt' | 'holdMs'
>;

/** One agent's day, in the tenant's time zone: what the panel and the chart are computed from. */
export interface DayLedger {
  day: string;
  timeZone: string;
  /** By the contact record's id (`interactionId@seenAt`): a fact counted twice is kept once. */
  contacts: Record<string, DayContact>;
  /** Pieces of periods: one crossing midnight is stored as a piece in each day. */
  periods: Record<string, StatePeriod>;
}
