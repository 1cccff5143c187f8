// The agent's station as the desktop knows it, built from WxCC notification events.
import type { DeviceType } from '../domain/agent';
import { emptyContactBook, type ContactBook } from './contact-view';

/** What the agent picked on the station form; remembered to prefill it next time. */
export interface StationChoice {
  teamId: string;
  deviceType: DeviceType;
  /** The dial number as the agent's dial rules send it, or extension digits. */
  dialNumber: string;
}

export interface StationSnapshot {
  /** False until WxCC has told us (reload or an event): the page then says "checking". */
  known: boolean;
  loggedIn: boolean;
  teamId?: string;
  dialNumber?: string;
  deviceType?: string;
  /** `Available` or `Idle`. */
  subStatus?: string;
  auxCodeId?: string;
  /** Epoch ms of the last state change, so time-in-state survives reloads. */
  lastStateChangeTimestamp?: number;
  /**
   * When the current state (Available, or Idle with this reason) began on the session's clock;
   * the agent's statistics time each state from it (station-timing.ts).
   */
  stateSince?: number;
  /** Why WxCC last changed the state, e.g. 'agent-wss-disconnect' after a lost socket. */
  lastStateChangeReason?: string;
  /**
   * Epoch ms when the desktop restored Available after WxCC had moved the agent to Idle because
   * the notification socket was lost; the page tells the agent.
   */
  restoredAfterDisconnectAt?: number;
  /** The socket was lost and WxCC left the agent Idle; restoring Available did not succeed. */
  idledByDisconnect?: boolean;
  /** Set when someone other than the agent (a supervisor) made the last change. */
  changedByName?: string;
  loggedOutBy?: string;
  interactionIds: string[];
  /** Another desktop took the session over (AGENT_MULTI_LOGIN). */
  takenOver: boolean;
  /** The agent's customer contacts, reduced from RoutingMessage events (contact-events.ts). */
  contacts: ContactBook;
  /**
   * The WxCC notification socket as its owner last saw it (wxcc-socket.ts): the page's bar shows
   * it. Absent until the first socket of this session opened.
   */
  socket?: SocketHealth;
  /**
   * Changes when the agent's scheduled callbacks do (agent-tools/callbacks.ts): the pages' live
   * streams redraw the callbacks panel from the list kept then, without asking WxCC per page.
   */
  callbacksVersion?: string;
}

/** `recoveredAt`: the socket came back after a gap at this epoch ms (the page says so a moment). */
export interface SocketHealth {
  status: 'open' | 'reconnecting' | 'lost';
  /** Epoch ms the socket entered this status. */
  since: number;
  recoveredAt?: number;
}

export interface NotificationEvent {
  /** The outer `type`, e.g. `StationLogin`, `AgentStateChange`, `Logout`. */
  outer: string;
  /** The inner `data.type`, e.g. `AgentStationLoginSuccess`. */
  inner: string;
  trackingId?: string;
  data: Record<string, unknown>;
}

export function emptySnapshot(): StationSnapshot {
  return {
    known: false,
    loggedIn: false,
    interactionIds: [],
    takenOver: false,
    contacts: emptyContactBook(),
  };
}
