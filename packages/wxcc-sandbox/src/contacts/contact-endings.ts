// How contacts end: rejected, missed (RONA), the caller gone, the agent's end, and the wrap-up after.
import {
  contactEvent,
  taskFailure,
  type Delivery,
  type TaskFailureReason,
  type Outcome,
} from './contact-events';
import { isDigital, type Contact } from './contact-model';
import type { ContactBook } from './contact-book';

export class ContactEndings {
  constructor(private readonly center: ContactBook) {}

  /** The agent declines a ringing offer; the spec: "once rejected the status of the user goes to idle". */
  reject(agentId: string, contact: Contact, trackingId: string): Outcome {
    if (contact.state !== 'new' || contact.ownerId !== agentId) {
      return { status: 409, message: 'only a ringing offer can be rejected' };
    }
    const ec = this.center.eventContext(trackingId);
    const ended = contactEvent(ec, 'ContactEnded', contact, agentId, { agentsPendingWrapUp: [] });
    this.center.withdrawOffer(contact);
    const deliveries = [ended];
    const agent = this.center.agent(agentId);
    const idle = this.center.ctx.state.defaultIdleCode()?.id ?? '0';
    const change =
      agent && this.center.ctx.station.systemChange(agent, 'Idle', idle, 'Rejected', trackingId);
    if (change) deliveries.push({ agentId, event: change });
    return this.center.send({ deliveries });
  }

  ringOutNow(agentId: string, interactionId: string | undefined): Outcome {
    const contact = [...this.center.contacts.values()].find(
      (c) =>
        c.ownerId === agentId &&
        c.state === 'new' &&
        (interactionId === undefined || c.interactionId === interactionId),
    );
    if (!contact) return { status: 409, message: 'no call is ringing at this agent' };
    return this.center.send({ deliveries: this.center.ringOut(contact, 'RONA') });
  }

  /** The customer hangs up: while ringing the contact simply ends; later every agent on it wraps up. */
  callerHangUp(interactionId: string, trackingId: string): Outcome {
    const contact = this.center.contacts.get(interactionId);
    if (!contact || contact.customerLeft) {
      return { status: 409, message: 'no call with this interaction id has a caller on the line' };
    }
    const ec = this.center.eventContext(trackingId);
    contact.customerLeft = true;
    contact.cancelRona?.();
    if (contact.state === 'new') {
      const ringingAt = contact.ownerId;
      const ended = contactEvent(ec, 'ContactEnded', contact, ringingAt, {
        agentsPendingWrapUp: [],
      });
      this.center.withdrawOffer(contact);
      return this.center.send({ deliveries: [ended] });
    }
    const deliveries: Delivery[] = [];
    const consulted = contact.consult?.agentId;
    if (contact.consult && contact.state !== 'conference') {
      contact.consult = undefined;
      if (consulted) {
        const leg = contact.legs.get(consulted);
        if (leg) leg.hasLeft = true;
        const endedConsult = contactEvent(ec, 'AgentConsultEnded', contact, consulted);
        deliveries.push(endedConsult);
      }
    }
    for (const leg of contact.legs.values()) {
      if (leg.hasJoined && !leg.hasLeft) {
        leg.hasLeft = true;
        contact.pendingWrapUp.add(leg.agentId);
      }
    }
    contact.isHold = false;
    const pending = [...contact.pendingWrapUp];
    for (const agentId of pending) {
      deliveries.push(
        contactEvent(ec, 'ContactEnded', contact, agentId, { agentsPendingWrapUp: pending }),
      );
    }
    this.center.dropIfDone(contact);
    return this.center.send({ deliveries });
  }

  /** Ringing: the offer is cancelled (ContactEnded); connected: the agent's leg ends (AgentWrapup). */
  end(agentId: string, contact: Contact, trackingId: string): Outcome {
    const ec = this.center.eventContext(trackingId);
    const fail = (reason: TaskFailureReason) =>
      this.center.send({
        deliveries: [
          taskFailure(ec, 'AgentContactEndFailed', agentId, reason, contact.interactionId),
        ],
      });
    if (contact.state === 'new' && contact.ownerId === agentId) {
      const ended = contactEvent(ec, 'ContactEnded', contact, agentId, { agentsPendingWrapUp: [] });
      this.center.withdrawOffer(contact);
      return this.center.send({ deliveries: [ended] });
    }
    const leg = contact.legs.get(agentId);
    const onCall = leg?.hasJoined === true && !leg.hasLeft;
    if (!onCall || contact.pendingWrapUp.has(agentId)) return fail('INVALID_STATE');
    if (contact.consult && contact.state !== 'conference') return fail('INVALID_STATE');
    // The tenant's endCallEnabled is about calls; a conversation can always be ended (Cisco's
    // widgets: @webex/cc-task task-util getEndButtonVisibility shows End for any non-call).
    if (!isDigital(contact) && !this.center.tenant.endCallEnabled) {
      return fail('END_CALL_DISABLED');
    }
    // Ending hangs up the customer for everyone still on the call.
    contact.customerLeft = true;
    contact.isHold = false;
    const deliveries: Delivery[] = [];
    for (const other of contact.legs.values()) {
      if (other.hasJoined && !other.hasLeft) {
        other.hasLeft = true;
        contact.pendingWrapUp.add(other.agentId);
      }
    }
    for (const id of contact.pendingWrapUp) {
      deliveries.push(contactEvent(ec, 'AgentWrapup', contact, id));
    }
    return this.center.send({ deliveries });
  }

  wrapUp(
    agentId: string,
    contact: Contact,
    input: { wrapUpReason: string; auxCodeId: string },
    trackingId: string,
  ): Outcome {
    const ec = this.center.eventContext(trackingId);
    const fail = (reason: TaskFailureReason) =>
      this.center.send({
        deliveries: [taskFailure(ec, 'AgentWrapupFailed', agentId, reason, contact.interactionId)],
      });
    if (!contact.pendingWrapUp.has(agentId)) return fail('INVALID_STATE');
    if (!this.wrapUpCodeAllowed(agentId, input.auxCodeId)) return fail('INVALID_WRAPUP_CODE');
    const wrapped = contactEvent(ec, 'AgentWrappedUp', contact, agentId, {
      wrapUpAuxCodeId: input.auxCodeId,
      wrapUpReason: input.wrapUpReason,
    });
    contact.pendingWrapUp.delete(agentId);
    (
      wrapped.event.data.interaction as { participants: Record<string, { isWrapUp: boolean }> }
    ).participants[agentId]!.isWrapUp = false;
    const deliveries = [wrapped];
    const after = this.stateAfterWrapUp(agentId, contact, trackingId);
    if (after) deliveries.push(after);
    this.center.dropIfDone(contact);
    return this.center.send({ deliveries });
  }

  wrapUpCodeAllowed(agentId: string, codeId: string): boolean {
    const code = this.center.ctx.seed.auxCodes.find((c) => c.id === codeId);
    if (!code || code.workTypeCode !== 'WRAP_UP_CODE' || !code.active) return false;
    const settings = this.center.settingsOf(agentId);
    return settings.accessWrapUpCode === 'ALL' || settings.wrapUpCodeNames.includes(code.name);
  }

  /** After an outdial the profile decides: Available again, or Idle (agentAvailableAfterOutdial). */
  private stateAfterWrapUp(agentId: string, contact: Contact, trackingId: string) {
    const agent = this.center.agent(agentId);
    const session = this.center.ctx.state.sessions.get(agentId);
    if (!agent || !session || !contact.outdial || contact.ownerId !== agentId) return undefined;
    const available = this.center.settingsOf(agentId).agentAvailableAfterOutdial;
    if (available && session.subStatus === 'Available') return undefined;
    const idle = this.center.ctx.state.defaultIdleCode()?.id ?? '0';
    if (!available && session.subStatus === 'Idle') return undefined;
    const event = this.center.ctx.station.systemChange(
      agent,
      available ? 'Available' : 'Idle',
      available ? '0' : idle,
      'Outdial wrapped up',
      trackingId,
    );
    return event && { agentId, event };
  }
}
