// The counting step of the agent's session: from one snapshot transition (before → after, and the
// event that caused it) to the facts the statistics keep. Pure, like the reducer it follows.
import type { ContactView } from './contact-view';
import type { NotificationEvent, StationSnapshot } from './snapshot';
import type { ContactOutcome, ContactRecord, StatisticsFact } from './session-facts';

export function countStep(
  before: StationSnapshot,
  after: StationSnapshot,
  event: NotificationEvent | undefined,
  now: number,
): StatisticsFact[] {
  if (before === after) return [];
  const facts: StatisticsFact[] = [];
  const period = closedPeriod(before, after, now);
  if (period) facts.push(period);
  for (const [id, contact] of Object.entries(before.contacts.items)) {
    if (id in after.contacts.items) continue;
    // A consult leg this agent was asked into is someone else's contact.
    if (contact.consulted) continue;
    facts.push({ kind: 'contact', record: recordOf(contact, event, now) });
  }
  return facts;
}

/**
 * The state the agent is in, counted up to now: kept when the session closes (a shutdown, a hand-
 * over), so a restart that cannot find the snapshot again loses none of it. The full period,
 * closed later by whoever holds the session, replaces it (the longer wins).
 */
export function openPeriod(snapshot: StationSnapshot, now: number): StatisticsFact[] {
  if (!snapshot.loggedIn) return [];
  return [closedPeriod(snapshot, { ...snapshot, stateSince: undefined }, now)].flatMap((f) =>
    f === undefined ? [] : [f],
  );
}

function closedPeriod(
  before: StationSnapshot,
  after: StationSnapshot,
  now: number,
): StatisticsFact | undefined {
  const since = before.stateSince;
  if (since === undefined || after.stateSince === since) return undefined;
  const subStatus = before.subStatus;
  if (subStatus !== 'Available' && subStatus !== 'Idle') return undefined;
  return {
    kind: 'period',
    period: {
      id: String(since),
      subStatus,
      auxCodeId: subStatus === 'Idle' ? before.auxCodeId : undefined,
      from: since,
      to: Math.max(since, now),
    },
  };
}

function recordOf(
  contact: ContactView,
  event: NotificationEvent | undefined,
  now: number,
): ContactRecord {
  const t = contact.timing ?? { seenAt: contact.offeredAt ?? now, heldMs: 0 };
  const heldMs = t.heldMs + (t.heldSince === undefined ? 0 : now - t.heldSince);
  const answered = t.answeredAt !== undefined;
  const inbound = contact.direction === 'INBOUND';
  return {
    id: `${contact.interactionId}@${t.seenAt}`,
    interactionId: contact.interactionId,
    direction: contact.direction,
    number: inbound ? contact.ani : (contact.dnis ?? contact.ani),
    name: contact.customerName,
    queue: contact.queueName,
    outcome: outcomeOf(contact, event?.inner, answered),
    seenAt: t.seenAt,
    answeredAt: t.answeredAt,
    endedAt: answered ? (t.endedAt ?? now) : undefined,
    closedAt: now,
    holdMs: heldMs,
    wrapUp: event?.inner === 'AgentWrappedUp' ? wrapUpOf(event) : undefined,
  };
}

function outcomeOf(
  contact: ContactView,
  inner: string | undefined,
  answered: boolean,
): ContactOutcome {
  if (inner === 'AgentOfferContactRona') return 'missed';
  if (contact.timing?.transferred) return 'transferred';
  if (!answered) return inner === 'ContactEnded' ? 'abandoned' : 'ended';
  return 'handled';
}

/** AgentWrappedUp names the code (Cisco's SDK services/task/types.ts: wrapUpReason, auxCodeId). */
function wrapUpOf(event: NotificationEvent): ContactRecord['wrapUp'] {
  const d = event.data;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v.slice(0, 120) : undefined);
  const id = text(d.wrapUpAuxCodeId) ?? text(d.auxCodeId);
  const name = text(d.wrapUpReason);
  return id === undefined && name === undefined ? undefined : { id, name };
}
