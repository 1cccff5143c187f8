// One agent's day of statistics, made of the session's facts (agent-session/session-facts.ts).
import type { ContactRecord, StatePeriod } from '../agent-session/session-facts';

/** One agent's day, in the tenant's time zone: what the panel and the chart are computed from. */
export interface DayLedger {
  day: string;
  timeZone: string;
  contacts: Record<string, ContactRecord>;
  /** Pieces of periods: one crossing midnight is stored as a piece in each day. */
  periods: Record<string, StatePeriod>;
}
