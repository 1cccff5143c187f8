// Consults and conferences: a second agent (or number) joins the call, then takes it, joins in, or leaves.
import { contactEvent, taskFailure, type Delivery, type Outcome } from './contact-events';
import type { Contact } from './contact-model';
import type { ContactBook } from './contact-book';
import { randomUUID } from '../ids';
import {
  DIALABLE,
  agentProblem,
  failureOf,
  isTalking,
  type Destination,
  type TransferInput,
} from './contact-parties';

export class ContactConsults {
  constructor(private readonly center: ContactBook) {}

  consult(
    agentId: string,
    contact: Contact,
    input: TransferInput & { holdParticipants?: boolean },
    trackingId: string,
  ): Outcome {
    const toQueue = input.destinationType === 'queue';
    const fail = failureOf(
      this.center,
      toQueue ? 'AgentCtqFailed' : 'AgentConsultFailed',
      agentId,
      contact,
      trackingId,
    );
    const mayConsult = contact.state === 'connected' || contact.state === 'held';
    if (contact.ownerId !== agentId || !mayConsult || contact.consult) return fail('INVALID_STATE');
    if (!isTalking(contact, agentId)) return fail('INVALID_STATE');
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
      const problem = agentProblem(this.center, agentId, input.to, false);
      if (problem) return fail(problem);
      const created = start('agent', input.to);
      const offered = this.offerConsult(contact, input.to, trackingId);
      return this.center.send({ deliveries: [created, offered] });
    }
    if (toQueue) {
      if (!this.center.settingsOf(agentId).consultToQueue) return fail('CONSULT_TO_QUEUE_DISABLED');
      if (!this.center.seed.queues.some((q) => q.id === input.to)) {
        return fail('INVALID_DESTINATION');
      }
      const created = start('queue');
      // The queue offers it to a free Available agent if there is one; else it waits there.
      const free = this.center.ctx.seed.agents.find(
        (a) =>
          a.id !== agentId &&
          this.center.ctx.state.sessions.get(a.id)?.subStatus === 'Available' &&
          this.center.openFor(a.id).length === 0,
      );
      if (!free) return this.center.send({ deliveries: [created] });
      contact.consult!.agentId = free.id;
      const offered = this.offerConsult(contact, free.id, trackingId);
      return this.center.send({ deliveries: [created, offered] });
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

  /** Rings at the consulted agent; unanswered, the consult fails after the call's ronaTimeout. */
  private offerConsult(contact: Contact, consultedId: string, trackingId: string) {
    contact.legs.set(consultedId, this.center.legFor(consultedId, true));
    contact.cancelRona = this.center.ctx.timers.set(
      () => this.declineConsult(consultedId, contact, randomUUID(), 'RONA'),
      contact.ronaTimeoutSec * 1000,
    );
    const ec = this.center.eventContext(trackingId);
    return contactEvent(ec, 'AgentOfferConsult', contact, consultedId, {
      consultingAgentId: contact.ownerId,
    });
  }

  /** The consulted agent answers (on the phone, or POST .../consult/accept). */
  acceptConsult(agentId: string, contact: Contact, trackingId: string): Outcome {
    const consult = contact.consult;
    if (consult?.agentId !== agentId || consult.phase !== 'offered') {
      return failureOf(
        this.center,
        'AgentContactAssignFailed',
        agentId,
        contact,
        trackingId,
      )('INVALID_STATE');
    }
    consult.phase = 'connected';
    contact.cancelRona?.();
    contact.cancelRona = undefined;
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

  /**
   * The consulted agent does not take the consult (declines, or lets it ring past ronaTimeout):
   * the consulting agent hears it failed.
   */
  declineConsult(
    agentId: string,
    contact: Contact,
    trackingId: string,
    reason: 'AGENT_DECLINED' | 'RONA' = 'AGENT_DECLINED',
  ): Outcome {
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
      consult.destinationType === 'queue' ? 'AgentCtqFailed' : 'AgentConsultFailed',
      contact.ownerId,
      reason,
      contact.interactionId,
    );
    return this.center.send({ deliveries: [ended, failed] });
  }

  /** The main call is back to what it was: held if the consult held it. */
  private finishConsult(contact: Contact): void {
    contact.cancelRona?.();
    contact.cancelRona = undefined;
    contact.consult = undefined;
    contact.state = contact.isHold ? 'held' : (contact.stateBeforeConsult ?? 'connected');
    contact.stateBeforeConsult = undefined;
  }

  /** Ends the consult; one still waiting in (or ringing from) a queue is a cancelled CTQ. */
  consultEnd(agentId: string, contact: Contact, trackingId: string): Outcome {
    const consult = contact.consult;
    const queued = consult?.destinationType === 'queue' && consult.phase === 'offered';
    const fail = failureOf(
      this.center,
      queued ? 'AgentCtqCancelFailed' : 'AgentConsultEndFailed',
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
    const deliveries = [
      contactEvent(
        ec,
        queued ? 'AgentCtqCancelled' : 'AgentConsultEnded',
        contact,
        contact.ownerId,
      ),
    ];
    if (consulted) deliveries.push(contactEvent(ec, 'AgentConsultEnded', contact, consulted));
    return this.center.send({ deliveries });
  }

  consultTransfer(agentId: string, contact: Contact, input: TransferInput, trackingId: string) {
    const fail = failureOf(this.center, 'AgentConsultTransferFailed', agentId, contact, trackingId);
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
    const fail = failureOf(
      this.center,
      'AgentConsultConferenceFailed',
      agentId,
      contact,
      trackingId,
    );
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
    const fail = failureOf(
      this.center,
      'ParticipantLeftConferenceFailed',
      agentId,
      contact,
      trackingId,
    );
    if (contact.state !== 'conference' || !isTalking(contact, agentId)) {
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
