// Consult, consult transfer, conference, blind transfer: contacts that involve a second party.
import { contactEvent, taskFailure, type Delivery, type TaskFailureReason } from './contact-events';
import type { Contact } from './contact-model';
import type { ContactCenter, Outcome } from './contact-center';
import { randomUUID } from '../ids';

export type Destination = 'agent' | 'queue' | 'dialNumber' | 'entryPoint' | 'entrypointDialNumber';

export interface TransferInput {
  to: string;
  destinationType: string;
}

/** A number WxCC could dial: digits with an optional +, as DSK sends them (no + at all). */
const DIALABLE = /^\+?\d{3,15}$/;

export class ContactTransfers {
  constructor(private readonly center: ContactCenter) {}

  private failure(type: string, agentId: string, contact: Contact, trackingId: string) {
    const ec = this.center.eventContext(trackingId);
    return (reason: TaskFailureReason): Outcome =>
      this.center.send({
        deliveries: [taskFailure(ec, type, agentId, reason, contact.interactionId)],
      });
  }

  private isTalking(contact: Contact, agentId: string): boolean {
    const leg = contact.legs.get(agentId);
    return leg?.hasJoined === true && !leg.hasLeft && !contact.pendingWrapUp.has(agentId);
  }

  /** Why an agent cannot take a transfer or consult, if they cannot. */
  private agentProblem(from: string, to: string, needAvailable: boolean) {
    if (!this.center.agent(to)) return 'AGENT_NOT_FOUND' as const;
    if (to === from) return 'INVALID_DESTINATION' as const;
    const session = this.center.ctx.state.sessions.get(to);
    if (!session) return 'AGENT_NOT_LOGGED_IN' as const;
    if (needAvailable && session.subStatus !== 'Available') return 'AGENT_NOT_AVAILABLE' as const;
    return undefined;
  }

  // ---- blind transfer ----

  transfer(agentId: string, contact: Contact, input: TransferInput, trackingId: string): Outcome {
    const toQueue = input.destinationType === 'queue';
    const failType = toQueue ? 'AgentVteamTransferFailed' : 'AgentBlindTransferFailed';
    const fail = this.failure(failType, agentId, contact, trackingId);
    const mayTransfer = contact.state === 'connected' || contact.state === 'held';
    if (contact.ownerId !== agentId || !mayTransfer || !this.isTalking(contact, agentId)) {
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
      const problem = this.agentProblem(agentId, input.to, true);
      if (problem) return fail(problem);
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

  // ---- consult ----

  consult(
    agentId: string,
    contact: Contact,
    input: TransferInput & { holdParticipants?: boolean },
    trackingId: string,
  ): Outcome {
    const toQueue = input.destinationType === 'queue';
    const fail = this.failure(
      toQueue ? 'AgentCtqFailed' : 'AgentConsultFailed',
      agentId,
      contact,
      trackingId,
    );
    const mayConsult = contact.state === 'connected' || contact.state === 'held';
    if (contact.ownerId !== agentId || !mayConsult || contact.consult) return fail('INVALID_STATE');
    if (!this.isTalking(contact, agentId)) return fail('INVALID_STATE');
    const ec = this.center.eventContext(trackingId);
    const start = (destinationType: Destination, consultedId?: string) => {
      contact.stateBeforeConsult = contact.state;
      contact.consult = {
        destinationType:
          destinationType === 'entrypointDialNumber' ? 'entryPoint' : destinationType,
        to: input.to,
        agentId: consultedId,
        mediaResourceId: randomUUID(),
        phase: 'offered',
      };
      if (input.holdParticipants !== false) {
        contact.isHold = true;
        contact.holdTimestamp = Date.now();
      }
      contact.state = 'consult';
      return contactEvent(ec, 'AgentConsultCreated', contact, agentId, {
        destinationType: input.destinationType,
      });
    };
    if (input.destinationType === 'agent') {
      const problem = this.agentProblem(agentId, input.to, false);
      if (problem) return fail(problem);
      const created = start('agent', input.to);
      contact.legs.set(input.to, this.center.legFor(input.to, true));
      const offered = contactEvent(ec, 'AgentOfferConsult', contact, input.to, {
        consultingAgentId: agentId,
      });
      return this.center.send({ deliveries: [created, offered] });
    }
    if (toQueue) {
      if (!this.center.settingsOf(agentId).consultToQueue) return fail('CONSULT_TO_QUEUE_DISABLED');
      if (!this.center.seed.queues.some((q) => q.id === input.to)) {
        return fail('INVALID_DESTINATION');
      }
      return this.center.send({ deliveries: [start('queue')] });
    }
    if (input.destinationType === 'dialNumber' || input.destinationType === 'entryPoint') {
      if (!DIALABLE.test(input.to)) return fail('INVALID_DESTINATION');
      const created = start(input.destinationType);
      // An outside number answers at once: there is nobody to simulate on the other end.
      contact.consult!.phase = 'connected';
      const consulting = contactEvent(ec, 'AgentConsulting', contact, agentId);
      return this.center.send({ deliveries: [created, consulting] });
    }
    return fail('INVALID_DESTINATION');
  }

  /** The consulted agent answers (on the phone, or POST .../consult/accept). */
  acceptConsult(agentId: string, contact: Contact, trackingId: string): Outcome {
    const consult = contact.consult;
    if (consult?.agentId !== agentId || consult.phase !== 'offered') {
      return this.failure(
        'AgentContactAssignFailed',
        agentId,
        contact,
        trackingId,
      )('INVALID_STATE');
    }
    consult.phase = 'connected';
    const leg = contact.legs.get(agentId) ?? this.center.legFor(agentId, true);
    leg.hasJoined = true;
    contact.legs.set(agentId, leg);
    const ec = this.center.eventContext(trackingId);
    return this.center.send({
      deliveries: [
        contactEvent(ec, 'AgentConsulting', contact, agentId),
        contactEvent(ec, 'AgentConsulting', contact, contact.ownerId),
      ],
    });
  }

  /** The consulted agent does not take the consult: the consulting agent hears it failed. */
  declineConsult(agentId: string, contact: Contact, trackingId: string): Outcome {
    const consult = contact.consult;
    if (consult?.agentId !== agentId || consult.phase !== 'offered') {
      return { status: 409, message: 'no consult is ringing at this agent' };
    }
    const ec = this.center.eventContext(trackingId);
    const ended = contactEvent(ec, 'AgentConsultEnded', contact, agentId);
    this.finishConsult(contact);
    contact.legs.delete(agentId);
    const failed = taskFailure(
      ec,
      'AgentConsultFailed',
      contact.ownerId,
      'AGENT_DECLINED',
      contact.interactionId,
    );
    return this.center.send({ deliveries: [ended, failed] });
  }

  /** The main call is back to what it was: held if the consult held it. */
  private finishConsult(contact: Contact): void {
    contact.consult = undefined;
    contact.state = contact.isHold ? 'held' : (contact.stateBeforeConsult ?? 'connected');
    contact.stateBeforeConsult = undefined;
  }

  consultEnd(agentId: string, contact: Contact, trackingId: string): Outcome {
    const consult = contact.consult;
    const toQueue = consult?.destinationType === 'queue';
    const fail = this.failure(
      toQueue ? 'AgentCtqCancelFailed' : 'AgentConsultEndFailed',
      agentId,
      contact,
      trackingId,
    );
    if (!consult || contact.state === 'conference') return fail('NO_CONSULT_IN_PROGRESS');
    if (agentId !== contact.ownerId && agentId !== consult.agentId) return fail('INVALID_STATE');
    if (!this.center.tenant.endConsultEnabled) return fail('END_CONSULT_DISABLED');
    const ec = this.center.eventContext(trackingId);
    const consulted = consult.agentId;
    if (consulted) {
      const leg = contact.legs.get(consulted);
      if (leg) leg.hasLeft = true;
    }
    this.finishConsult(contact);
    if (toQueue) {
      return this.center.send({
        deliveries: [contactEvent(ec, 'AgentCtqCancelled', contact, contact.ownerId)],
      });
    }
    const deliveries = [contactEvent(ec, 'AgentConsultEnded', contact, contact.ownerId)];
    if (consulted) deliveries.push(contactEvent(ec, 'AgentConsultEnded', contact, consulted));
    return this.center.send({ deliveries });
  }

  consultTransfer(agentId: string, contact: Contact, input: TransferInput, trackingId: string) {
    const fail = this.failure('AgentConsultTransferFailed', agentId, contact, trackingId);
    const consult = contact.consult;
    if (!consult || consult.phase !== 'connected') return fail('NO_CONSULT_IN_PROGRESS');
    if (contact.ownerId !== agentId) return fail('INVALID_STATE');
    if (input.to !== (consult.agentId ?? consult.to)) return fail('INVALID_DESTINATION');
    const ec = this.center.eventContext(trackingId);
    contact.legs.get(agentId)!.hasLeft = true;
    contact.pendingWrapUp.add(agentId);
    contact.consult = undefined;
    contact.stateBeforeConsult = undefined;
    contact.isHold = false;
    contact.holdTimestamp = null;
    contact.state = 'connected';
    const newOwner = consult.agentId;
    const deliveries: Delivery[] = [];
    if (newOwner) {
      contact.ownerId = newOwner;
      contact.legs.get(newOwner)!.isConsulted = false;
      deliveries.push(contactEvent(ec, 'AgentConsultTransferred', contact, newOwner));
    }
    deliveries.push(contactEvent(ec, 'AgentConsultTransferred', contact, agentId));
    return this.center.send({ deliveries });
  }

  // ---- conference ----

  conference(agentId: string, contact: Contact, trackingId: string): Outcome {
    const fail = this.failure('AgentConsultConferenceFailed', agentId, contact, trackingId);
    const consult = contact.consult;
    if (!consult?.agentId || consult.phase !== 'connected') return fail('NO_CONSULT_IN_PROGRESS');
    if (contact.ownerId !== agentId) return fail('INVALID_STATE');
    const consulted = consult.agentId;
    contact.consult = undefined;
    contact.stateBeforeConsult = undefined;
    contact.state = 'conference';
    contact.isHold = false;
    contact.holdTimestamp = null;
    const ec = this.center.eventContext(trackingId);
    return this.center.send({
      deliveries: [
        contactEvent(ec, 'AgentConsultConferenced', contact, agentId),
        contactEvent(ec, 'AgentConsultConferenced', contact, consulted),
      ],
    });
  }

  exitConference(agentId: string, contact: Contact, trackingId: string): Outcome {
    const fail = this.failure('ParticipantLeftConferenceFailed', agentId, contact, trackingId);
    if (contact.state !== 'conference' || !this.isTalking(contact, agentId)) {
      return fail('NOT_IN_CONFERENCE');
    }
    const ec = this.center.eventContext(trackingId);
    contact.legs.get(agentId)!.hasLeft = true;
    contact.pendingWrapUp.add(agentId);
    const remaining = [...contact.legs.values()].filter((l) => l.hasJoined && !l.hasLeft);
    if (contact.ownerId === agentId && remaining[0]) contact.ownerId = remaining[0].agentId;
    if (remaining.length <= 1) contact.state = 'connected';
    for (const leg of remaining) leg.isConsulted = false;
    const audience = [agentId, ...remaining.map((l) => l.agentId)];
    return this.center.send({
      deliveries: audience.map((id) =>
        contactEvent(ec, 'ParticipantLeftConference', contact, id, { participantId: agentId }),
      ),
    });
  }
}
