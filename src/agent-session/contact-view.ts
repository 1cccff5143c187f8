// The agent's customer contacts as the desktop knows them, reduced from WxCC RoutingMessage events.

export type ContactState =
  'offered' | 'connected' | 'held' | 'consulting' | 'conference' | 'wrapup';

/** One call variable (CAD) the flow marks as viewable by agents. */
export interface CallVariable {
  name: string;
  value: string;
}

export interface ContactNote {
  kind: 'info' | 'error';
  text: string;
  /** Epoch ms; old notes fade from the page. */
  at: number;
}

export interface ContactView {
  interactionId: string;
  /** The agent's leg (hold uses it); `mainMediaResourceId` is the customer's (resume uses it). */
  mediaResourceId?: string;
  mainMediaResourceId?: string;
  state: ContactState;
  direction: 'INBOUND' | 'OUTBOUND';
  ani?: string;
  dnis?: string;
  customerName?: string;
  queueName?: string;
  queueId?: string;
  callVariables: CallVariable[];
  /** Seconds WxCC lets the phone ring before RONA; with `offeredAt` the page counts down. */
  ronaTimeoutSec?: number;
  offeredAt?: number;
  /** Epoch ms the contact started: the running timer counts from here. */
  createdTimestamp?: number;
  /** Epoch ms the agent's leg ended and wrap-up began. */
  wrapUpStartedAt?: number;
  recording: { pauseResumeEnabled: boolean; paused: boolean };
  /** This agent is the one being consulted (AgentOfferConsult), not the owner. */
  consulted: boolean;
  /** The open consult leg, when this agent started one. */
  consult?: {
    destinationType: 'agent' | 'queue';
    to?: string;
    connected: boolean;
    /**
     * The agent who answered a queue consult, read from the consult leg when it connects: consult
     * transfer and conference go to them, never to the queue.
     */
    agentId?: string;
  };
  /**
   * What this desktop asked to consult, from whichever instance the agent clicked on: WxCC's
   * events do not name a consulted queue, and consult end, transfer and conference need it.
   */
  consultRequested?: { destinationType: 'agent' | 'queue'; to: string };
  /** Epoch ms the agent's session sends the default wrap-up (profile timer or "More time"). */
  autoWrapUpAt?: number;
  /** The tracking id the auto wrap-up is sent and logged under (kept across a fail-over). */
  autoWrapUpTrackingId?: string;
  /** The session sent the auto wrap-up: a new owner after a fail-over does not send it again. */
  autoWrapUpSent?: boolean;
  /** The outcome of the last action on this contact, from its result event. */
  note?: ContactNote;
}

export interface ContactBook {
  items: Record<string, ContactView>;
  /** Contacts that went away without wrap-up (RONA, abandoned), and refused outdials. */
  notes: ContactNote[];
}

export function emptyContactBook(): ContactBook {
  return { items: {}, notes: [] };
}
