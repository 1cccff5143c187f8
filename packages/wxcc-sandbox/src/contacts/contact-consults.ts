// Consults and conferences: a second agent (or number) joins the call, then takes it, joins in, or leaves.
import { contactEvent, taskFailure, type Delivery, type Outcome } from './contact-events';
import {
  agentsOnMainCall,
  isOpenFor,
  type Consult,
  type Contact,
  type OutsideParty,
} from './contact-model';
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
    if (contact.consult) return fail('INVALID_STATE');
    const inConference = contact.state === 'conference';
    // The owner consults from a connected or held call; in a conference any agent on the call may
    // (Cisco's widgets offer Consult to every conference participant, @webex/cc-task
    // getConsultButtonVisibility), while the conference holds fewer agents than its limit.
    const mayConsult =
      inConference ||
      (contact.ownerId === agentId && (contact.state === 'connected' || contact.state === 'held'));
    if (!mayConsult || !isTalking(contact, agentId)) return fail('INVALID_STATE');
    if (inConference && agentsOnMainCall(contact).length >= contact.conferenceMaxAgents) {
      return fail('CONFERENCE_FULL');
    }
    const ec = this.center.eventContext(trackingId);
    const start = (destinationType: Destination, consultedId?: string) => {
      contact.stateBeforeConsult = contact.state;
      contact.consult = {
        destinationType:
          destinationType === 'entrypointDialNumber' ? 'entryPoint' : destinationType,
        to: input.to,
        fromId: agentId,
        agentId: consultedId,
        mediaResourceId: randomUUID(),
        phase: 'offered',
      };
      // The main call is held unless the agent asked otherwise: WxCC's default (Cisco's SDK
      // services/task/index.ts consult: "holdParticipants: Whether to hold other participants
      // (defaults to true)"; the spec's ConsultResourceRequest: "whether the main call should be
      // placed on hold"). From a conference that holds the customer and the other agents alike;
      // Cisco's widgets send holdParticipants: !allowParticipantsToInteract (@webex/cc-task
      // helper.ts useCallControl consultCall), a box their consult popover shows only in a
      // conference, unticked (@webex/cc-components consult-transfer-popover, "Allow participants
      // to continue interacting."). The hold is the main media's isHold, carried by
      // AgentConsultCreated as for a plain consult.
      if (input.holdParticipants !== false) {
        contact.isHold = true;
        contact.holdTimestamp = Date.now();
      }
      // In a conference the call stays one for the others (stateFor gives the consulting agent
      // 'consult').
      if (inConference) {
        return contactEvent(ec, 'AgentConsultCreated', contact, agentId, {
          destinationType: input.destinationType,
        });
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
      // The queue offers it to a free Available agent if there is one; else it waits there, with no
      // timeout (Cisco's SDK services/task/contact.ts consult: timeout 'disabled' for a queue),
      // until an agent becomes Available (offerQueuedConsult) or the agent cancels it.
      const free = this.nextFreeAgent(contact);
      if (!free) return this.center.send({ deliveries: [created] });
      contact.consult!.agentId = free.id;
      const offered = this.offerConsult(contact, free.id, trackingId);
      return this.center.send({ deliveries: [created, offered] });
    }
    if (input.destinationType === 'dialNumber' || input.destinationType === 'entryPoint') {
      // A number is dialled as given; an entry point is named by its id (Cisco's widgets send the
      // address-book entry's number, or the entry point's id: @webex/cc-task consult popover).
      const outside = this.outsideParty(input.destinationType, input.to);
      if (!outside) return fail('INVALID_DESTINATION');
      const created = start(input.destinationType);
      // An outside number answers at once: there is nobody to simulate on the other end.
      contact.consult!.phase = 'connected';
      contact.consult!.outside = outside;
      const consulting = contactEvent(ec, 'AgentConsulting', contact, agentId);
      return this.center.send({ deliveries: [created, consulting] });
    }
    return fail('INVALID_DESTINATION');
  }

  /** The party a number or an entry point consult reaches; undefined when WxCC could not reach it. */
  private outsideParty(type: 'dialNumber' | 'entryPoint', to: string): OutsideParty | undefined {
    if (type === 'dialNumber') {
      return DIALABLE.test(to)
        ? { key: to, destinationType: type, number: to, hasLeft: false }
        : undefined;
    }
    const seed = this.center.seed;
    const ep = [seed.inboundEntryPoint, seed.outdialEntryPoint].find((e) => e.id === to);
    return ep
      ? {
          key: ep.dialNumber,
          destinationType: type,
          number: ep.dialNumber,
          epId: ep.id,
          hasLeft: false,
        }
      : undefined;
  }

  /** Who the queue offers a waiting consult to: a free Available agent not on the call already. */
  private nextFreeAgent(contact: Contact, skip?: string) {
    return this.center.ctx.seed.agents.find(
      (a) => a.id !== skip && !isOpenFor(contact, a.id) && this.isFree(a.id),
    );
  }

  private isFree(agentId: string): boolean {
    return (
      this.center.ctx.state.sessions.get(agentId)?.subStatus === 'Available' &&
      this.center.openFor(agentId).length === 0
    );
  }

  /**
   * The agent just became Available: the oldest queue consult still waiting for an agent rings at
   * them, as the queue would route it. Nothing when they are busy or no consult waits.
   */
  offerQueuedConsult(agentId: string, trackingId: string): Outcome {
    if (!this.isFree(agentId)) return { deliveries: [] };
    const waiting = [...this.center.contacts.values()].find(
      (c) =>
        c.consult?.destinationType === 'queue' &&
        c.consult.phase === 'offered' &&
        c.consult.agentId === undefined &&
        !isOpenFor(c, agentId),
    );
    if (!waiting?.consult) return { deliveries: [] };
    waiting.consult.agentId = agentId;
    return this.center.send({ deliveries: [this.offerConsult(waiting, agentId, trackingId)] });
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
      consultingAgentId: contact.consult?.fromId ?? contact.ownerId,
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
    leg.joinTimestamp ??= Date.now();
    contact.legs.set(agentId, leg);
    const ec = this.center.eventContext(trackingId);
    return this.center.send({
      deliveries: [
        contactEvent(ec, 'AgentConsulting', contact, agentId),
        contactEvent(ec, 'AgentConsulting', contact, consult.fromId),
      ],
    });
  }

  /**
   * The consulted agent does not take the consult (declines, or lets it ring past ronaTimeout).
   * An agent consult fails for the consulting agent. A queue consult goes back to the queue and
   * stays pending for them, offered to the next free agent (WxCC routes a queue consult like any
   * queued contact; Cisco's SDK services/task/contact.ts consult binds no failure to a decline,
   * and keeps the queue consult until AgentCtqCancelled): the one who let it go only hears that
   * their offer ended, and after a RONA is made Idle as for any offer.
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
    contact.legs.delete(agentId);
    if (consult.destinationType === 'queue') {
      contact.cancelRona?.();
      contact.cancelRona = undefined;
      consult.agentId = undefined;
      const deliveries = [ended, ...this.center.idleAfterRona(agentId, reason, trackingId)];
      const next = this.nextFreeAgent(contact, agentId);
      if (next) {
        consult.agentId = next.id;
        deliveries.push(this.offerConsult(contact, next.id, trackingId));
      }
      return this.center.send({ deliveries });
    }
    this.finishConsult(contact);
    const failed = taskFailure(
      ec,
      'AgentConsultFailed',
      consult.fromId,
      reason,
      contact.interactionId,
    );
    return this.center.send({ deliveries: [ended, failed] });
  }

  /**
   * The main call is back to what it was: a two-party call stays held if the consult held it (the
   * agent resumes it); a conference the consult held is released, so its agents talk again.
   */
  private finishConsult(contact: Contact): void {
    contact.cancelRona?.();
    contact.cancelRona = undefined;
    contact.consult = undefined;
    if (contact.state !== 'conference') {
      contact.state = contact.isHold ? 'held' : (contact.stateBeforeConsult ?? 'connected');
    } else {
      contact.isHold = false;
      contact.holdTimestamp = null;
    }
    contact.stateBeforeConsult = undefined;
  }

  /**
   * Ends the consult. A queue consult nobody has answered yet (waiting in the queue, or ringing at
   * an agent) is cancelled with its queueId, answered AgentCtqCancelled; once an agent answered it
   * is an ordinary consult, ended with `{}` (Cisco's SDK services/task/contact.ts consultEnd: a
   * queueId binds AgentCtqCancelled / AgentCtqCancelFailed, none AgentConsultEnded /
   * AgentConsultEndFailed; @webex/cc-task's endConsultCall sends the queueId only while the queue
   * consult is in progress).
   */
  consultEnd(agentId: string, contact: Contact, queueId: string, trackingId: string): Outcome {
    const consult = contact.consult;
    const cancel = queueId !== '';
    const fail = failureOf(
      this.center,
      cancel ? 'AgentCtqCancelFailed' : 'AgentConsultEndFailed',
      agentId,
      contact,
      trackingId,
    );
    if (!consult) return fail('NO_CONSULT_IN_PROGRESS');
    // Either end may end it: the consulted agent leaves the consult (@webex/cc-task
    // getEndConsultButtonVisibility shows End consult to a consulted agent who accepted).
    if (agentId !== consult.fromId && agentId !== consult.agentId) return fail('INVALID_STATE');
    if (!this.center.tenant.endConsultEnabled) return fail('END_CONSULT_DISABLED');
    const queued = consult.destinationType === 'queue' && consult.phase === 'offered';
    // A cancel names the queue of a consult still pending; nothing else is cancelled, and a
    // pending queue consult has no consult leg yet to end without naming its queue.
    if (cancel && consult.destinationType !== 'queue') return fail('NO_CONSULT_IN_PROGRESS');
    if (cancel && queueId !== consult.to) return fail('INVALID_DESTINATION');
    if (cancel !== queued) return fail('INVALID_STATE');
    const ec = this.center.eventContext(trackingId);
    const consulted = consult.agentId;
    if (consulted) {
      const leg = contact.legs.get(consulted);
      if (leg) leg.hasLeft = true;
    }
    this.finishConsult(contact);
    const deliveries = [
      contactEvent(ec, queued ? 'AgentCtqCancelled' : 'AgentConsultEnded', contact, consult.fromId),
    ];
    if (consulted) deliveries.push(contactEvent(ec, 'AgentConsultEnded', contact, consulted));
    return this.center.send({ deliveries });
  }

  consultTransfer(agentId: string, contact: Contact, input: TransferInput, trackingId: string) {
    const fail = failureOf(this.center, 'AgentConsultTransferFailed', agentId, contact, trackingId);
    const consult = contact.consult;
    if (!consult || consult.phase !== 'connected') return fail('NO_CONSULT_IN_PROGRESS');
    // In a conference Cisco's widgets send conference/transfer instead (@webex/cc-task
    // useCallControl consultTransfer: transferConference while isConferenceInProgress).
    if (contact.ownerId !== agentId || contact.state === 'conference') return fail('INVALID_STATE');
    if (!namesConsulted(consult, input)) return fail('INVALID_DESTINATION');
    const ec = this.center.eventContext(trackingId);
    contact.legs.get(agentId)!.hasLeft = true;
    contact.pendingWrapUp.add(agentId);
    contact.consult = undefined;
    contact.stateBeforeConsult = undefined;
    contact.isHold = false;
    contact.holdTimestamp = null;
    contact.state = 'connected';
    // A number or an entry point stays on with the customer: the call is theirs now.
    if (consult.outside) contact.outside = [...(contact.outside ?? []), consult.outside];
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
}

/**
 * Whether a consult transfer or conference names the party on the consult leg. Once an agent
 * answered (an agent consult, or a queue consult an agent took) that is the agent, as an agent:
 * Cisco's SDK services/task/index.ts consultTransfer and consultConference send
 * `{to: calculateDestAgentId(...), destinationType: calculateDestType(...)}`, the other
 * participant of the consult media and its pType (services/core/Utils.ts), never the queue. A
 * consultConference without a destinationType defaults to 'agent' there, so none is accepted too.
 */
export function namesConsulted(consult: Consult, input: { to: string; destinationType: string }) {
  // A number's or an entry point's participant: its id (pType 'DN') or its epId ('EP-DN'), with
  // the destinationType calculateDestType gives it.
  const outside = consult.outside;
  if (outside) {
    const to = outside.destinationType === 'entryPoint' ? outside.epId : outside.key;
    return input.to === to && input.destinationType === outside.destinationType;
  }
  if (consult.agentId === undefined) return input.to === consult.to;
  const type = input.destinationType.toLowerCase();
  return input.to === consult.agentId && (type === 'agent' || type === '');
}
