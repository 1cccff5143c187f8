// Checks shared by transfers and consults: who may act, who may be reached, and the failure to send.
import { taskFailure, type TaskFailureReason, type Outcome } from './contact-events';
import type { Contact } from './contact-model';
import type { ContactBook } from './contact-book';

export interface TransferInput {
  to: string;
  destinationType: string;
}

export type Destination = 'agent' | 'queue' | 'dialNumber' | 'entryPoint' | 'entrypointDialNumber';

/** A number WxCC could dial: digits with an optional +, as DSK sends them (no + at all). */
export const DIALABLE = /^\+?\d{3,15}$/;

/** Sends a `type` failure event about the contact to the agent who asked, with the reason. */
export function failureOf(
  center: ContactBook,
  type: string,
  agentId: string,
  contact: Contact,
  trackingId: string,
) {
  const ec = center.eventContext(trackingId);
  return (reason: TaskFailureReason): Outcome =>
    center.send({ deliveries: [taskFailure(ec, type, agentId, reason, contact.interactionId)] });
}

/** On the call now, and not merely owing a wrap-up. */
export function isTalking(contact: Contact, agentId: string): boolean {
  const leg = contact.legs.get(agentId);
  return leg?.hasJoined === true && !leg.hasLeft && !contact.pendingWrapUp.has(agentId);
}

/** Why an agent cannot take a transfer or consult, if they cannot. */
export function agentProblem(
  center: ContactBook,
  from: string,
  to: string,
  needAvailable: boolean,
) {
  if (!center.agent(to)) return 'AGENT_NOT_FOUND' as const;
  if (to === from) return 'INVALID_DESTINATION' as const;
  const session = center.ctx.state.sessions.get(to);
  if (!session) return 'AGENT_NOT_LOGGED_IN' as const;
  if (needAvailable && session.subStatus !== 'Available') return 'AGENT_NOT_AVAILABLE' as const;
  return undefined;
}
