// Stamps the times the agent's statistics need onto the snapshot, on the session's clock: when a
// contact was seen, answered, held and ended, and when the station's state began. A pass after
// the reducers, so their rules stay where they are; what did not change keeps its identity.
import type { ContactBook, ContactTiming, ContactView } from './contact-view';
import type { NotificationEvent, StationSnapshot } from './snapshot';

/** Events that hand the contact to someone else and end this agent's leg (contact-events.ts). */
const TRANSFERS = new Set([
  'AgentBlindTransferred',
  'AgentVteamTransferred',
  'AgentConferenceTransferred',
  'AgentConsultTransferring',
  'AgentConsultTransferred',
]);

export function stampContactTimes(
  before: ContactBook,
  after: ContactBook,
  event: NotificationEvent,
  now: number,
): ContactBook {
  let items: Record<string, ContactView> | undefined;
  for (const [id, contact] of Object.entries(after.items)) {
    const previous = before.items[id];
    if (contact === previous) continue;
    const timing = nextTiming(previous, contact, event, now);
    if (timing === contact.timing) continue;
    items ??= { ...after.items };
    items[id] = { ...contact, timing };
  }
  return items === undefined ? after : { ...after, items };
}

function nextTiming(
  previous: ContactView | undefined,
  contact: ContactView,
  event: NotificationEvent,
  now: number,
): ContactTiming {
  const old = contact.timing ?? { seenAt: now, heldMs: 0 };
  const t: ContactTiming = { ...old };
  const live = contact.state !== 'offered' && contact.state !== 'wrapup';
  if (t.answeredAt === undefined && live) t.answeredAt = now;
  const held = customerHeld(contact);
  if (held && t.heldSince === undefined) t.heldSince = now;
  if (!held && t.heldSince !== undefined) {
    t.heldMs += now - t.heldSince;
    t.heldSince = undefined;
  }
  if (contact.state === 'wrapup' && t.endedAt === undefined) {
    t.endedAt = now;
    // The one who handed it on, not the consulted agent who received it.
    if (TRANSFERS.has(event.inner) && previous !== undefined && !previous.consulted) {
      t.transferred = true;
    }
  }
  const same = (Object.keys({ ...t, ...old }) as (keyof ContactTiming)[]).every(
    (k) => t[k] === old[k],
  );
  return same && contact.timing !== undefined ? contact.timing : t;
}

/**
 * The customer waits on hold: exactly while the interaction says the main call is held (the main
 * media's isHold, as Cisco's widgets time the hold: @webex/cc-task useCallControl
 * findHoldTimestamp(interaction, 'mainCall')). That is on Hold, and during a consult, which holds
 * the main call unless the agent asked otherwise (SDK services/task/index.ts consult:
 * holdParticipants defaults to true): from a conference too, unless the agent let the others keep
 * talking (@webex/cc-task consultCall: holdParticipants = !allowParticipantsToInteract). The
 * consulted agent's leg is not their contact.
 */
export function customerHeld(contact: ContactView): boolean {
  if (contact.state === 'held') return true;
  if (contact.consulted) return false;
  return (
    (contact.state === 'consulting' || contact.state === 'conference') && contact.mainHeld === true
  );
}

/** The current state began now when it differs from the one before (or the agent just logged in). */
export function stampStateSince(
  before: StationSnapshot,
  after: StationSnapshot,
  now: number,
): StationSnapshot {
  if (!after.loggedIn || after.subStatus === undefined) {
    return after.stateSince === undefined ? after : { ...after, stateSince: undefined };
  }
  const same =
    before.loggedIn &&
    before.subStatus === after.subStatus &&
    (after.subStatus === 'Available' || before.auxCodeId === after.auxCodeId) &&
    before.stateSince !== undefined;
  if (same)
    return after.stateSince === before.stateSince
      ? after
      : { ...after, stateSince: before.stateSince };
  return { ...after, stateSince: now };
}
