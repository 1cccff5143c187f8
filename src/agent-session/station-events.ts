// Parsing WxCC notification frames and folding them into the agent's station snapshot.
import { stampTimes } from './talk-timing';
import {
  notificationFrame,
  stationFields,
  type StationFields,
} from '../clients/wxcc-event-schemas';
import { reduceContacts } from './contact-events';
import { stampContactTimes, stampStateSince } from './contact-timing';
import { emptyContactBook } from './contact-view';
import type { NotificationEvent, StationSnapshot } from './snapshot';

/** Returns undefined for frames that are not events (keepalive acks, garbage). */
export function parseNotification(raw: string): NotificationEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const frame = notificationFrame.safeParse(json);
  if (!frame.success) return undefined;
  const { type: outer, trackingId, data } = frame.data;
  return { outer, inner: data.type ?? outer, trackingId: data.trackingId ?? trackingId, data };
}

/**
 * Another desktop holds the session. Cisco's SDK reads the OUTER type of AGENT_MULTI_LOGIN (the
 * inner one may differ); AGENT_MAX_CONNECTIONS_EXCEEDED means our socket was refused for others.
 */
const TAKE_OVER = new Set(['AGENT_MULTI_LOGIN', 'AGENT_MAX_CONNECTIONS_EXCEEDED']);
export function isTakeOver(event: NotificationEvent): boolean {
  return TAKE_OVER.has(event.outer) || TAKE_OVER.has(event.inner);
}

/**
 * Folds one event into the snapshot: the station part, then the contacts part. Pure: `now` (epoch
 * ms) stands in for a time the event does not carry.
 */
export function applyEvent(
  previous: StationSnapshot,
  event: NotificationEvent,
  agentId: string,
  now: number,
): StationSnapshot {
  // Read once: the station part and the open interactions both need the event's station fields.
  const fields = stationFields.parse(event.data);
  const next = stampStateSince(
    previous,
    applyStationEvent(previous, event, fields, agentId, now),
    now,
  );
  const before = previous.contacts ?? emptyContactBook();
  const at = typeof event.data.eventTime === 'number' ? event.data.eventTime : now;
  const contacts = stampContactTimes(
    before,
    stampTimes(before, reduceContacts(before, event, agentId, now), at),
    event,
    now,
  );
  if (contacts === before) return next;
  return {
    ...next,
    contacts,
    interactionIds: openIds(next.interactionIds, before, contacts, fields.interactionId),
  };
}

/**
 * The agent's open interactions between reloads: routing messages name one interaction, so a
 * contact that appears is added and one that is gone (or ended before we knew it) is dropped.
 */
function openIds(
  ids: string[],
  before: StationSnapshot['contacts'],
  after: StationSnapshot['contacts'],
  ended: string | undefined,
): string[] {
  const gone = new Set(Object.keys(before.items).filter((id) => !(id in after.items)));
  if (ended && !(ended in after.items)) gone.add(ended);
  const kept = ids.filter((id) => !gone.has(id));
  const added = Object.keys(after.items).filter((id) => !kept.includes(id));
  return [...kept, ...added];
}

/** Events about station state are the only truth we have. */
function applyStationEvent(
  previous: StationSnapshot,
  event: NotificationEvent,
  d: StationFields,
  agentId: string,
  now: number,
): StationSnapshot {
  if (isTakeOver(event)) return { ...previous, takenOver: true };
  switch (event.inner) {
    // AgentChannelReloginSuccess: state control v2 (Cisco's SDK after 3.12.0), outer 'AgentRequestEvent'.
    case 'AgentStationLoginSuccess':
    case 'AgentReloginSuccess':
    case 'AgentChannelReloginSuccess':
      return {
        ...previous,
        known: true,
        loggedIn: true,
        teamId: d.teamId,
        dialNumber: d.dialNumber ?? d.dn,
        deviceType: d.deviceType,
        subStatus: d.subStatus,
        auxCodeId: d.auxCodeId,
        lastStateChangeTimestamp: d.lastStateChangeTimestamp,
        lastStateChangeReason: d.lastStateChangeReason,
        changedByName: undefined,
        loggedOutBy: undefined,
        interactionIds: d.interactionIds ?? [],
        takenOver: false,
      };
    case 'AgentStateChangeSuccess':
    case 'AgentChannelStateChanged': {
      const bySomeoneElse = d.changedById !== undefined && d.changedById !== agentId;
      return {
        ...previous,
        known: true,
        loggedIn: true,
        subStatus: d.subStatus ?? previous.subStatus,
        auxCodeId: d.auxCodeId ?? previous.auxCodeId,
        lastStateChangeTimestamp: d.lastStateChangeTimestamp ?? now,
        lastStateChangeReason: d.lastStateChangeReason,
        // A later change (the agent's or a supervisor's) supersedes the note about a lost socket.
        restoredAfterDisconnectAt: undefined,
        idledByDisconnect: undefined,
        changedByName: bySomeoneElse ? (d.changedByName ?? 'a supervisor') : undefined,
        interactionIds: d.interactionIds ?? previous.interactionIds,
      };
    }
    case 'AgentLogoutSuccess':
      return {
        ...previous,
        known: true,
        loggedIn: false,
        subStatus: undefined,
        auxCodeId: undefined,
        interactionIds: [],
        loggedOutBy: d.loggedOutBy,
        changedByName:
          d.loggedOutBy && d.loggedOutBy !== 'SELF'
            ? (d.changedByName ?? d.loggedOutByName ?? 'a supervisor')
            : undefined,
      };
    case 'AgentReloginFailed':
      // AGENT_NOT_FOUND is how WxCC says "not logged in"; other reasons leave us unsure.
      return d.reason === 'AGENT_NOT_FOUND'
        ? { ...previous, known: true, loggedIn: false, interactionIds: [] }
        : previous;
    default:
      if (d.interactionIds && previous.loggedIn) {
        return { ...previous, interactionIds: d.interactionIds };
      }
      return previous;
  }
}
