// One simulated contact (a call, or a chat, email or social message): who is on it, in what state,
// and what its next events carry.

/** interaction.state as Cisco's SDK fixtures spell it (TASKS.md §3). */
export type InteractionState = 'new' | 'connected' | 'held' | 'consult' | 'conference' | 'WRAPUP';

/**
 * interaction.mediaType as Cisco's SDK names the four kinds (services/task/types.ts MEDIA_CHANNEL;
 * Interaction.mediaType); the narrower channel (facebook, whatsapp, sms, web…) is mediaChannel.
 */
export type MediaType = 'telephony' | 'chat' | 'email' | 'social';
export const DIGITAL_MEDIA = ['chat', 'email', 'social'] as const;
export type DigitalMedia = (typeof DIGITAL_MEDIA)[number];

export interface AgentLeg {
  agentId: string;
  name: string;
  dn: string;
  teamId: string;
  hasJoined: boolean;
  /** Epoch ms the agent joined (answered): WxCC's participant joinTimestamp. */
  joinTimestamp?: number;
  hasLeft: boolean;
  /** The agent was brought in by a consult rather than routed the contact. */
  isConsulted: boolean;
}

/**
 * Someone outside the tenant's agents on the call: a dialled number, or an entry point's flow,
 * reached by a consult and kept on the call by a conference. WxCC lists it among the interaction's
 * participants with pType 'DN' or, for an entry point, type 'EpDn' / pType 'EP-DN' and its epId
 * (what Cisco's SDK services/core/Utils.ts calculateDestAgentId and calculateDestType read).
 */
export interface OutsideParty {
  /** Its key in the interaction's participants and media legs. */
  key: string;
  destinationType: 'dialNumber' | 'entryPoint';
  /** The number dialled: the one asked for, or the entry point's. */
  number: string;
  epId?: string;
  hasLeft: boolean;
}

export interface Consult {
  destinationType: 'agent' | 'queue' | 'dialNumber' | 'entryPoint';
  to: string;
  /** The agent who asked: the owner, or in a conference any agent on the call. */
  fromId: string;
  /** The consulted agent, once known (a queue consult has none until the queue offers it). */
  agentId?: string;
  mediaResourceId: string;
  /** offered: ringing at the consulted agent; connected: both agents talk. */
  phase: 'offered' | 'connected';
  /** A consult to a number or an entry point: who answered it. */
  outside?: OutsideParty;
}

export interface Contact {
  interactionId: string;
  mediaType: MediaType;
  /** The channel within the media type: 'broadcloud' for calls, 'web' chat, 'email', 'facebook'… */
  mediaChannel: string;
  /** A chat, email or social conversation's own media id (its main leg's mediaResourceId). */
  conversationId?: string;
  /** The agent who owns the contact; changes on transfer. */
  ownerId: string;
  state: InteractionState;
  direction: 'INBOUND' | 'OUTBOUND';
  outdial: boolean;
  ani: string;
  dnis: string;
  customerName: string;
  queueId: string;
  queueName: string;
  entryPointId: string;
  previousQueues: string[];
  /** CAD variables: the flow's agent-viewable globals. */
  cad: Record<string, string>;
  createdTimestamp: number;
  ronaTimeoutSec: number;
  isHold: boolean;
  holdTimestamp: number | null;
  /** Before a consult put it on hold: what to return to once the consult ends. */
  stateBeforeConsult?: InteractionState;
  legs: Map<string, AgentLeg>;
  consult?: Consult;
  /** Numbers and entry points a conference brought onto the main call. */
  outside?: OutsideParty[];
  pauseResumeEnabled: boolean;
  recordingPaused: boolean;
  customerLeft: boolean;
  /**
   * Agents a conference may hold (the seed's conferenceMaxAgents): Cisco's widgets offer Consult
   * in a conference only below @webex/cc-task Utils/constants MAX_PARTICIPANTS_IN_MULTIPARTY_CONFERENCE
   * (7), counting agents as cc-store getConferenceParticipantsCount does.
   */
  conferenceMaxAgents: number;
  /** Agents who still owe a wrap-up. */
  pendingWrapUp: Set<string>;
  /** Cancels the RONA timer of the ringing offer. */
  cancelRona?: () => void;
}

/** The agents who hear about this contact: its owner and everyone still on it. */
export function audienceOf(contact: Contact): string[] {
  const ids = new Set<string>([contact.ownerId]);
  for (const leg of contact.legs.values()) if (!leg.hasLeft) ids.add(leg.agentId);
  for (const id of contact.pendingWrapUp) ids.add(id);
  if (contact.consult?.agentId) ids.add(contact.consult.agentId);
  return [...ids];
}

/** Whether the agent still has this contact open (ringing, talking or owing a wrap-up). */
export function isOpenFor(contact: Contact, agentId: string): boolean {
  if (contact.pendingWrapUp.has(agentId)) return true;
  if (contact.consult?.agentId === agentId) return true;
  const leg = contact.legs.get(agentId);
  if (leg) return !leg.hasLeft;
  return contact.ownerId === agentId && contact.state === 'new';
}

/** A chat, email or social contact: accepted on the desktop, never rung on a phone. */
export function isDigital(contact: Contact): boolean {
  return contact.mediaType !== 'telephony';
}

/**
 * Agents on the main call now, not on a consult leg that is still open: those Cisco's cc-store
 * getConferenceParticipantsCount counts (media[interactionId].participants, hasLeft false).
 */
export function agentsOnMainCall(contact: Contact): string[] {
  return [...contact.legs.values()]
    .filter((l) => l.hasJoined && !l.hasLeft && l.agentId !== contact.consult?.agentId)
    .map((l) => l.agentId);
}

/** Numbers and entry points on the main call now: cc-store counts them as conference participants. */
export function outsideOnMainCall(contact: Contact): OutsideParty[] {
  return (contact.outside ?? []).filter((p) => !p.hasLeft);
}
