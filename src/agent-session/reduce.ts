// The one reducer of an agent's live state. WxCC's events and the desktop's own facts (taken over,
// restored after a lost socket, a consult requested, an auto wrap-up due or sent) are folded into
// the snapshot here, with the clock passed in. Only the agent's session calls it (agent-session.ts).
import type { ConsultDestination, ContactView } from './contact-view';
import { applyEvent } from './station-events';
import type { NotificationEvent, SocketHealth, StationSnapshot } from './snapshot';

/** What the desktop learned itself: never from an event, always about one agent. */
export type SessionFact =
  /** A socket of this desktop is open again: it holds the session (no longer taken over). */
  | { type: 'socket-open' }
  /** The socket was lost: the channel is reconnecting (wxcc-socket.ts backoff). */
  | { type: 'socket-lost' }
  /** The channel gave up (the sign-in is gone): only a new sign-in brings it back. */
  | { type: 'socket-stopped' }
  /** The Idle WxCC imposed for a lost socket was undone (Available again), or could not be. */
  | { type: 'restored-after-disconnect' }
  | { type: 'restore-failed' }
  | {
      type: 'consult-requested';
      interactionId: string;
      destinationType: ConsultDestination;
      to: string;
    }
  /** The default wrap-up is due at `at` (the profile's timer, or "More time" from now). */
  /** `trackingId`: of what set the timer (the wrap-up event, "More time"), for the job's logs. */
  | { type: 'auto-wrap-up-due'; interactionId: string; at: number; trackingId?: string }
  | { type: 'auto-wrap-up-sent'; interactionId: string }
  /** The agent's scheduled callbacks changed (booked, cancelled): open pages redraw their list. */
  | { type: 'callbacks-changed'; version: string };

export type SessionInput =
  { kind: 'event'; event: NotificationEvent } | { kind: 'fact'; fact: SessionFact };

export interface ReduceContext {
  agentId: string;
  /** Epoch ms, from the session's clock. */
  now: number;
}

/** Returns the same object when nothing changed, so callers can skip publishing. */
export function reduce(
  snapshot: StationSnapshot,
  input: SessionInput,
  context: ReduceContext,
): StationSnapshot {
  if (input.kind === 'event')
    return applyEvent(snapshot, input.event, context.agentId, context.now);
  const fact = input.fact;
  switch (fact.type) {
    case 'socket-open': {
      const was = snapshot.socket;
      if (!snapshot.takenOver && was?.status === 'open') return snapshot;
      const socket: SocketHealth = { status: 'open', since: context.now };
      // Back after a gap: the page shows the recovery as it happens.
      if (was !== undefined && was.status !== 'open') socket.recoveredAt = context.now;
      return { ...snapshot, takenOver: false, socket };
    }
    case 'socket-lost':
      return snapshot.socket?.status === 'reconnecting'
        ? snapshot
        : { ...snapshot, socket: { status: 'reconnecting', since: context.now } };
    case 'socket-stopped':
      return { ...snapshot, socket: { status: 'lost', since: context.now } };
    case 'restored-after-disconnect':
      return { ...snapshot, restoredAfterDisconnectAt: context.now, idledByDisconnect: undefined };
    case 'restore-failed':
      return { ...snapshot, idledByDisconnect: true };
    case 'consult-requested':
      return withContact(snapshot, fact.interactionId, (c) => ({
        ...c,
        consultRequested: { destinationType: fact.destinationType, to: fact.to },
      }));
    case 'auto-wrap-up-due':
      return withContact(snapshot, fact.interactionId, (c) =>
        c.state === 'wrapup' && !c.autoWrapUpSent
          ? { ...c, autoWrapUpAt: fact.at, autoWrapUpTrackingId: fact.trackingId }
          : c,
      );
    case 'auto-wrap-up-sent':
      return withContact(snapshot, fact.interactionId, (c) => ({ ...c, autoWrapUpSent: true }));
    case 'callbacks-changed':
      return snapshot.callbacksVersion === fact.version
        ? snapshot
        : { ...snapshot, callbacksVersion: fact.version };
  }
}

/** A fact about a contact the snapshot no longer has changes nothing. */
function withContact(
  snapshot: StationSnapshot,
  interactionId: string,
  change: (contact: ContactView) => ContactView,
): StationSnapshot {
  const contact = snapshot.contacts.items[interactionId];
  if (contact === undefined) return snapshot;
  const changed = change(contact);
  if (changed === contact) return snapshot;
  return {
    ...snapshot,
    contacts: {
      ...snapshot.contacts,
      items: { ...snapshot.contacts.items, [interactionId]: changed },
    },
  };
}
