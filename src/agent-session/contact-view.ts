// The agent's customer contacts as the desktop knows them, reduced from WxCC RoutingMessage events.
import type { Message } from '../i18n/message';

/** Where a consult goes (SDK services/task/types.ts DESTINATION_TYPE). */
export type ConsultDestination = 'agent' | 'queue' | 'dialNumber' | 'entryPoint';

export type ContactState =
  'offered' | 'connected' | 'held' | 'consulting' | 'conference' | 'wrapup';

/** One call variable (CAD) the flow marks as viewable by agents. */
export interface CallVariable {
  name: string;
  value: string;
  /**
   * The label WxCC gives it (callAssociatedData displayName, or callFlowParams' `description`);
   * the name when it gives none.
   */
  label?: string;
  /** Whether the flow lets the agent change it (callAssociatedData agentEditable). */
  editable?: boolean;
  /** The declared type as WxCC sends it (STRING, INTEGER, DECIMAL, BOOLEAN, DATE_TIME). */
  type?: string;
}

export interface ContactNote {
  kind: 'info' | 'error';
  /**
   * A Message, said in each reader's language; snapshots stored before the notes were translated
   * hold English words, shown as written.
   */
  text: Message | string;
  /** Epoch ms; old notes fade from the page. */
  at: number;
}

export interface ContactView {
  interactionId: string;
  /**
   * The interaction's mediaType ('telephony', 'chat', 'email', 'social') and mediaChannel ('web',
   * 'facebook', 'whatsapp'…); absent in snapshots older than digital contacts: a call.
   */
  mediaType?: string;
  mediaChannel?: string;
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
  /** Epoch ms the agent answered (contact-timing.ts): talk time counts from here. */
  answeredAt?: number;
  /** Epoch ms the call was put on hold, while it is held: the hold timer counts from here. */
  heldAt?: number;
  /**
   * WxCC holds the customer's leg (the main media's `isHold`): on Hold, and during a consult, which
   * holds the customer unless it starts from a conference (SDK services/task/index.ts consult:
   * `holdParticipants` defaults to true). Cisco's widgets time the hold from that leg (@webex/cc-task
   * useCallControl: findHoldTimestamp(interaction, 'mainCall')).
   */
  mainHeld?: boolean;
  /** Epoch ms the agent's leg ended and wrap-up began. */
  wrapUpStartedAt?: number;
  recording: { pauseResumeEnabled: boolean; paused: boolean };
  /**
   * The agents on the main call now (not the customer, not those who left, not one only on a
   * consult leg), as Cisco's cc-store getConferenceParticipantsCount counts them: two or more is a
   * conference in progress (SDK TaskUtils.ts getIsConferenceInProgress).
   */
  agentsOnCall?: {
    agentId: string;
    name?: string;
    /** A dialled number or an entry point conferenced in (pType 'DN' / 'EP-DN'), not an agent. */
    outside?: 'number' | 'entryPoint';
    /** The number such a party was dialled on. */
    dn?: string;
  }[];
  /** This agent is the one being consulted (AgentOfferConsult), not the owner. */
  consulted: boolean;
  /** The open consult leg, when this agent started one. */
  consult?: {
    /** What was consulted: an agent, a queue, an outside number or an entry point. */
    destinationType: ConsultDestination;
    to?: string;
    connected: boolean;
    /**
     * The agent who answered a queue consult, read from the consult leg when it connects: consult
     * transfer and conference go to them, never to the queue.
     */
    agentId?: string;
    /**
     * Who the consult leg reaches, as the interaction names it (a dialled number's or an entry
     * point's participant): what consult transfer and conference send.
     */
    party?: { to: string; destinationType: ConsultDestination };
  };
  /**
   * What this desktop asked to consult, from whichever instance the agent clicked on: WxCC's
   * events do not name a consulted queue, and consult end, transfer and conference need it.
   */
  consultRequested?: { destinationType: ConsultDestination; to: string };
  /** Epoch ms the agent's session sends the default wrap-up (profile timer or "More time"). */
  autoWrapUpAt?: number;
  /** The tracking id the auto wrap-up is sent and logged under (kept across a fail-over). */
  autoWrapUpTrackingId?: string;
  /** The session sent the auto wrap-up: a new owner after a fail-over does not send it again. */
  autoWrapUpSent?: boolean;
  /** The outcome of the last action on this contact, from its result event. */
  note?: ContactNote;
  /** When it rang, was answered, held and ended, on the session's clock (contact-timing.ts). */
  timing?: ContactTiming;
}

/**
 * A contact's times as the agent's session saw them, all on the session's one clock (WxCC's
 * eventTime is absent from some events and on another clock), kept in the snapshot so a new
 * owner after a fail-over goes on measuring. The agent's statistics are computed from them.
 */
export interface ContactTiming {
  /** First seen (offered, or found already open after a reload). */
  seenAt: number;
  /** The agent's leg connected (answered, or an outdial the customer picked up). */
  answeredAt?: number;
  /** On hold since; `heldMs` holds the hold periods already over. */
  heldSince?: number;
  heldMs: number;
  /** The agent's leg ended: wrap-up began. */
  endedAt?: number;
  /** It left the agent by a transfer (blind, to a queue, after a consult or a conference). */
  transferred?: boolean;
}

export interface ContactBook {
  items: Record<string, ContactView>;
  /** Contacts that went away without wrap-up (RONA, abandoned), and refused outdials. */
  notes: ContactNote[];
}

export function emptyContactBook(): ContactBook {
  return { items: {}, notes: [] };
}
