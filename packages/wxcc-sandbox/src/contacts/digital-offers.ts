// Chat, email and social contacts: offered only to agents whose multimedia profile has a free slot
// for that media, accepted on the desktop (POST /v1/tasks/{id}/accept), never rung on a phone.
import { randomUUID } from '../ids';
import { capacityOf, queueTakes } from './channel-capacity';
import type { ContactBook } from './contact-book';
import { taskFailure, type Outcome } from './contact-events';
import { isDigital, type Contact, type DigitalMedia } from './contact-model';
import type { TransferInput } from './contact-parties';

export interface DigitalOffer {
  mediaType: DigitalMedia;
  /** The channel within the media: 'web' chat, 'email', 'facebook', 'whatsapp', 'sms'… */
  mediaChannel?: string;
  /** The customer's address: an email address, or the social platform's id of them. */
  address: string;
  customerName: string;
  /** Absent: the first queue of the media. */
  queueId?: string;
  cad: Record<string, string>;
  ronaTimeoutSec?: number;
}

const DEFAULT_CHANNEL: Record<DigitalMedia, string> = {
  chat: 'web',
  email: 'email',
  social: 'facebook',
};

/** Open contacts of this media the agent holds (ringing, talking or owing a wrap-up). */
function openOf(center: ContactBook, agentId: string, media: Contact['mediaType']): number {
  return center.openFor(agentId).filter((c) => c.mediaType === media).length;
}

/** Why WxCC would not route this media to the agent now, if it would not. */
export function capacityProblem(
  center: ContactBook,
  agentId: string,
  media: Contact['mediaType'],
): string | undefined {
  const slots = capacityOf(center.seed, agentId, media);
  if (slots === 0) {
    return `the agent's multimedia profile has no ${media} slot: WxCC never offers them a ${media}`;
  }
  if (openOf(center, agentId, media) >= slots) {
    return `every ${media} slot of the agent is taken (${slots})`;
  }
  return undefined;
}

/** Reserved then offered (AgentContactReserved, AgentOfferContact), with the RONA timer running. */
export function offerDigital(
  center: ContactBook,
  agentId: string,
  offer: DigitalOffer,
  trackingId: string,
): Outcome & { contact?: Contact } {
  if (!center.agent(agentId)) {
    return { status: 404, message: `no agent with id ${agentId.slice(0, 64)}` };
  }
  const session = center.ctx.state.sessions.get(agentId);
  if (!session) return { status: 409, message: 'the agent is not logged in' };
  if (session.subStatus !== 'Available') {
    return { status: 409, message: 'the agent is not Available: WxCC routes contacts only then' };
  }
  const problem = capacityProblem(center, agentId, offer.mediaType);
  if (problem) return { status: 409, message: problem };
  const queue = offer.queueId
    ? center.seed.queues.find((q) => q.id === offer.queueId)
    : center.seed.queues.find((q) => queueTakes(q, offer.mediaType));
  if (!queue) return { status: 400, message: 'queueId is not one of the sandbox queues' };
  if (!queueTakes(queue, offer.mediaType)) {
    return { status: 400, message: `queueId: ${queue.name} does not route ${offer.mediaType}` };
  }
  const contact = center.newContact(agentId, {
    mediaType: offer.mediaType,
    mediaChannel: offer.mediaChannel ?? DEFAULT_CHANNEL[offer.mediaType],
    direction: 'INBOUND',
    outdial: false,
    ani: offer.address,
    dnis: center.seed.digitalAddresses[offer.mediaType],
    customerName: offer.customerName,
    queueId: queue.id,
    queueName: queue.name,
    entryPointId: center.seed.inboundEntryPoint.id,
    cad: offer.cad,
    ronaTimeoutSec: offer.ronaTimeoutSec ?? center.seed.ronaTimeoutSec,
  });
  // The conversation's own media id (the digital media manager's), not the interaction id.
  contact.conversationId = randomUUID();
  contact.pauseResumeEnabled = false;
  return { ...center.send({ deliveries: center.offer(contact, trackingId) }), contact };
}

/** Task actions that only a call has: the failure event each answers with for a conversation. */
const CALL_ONLY_FAILURES: Record<string, string> = {
  hold: 'AgentContactHoldFailed',
  unhold: 'AgentContactUnHoldFailed',
  'record/pause': 'ContactRecordingPauseFailed',
  'record/resume': 'ContactRecordingResumeFailed',
  consult: 'AgentConsultFailed',
};

/**
 * A conversation refuses what only a call has (hold, recording, consult: Cisco's widgets offer
 * them for telephony only, @webex/cc-task task-util getControlsVisibility), a transfer to a phone
 * number, and a transfer to an agent with no free slot for its media. Undefined: go ahead.
 */
export function refuseForMedia(
  center: ContactBook,
  agentId: string,
  contact: Contact,
  action: string,
  trackingId: string,
  transfer?: TransferInput,
): Outcome | undefined {
  const fail = (
    type: string,
    reason: 'MEDIA_NOT_SUPPORTED' | 'INVALID_DESTINATION' | 'NO_CHANNEL_CAPACITY',
  ) =>
    center.send({
      deliveries: [
        taskFailure(center.eventContext(trackingId), type, agentId, reason, contact.interactionId),
      ],
    });
  // A queue routes one media: a chat is not transferred to a telephony queue, nor a call to a chat one.
  const queue =
    action === 'transfer' && transfer?.destinationType === 'queue'
      ? center.seed.queues.find((q) => q.id === transfer.to)
      : undefined;
  if (queue && !queueTakes(queue, contact.mediaType)) {
    return fail('AgentVteamTransferFailed', 'INVALID_DESTINATION');
  }
  if (!isDigital(contact)) return undefined;
  const callOnly = CALL_ONLY_FAILURES[action];
  if (callOnly) return fail(callOnly, 'MEDIA_NOT_SUPPORTED');
  if (action !== 'transfer' || !transfer) return undefined;
  if (transfer.destinationType !== 'agent' && transfer.destinationType !== 'queue') {
    return fail('AgentBlindTransferFailed', 'INVALID_DESTINATION');
  }
  if (transfer.destinationType === 'agent' && center.agent(transfer.to)) {
    const slots = capacityOf(center.seed, transfer.to, contact.mediaType);
    if (slots === 0 || openOf(center, transfer.to, contact.mediaType) >= slots) {
      return fail('AgentBlindTransferFailed', 'NO_CHANNEL_CAPACITY');
    }
  }
  return undefined;
}
