// Parsing WxCC notification frames and folding them into the agent's station snapshot.
import { reduceContacts } from './contact-events';
import { emptyContactBook } from './contact-types';
import type { NotificationEvent, StationSnapshot } from './station-types';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** Returns undefined for frames that are not events (keepalive acks, garbage). */
export function parseNotification(raw: string): NotificationEvent | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(frame)) return undefined;
  const outer = str(frame.type);
  if (outer === undefined) return undefined;
  const data = isRecord(frame.data) ? frame.data : {};
  return {
    outer,
    inner: str(data.type) ?? outer,
    trackingId: str(data.trackingId) ?? str(frame.trackingId),
    data,
  };
}

/**
 * Another desktop holds the session. Cisco's SDK reads the OUTER type of AGENT_MULTI_LOGIN (the
 * inner one may differ); AGENT_MAX_CONNECTIONS_EXCEEDED means our socket was refused for others.
 */
const TAKE_OVER = new Set(['AGENT_MULTI_LOGIN', 'AGENT_MAX_CONNECTIONS_EXCEEDED']);
export function isTakeOver(event: NotificationEvent): boolean {
  return TAKE_OVER.has(event.outer) || TAKE_OVER.has(event.inner);
}

/** Folds one event into the snapshot: the station part, then the contacts part. */
export function applyEvent(
  previous: StationSnapshot,
  event: NotificationEvent,
  agentId: string,
): StationSnapshot {
  const next = applyStationEvent(previous, event, agentId);
  const before = previous.contacts ?? emptyContactBook();
  const contacts = reduceContacts(before, event, agentId);
  if (contacts === before) return next;
  return {
    ...next,
    contacts,
    interactionIds: openIds(next.interactionIds, before, contacts, event),
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
  event: NotificationEvent,
): string[] {
  const gone = new Set(Object.keys(before.items).filter((id) => !(id in after.items)));
  const ended = str(event.data.interactionId);
  if (ended && !(ended in after.items)) gone.add(ended);
  const kept = ids.filter((id) => !gone.has(id));
  const added = Object.keys(after.items).filter((id) => !kept.includes(id));
  return [...kept, ...added];
}

/** Events about station state are the only truth we have. */
function applyStationEvent(
  previous: StationSnapshot,
  event: NotificationEvent,
  agentId: string,
): StationSnapshot {
  const d = event.data;
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
        teamId: str(d.teamId),
        dialNumber: str(d.dialNumber) ?? str(d.dn),
        deviceType: str(d.deviceType),
        subStatus: str(d.subStatus),
        auxCodeId: str(d.auxCodeId),
        lastStateChangeTimestamp: num(d.lastStateChangeTimestamp),
        lastStateChangeReason: str(d.lastStateChangeReason),
        changedByName: undefined,
        loggedOutBy: undefined,
        interactionIds: stringList(d.interactionIds),
        takenOver: false,
      };
    case 'AgentStateChangeSuccess':
    case 'AgentChannelStateChanged': {
      const changedById = str(d.changedById);
      const bySomeoneElse = changedById !== undefined && changedById !== agentId;
      return {
        ...previous,
        known: true,
        loggedIn: true,
        subStatus: str(d.subStatus) ?? previous.subStatus,
        auxCodeId: str(d.auxCodeId) ?? previous.auxCodeId,
        lastStateChangeTimestamp: num(d.lastStateChangeTimestamp) ?? Date.now(),
        lastStateChangeReason: str(d.lastStateChangeReason),
        // A later change (the agent's or a supervisor's) supersedes the note about a lost socket.
        restoredAfterDisconnectAt: undefined,
        idledByDisconnect: undefined,
        changedByName: bySomeoneElse ? (str(d.changedByName) ?? 'a supervisor') : undefined,
        interactionIds: Array.isArray(d.interactionIds)
          ? stringList(d.interactionIds)
          : previous.interactionIds,
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
        loggedOutBy: str(d.loggedOutBy),
        changedByName:
          str(d.loggedOutBy) && d.loggedOutBy !== 'SELF'
            ? (str(d.changedByName) ?? str(d.loggedOutByName) ?? 'a supervisor')
            : undefined,
      };
    case 'AgentReloginFailed':
      // AGENT_NOT_FOUND is how WxCC says "not logged in"; other reasons leave us unsure.
      return str(d.reason) === 'AGENT_NOT_FOUND'
        ? { ...previous, known: true, loggedIn: false, interactionIds: [] }
        : previous;
    default:
      if (Array.isArray(d.interactionIds) && previous.loggedIn) {
        return { ...previous, interactionIds: stringList(d.interactionIds) };
      }
      return previous;
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string').slice(0, 50)
    : [];
}
