// What a session's changes mean for the agent's statistics: one record per finished contact and
// one per state period, each with an id that names the real thing it counts, so counting it twice
// (two owners overlapping during a hand-over, a retry after a restart) keeps one. The session
// derives them (count-step.ts); agent-statistics/ keeps and adds them up.

export type ContactOutcome =
  /** Answered and finished by this agent. */
  | 'handled'
  /** Answered, then handed to someone else. */
  | 'transferred'
  /** Rang out without an answer (RONA). */
  | 'missed'
  /** The caller hung up while it rang. */
  | 'abandoned'
  /** Gone without an ending the desktop saw (a logout, a reload that no longer lists it). */
  | 'ended';

export interface ContactRecord {
  /** `interactionId@seenAt`: a contact offered again after a RONA is another record. */
  id: string;
  interactionId: string;
  direction: 'INBOUND' | 'OUTBOUND';
  /** The customer's number: the caller's for inbound, the dialled one for outbound. */
  number?: string;
  name?: string;
  queue?: string;
  outcome: ContactOutcome;
  /** Epoch ms on the owner's clock. */
  seenAt: number;
  answeredAt?: number;
  /** The agent's leg ended (wrap-up began); absent when it was never answered. */
  endedAt?: number;
  /** The contact left the agent (wrapped up, rang out, hung up). */
  closedAt: number;
  holdMs: number;
  wrapUp?: { id?: string; name?: string };
}

export interface StatePeriod {
  /** `since`: the time the state began, as the snapshot keeps it for every owner. */
  id: string;
  subStatus: 'Available' | 'Idle';
  /** The idle reason's id (absent for Available). */
  auxCodeId?: string;
  from: number;
  to: number;
}

export type StatisticsFact =
  { kind: 'contact'; record: ContactRecord } | { kind: 'period'; period: StatePeriod };
