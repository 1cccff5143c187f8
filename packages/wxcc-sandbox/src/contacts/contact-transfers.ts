// Blind transfer: the call leaves this agent for another agent, a queue or a number.
import { contactEvent, type Delivery, type Outcome } from './contact-events';
import type { Contact } from './contact-model';
import { capacityOf } from './channel-capacity';
import type { ContactBook } from './contact-book';
import {
  DIALABLE,
  agentProblem,
  failureOf,
  isTalking,
  type TransferInput,
} from './contact-parties';

export class ContactTransfers {
  constructor(private readonly center: ContactBook) {}

  transfer(agentId: string, contact: Contact, input: TransferInput, trackingId: string): Outcome {
    const toQueue = input.destinationType === 'queue';
    const failType = toQueue ? 'AgentVteamTransferFailed' : 'AgentBlindTransferFailed';
    const fail = failureOf(this.center, failType, agentId, contact, trackingId);
    const mayTransfer = contact.state === 'connected' || contact.state === 'held';
    if (contact.ownerId !== agentId || !mayTransfer || !isTalking(contact, agentId)) {
      return fail('INVALID_STATE');
    }
    const ec = this.center.eventContext(trackingId);
    const leave = (type: string): Delivery => {
      contact.legs.get(agentId)!.hasLeft = true;
      contact.pendingWrapUp.add(agentId);
      contact.isHold = false;
      contact.holdTimestamp = null;
      return contactEvent(ec, type, contact, agentId, { destinationType: input.destinationType });
    };
    if (input.destinationType === 'agent') {
      const problem = agentProblem(this.center, agentId, input.to, true);
      if (problem) return fail(problem);
      // A conversation goes only to an agent whose multimedia profile takes its media: the buddy
      // list asked for by that media names no other (`@webex/cc-store` getBuddyAgents(mediaType)).
      if (capacityOf(this.center.seed, input.to, contact.mediaType) === 0) {
        return fail('NO_CHANNEL_CAPACITY');
      }
      const transferred = leave('AgentBlindTransferred');
      contact.ownerId = input.to;
      contact.state = 'new';
      const offered = this.center.offer(contact, trackingId);
      return this.center.send({ deliveries: [transferred, ...offered] });
    }
    if (toQueue) {
      const queue = this.center.seed.queues.find((q) => q.id === input.to);
      if (!queue) return fail('INVALID_DESTINATION');
      contact.previousQueues = [...contact.previousQueues, contact.queueId];
      contact.queueId = queue.id;
      contact.queueName = queue.name;
      const transferred = leave('AgentVteamTransferred');
      this.center.dropIfDone(contact);
      return this.center.send({ deliveries: [transferred] });
    }
    if (
      input.destinationType === 'dialNumber' ||
      input.destinationType === 'entrypointDialNumber'
    ) {
      if (!DIALABLE.test(input.to)) return fail('INVALID_DESTINATION');
      return this.center.send({ deliveries: [leave('AgentBlindTransferred')] });
    }
    return fail('INVALID_DESTINATION');
  }
}
