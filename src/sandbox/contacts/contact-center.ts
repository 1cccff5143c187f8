// The contacts simulation: every open contact, and the rules each call action and API request follows.
import type { SandboxContext } from '../context';
import type { SeedAgent } from '../seed';
import { displayName } from '../seed';
import { randomUUID } from '../ids';
import {
  contactEvent,
  taskFailure,
  type Delivery,
  type EventContext,
  type TaskFailureReason,
} from './contact-events';
import { audienceOf, isOpenFor, type AgentLeg, type Contact } from './contact-model';
import { ContactTransfers } from './contact-transfers';
import { isRonaCode, profileSettings, type ContactSeed, type TenantSettings } from './contact-seed';

/** What a request or control action leads to: events to send, or an HTTP refusal. */
export type Outcome = { deliveries: Delivery[] } | { status: number; message: string };

export interface InboundCall {
  ani: string;
  customerName: string;
  queueId: string;
  cad: Record<string, string>;
  ronaTimeoutSec?: number;
  /** Whether the flow lets the agent pause recording; default true. */
  pauseResumeEnabled?: boolean;
}

const MAX_OPEN_CONTACTS = 500;

export class ContactCenter {
  readonly contacts = new Map<string, Contact>();
  readonly transfers: ContactTransfers;
  /** The tenant's switches: a copy, so the control API can flip them for this sandbox only. */
  readonly tenant: TenantSettings;

  constructor(
    readonly ctx: SandboxContext,
    readonly seed: ContactSeed,
  ) {
    this.transfers = new ContactTransfers(this);
    this.tenant = { ...seed.tenant };
  }

  // ---- shared helpers (also used by contact-transfers.ts) ----

  eventContext(trackingId: string): EventContext {
    return { orgId: this.ctx.seed.organization.id, trackingId, now: Date.now() };
  }

  agent(id: string): SeedAgent | undefined {
    return this.ctx.state.agent(id);
  }

  settingsOf(agentId: string) {
    const agent = this.agent(agentId);
    return profileSettings(this.seed, agent && this.ctx.state.profileOf(agent));
  }

  legFor(agentId: string, isConsulted: boolean): AgentLeg {
    const agent = this.agent(agentId);
    const session = this.ctx.state.sessions.get(agentId);
    return {
      agentId,
      name: agent ? displayName(agent) : agentId,
      dn: session?.dn ?? '',
      teamId: session?.teamId ?? '',
      hasJoined: false,
      hasLeft: false,
      isConsulted,
    };
  }

  /** The contact, if this agent has a part in it; otherwise the 404 a stranger's id gets. */
  find(agentId: string, interactionId: string): Contact | undefined {
    const contact = this.contacts.get(interactionId);
    if (!contact) return undefined;
    const involved =
      contact.ownerId === agentId ||
      contact.legs.has(agentId) ||
      contact.consult?.agentId === agentId;
    return involved ? contact : undefined;
  }

  openFor(agentId: string): Contact[] {
    return [...this.contacts.values()].filter((c) => isOpenFor(c, agentId));
  }

  /** Sends the events in order after the usual delay, and keeps station interactionIds current. */
  send(outcome: Outcome): Outcome {
    this.syncInteractionIds();
    if (!('deliveries' in outcome) || outcome.deliveries.length === 0) return outcome;
    const deliveries = outcome.deliveries;
    this.ctx.timers.set(() => {
      for (const d of deliveries) this.ctx.hub.publish(d.agentId, d.event);
    }, this.ctx.settings.eventDelayMs);
    return outcome;
  }

  syncInteractionIds(): void {
    for (const agent of this.ctx.seed.agents) {
      const ids = this.openFor(agent.id).map((c) => c.interactionId);
      if (ids.length > 0) this.ctx.state.interactions.set(agent.id, ids);
      else this.ctx.state.interactions.delete(agent.id);
    }
  }

  /**
   * A ringing offer goes away (caller gone, cancelled, missed). After a blind transfer the agent who
   * transferred may still owe a wrap-up: the contact stays for them, otherwise it is forgotten.
   */
  withdrawOffer(contact: Contact): void {
    contact.cancelRona?.();
    contact.cancelRona = undefined;
    const owing = [...contact.pendingWrapUp][0];
    if (owing === undefined) {
      this.contacts.delete(contact.interactionId);
      return;
    }
    contact.ownerId = owing;
    contact.state = 'connected';
  }

  /** Forgets a contact no agent is on and no agent owes a wrap-up for. */
  dropIfDone(contact: Contact): void {
    const someoneOn = [...contact.legs.values()].some((l) => !l.hasLeft);
    const ringing = contact.state === 'new' && this.agent(contact.ownerId) !== undefined;
    if (!someoneOn && contact.pendingWrapUp.size === 0 && !ringing) {
      contact.cancelRona?.();
      this.contacts.delete(contact.interactionId);
    }
  }

  // ---- a call arrives, rings, is answered or missed ----

  placeCall(
    agentId: string,
    call: InboundCall,
    trackingId: string,
  ): Outcome & { contact?: Contact } {
    const agent = this.agent(agentId);
    if (!agent) return { status: 404, message: `no agent with id ${agentId.slice(0, 64)}` };
    const session = this.ctx.state.sessions.get(agentId);
    if (!session) return { status: 409, message: 'the agent is not logged in' };
    if (session.subStatus !== 'Available') {
      return { status: 409, message: 'the agent is not Available: WxCC routes calls only then' };
    }
    if (this.contacts.size >= MAX_OPEN_CONTACTS) {
      return { status: 409, message: 'too many open contacts in the sandbox' };
    }
    const queue = this.seed.queues.find((q) => q.id === call.queueId);
    if (!queue) return { status: 400, message: 'queueId is not one of the sandbox queues' };
    const contact = this.newContact(agentId, {
      direction: 'INBOUND',
      outdial: false,
      ani: call.ani,
      dnis: this.seed.inboundEntryPoint.dialNumber,
      customerName: call.customerName,
      queueId: queue.id,
      queueName: queue.name,
      entryPointId: this.seed.inboundEntryPoint.id,
      cad: call.cad,
      ronaTimeoutSec: call.ronaTimeoutSec ?? this.seed.ronaTimeoutSec,
    });
    contact.pauseResumeEnabled = call.pauseResumeEnabled ?? true;
    return { ...this.send({ deliveries: this.offer(contact, trackingId) }), contact };
  }

  newContact(
    ownerId: string,
    fields: Pick<
      Contact,
      | 'direction'
      | 'outdial'
      | 'ani'
      | 'dnis'
      | 'customerName'
      | 'queueId'
      | 'queueName'
      | 'entryPointId'
      | 'cad'
      | 'ronaTimeoutSec'
    >,
  ): Contact {
    const contact: Contact = {
      interactionId: randomUUID(),
      ownerId,
      state: 'new',
      ...fields,
      previousQueues: [],
      createdTimestamp: Date.now(),
      isHold: false,
      holdTimestamp: null,
      legs: new Map(),
      pauseResumeEnabled: true,
      recordingPaused: false,
      customerLeft: false,
      pendingWrapUp: new Set(),
    };
    this.contacts.set(contact.interactionId, contact);
    return contact;
  }

  /** Reserved then offered to the owner, with the RONA timer running. */
  offer(contact: Contact, trackingId: string): Delivery[] {
    const ec = this.eventContext(trackingId);
    contact.cancelRona?.();
    contact.cancelRona = this.ctx.timers.set(
      () => this.send({ deliveries: this.ringOut(contact, 'RONA timer') }),
      contact.ronaTimeoutSec * 1000,
    );
    const ronaTimeout = contact.ronaTimeoutSec;
    return [
      contactEvent(ec, 'AgentContactReserved', contact, contact.ownerId),
      contactEvent(ec, 'AgentOfferContact', contact, contact.ownerId, { ronaTimeout }),
    ];
  }

  /** The agent picks up the phone: a ringing contact connects, or an offered consult does. */
  answer(agentId: string, interactionId: string | undefined, trackingId: string): Outcome {
    const ringing = this.ringingFor(agentId, interactionId);
    if (!ringing) return { status: 409, message: 'nothing is ringing at this agent' };
    if (ringing.consult?.agentId === agentId) {
      return this.transfers.acceptConsult(agentId, ringing, trackingId);
    }
    return this.send({ deliveries: this.connect(ringing, agentId, trackingId) });
  }

  private connect(contact: Contact, agentId: string, trackingId: string): Delivery[] {
    contact.cancelRona?.();
    contact.cancelRona = undefined;
    contact.state = 'connected';
    const leg = contact.legs.get(agentId) ?? this.legFor(agentId, false);
    leg.hasJoined = true;
    leg.hasLeft = false;
    contact.legs.set(agentId, leg);
    const ec = this.eventContext(trackingId);
    return [contactEvent(ec, 'AgentContactAssigned', contact, agentId)];
  }

  /** What rings at this agent: an offered contact they own, or a consult offered to them. */
  ringingFor(agentId: string, interactionId?: string): Contact | undefined {
    return [...this.contacts.values()].find(
      (c) =>
        (interactionId === undefined || c.interactionId === interactionId) &&
        ((c.ownerId === agentId && c.state === 'new') ||
          (c.consult?.agentId === agentId && c.consult.phase === 'offered')),
    );
  }

  /** The agent declines a ringing offer; the spec: "once rejected the status of the user goes to idle". */
  reject(agentId: string, contact: Contact, trackingId: string): Outcome {
    if (contact.state !== 'new' || contact.ownerId !== agentId) {
      return { status: 409, message: 'only a ringing offer can be rejected' };
    }
    const ec = this.eventContext(trackingId);
    const ended = contactEvent(ec, 'ContactEnded', contact, agentId, { agentsPendingWrapUp: [] });
    this.withdrawOffer(contact);
    const deliveries = [ended];
    const agent = this.agent(agentId);
    const idle = this.ctx.state.defaultIdleCode()?.id ?? '0';
    const change =
      agent && this.ctx.station.systemChange(agent, 'Idle', idle, 'Rejected', trackingId);
    if (change) deliveries.push({ agentId, event: change });
    return this.send({ deliveries });
  }

  /** No answer in time: RONA, and WxCC sets the agent Idle with its RONA system code. */
  ringOut(contact: Contact, reason: string): Delivery[] {
    if (contact.state !== 'new' || !this.contacts.has(contact.interactionId)) return [];
    const ownerId = contact.ownerId;
    this.withdrawOffer(contact);
    this.syncInteractionIds();
    const trackingId = randomUUID();
    const ec = this.eventContext(trackingId);
    const deliveries = [
      contactEvent(ec, 'AgentOfferContactRona', contact, ownerId, {
        reason: 'RONA',
        reasonCode: 1419,
        ronaTimeout: contact.ronaTimeoutSec,
      }),
    ];
    const agent = this.agent(ownerId);
    const code = this.ctx.seed.auxCodes.find(isRonaCode);
    const change =
      agent && code && this.ctx.station.systemChange(agent, 'Idle', code.id, reason, trackingId);
    if (agent && change) deliveries.push({ agentId: agent.id, event: change });
    return deliveries;
  }

  ringOutNow(agentId: string, interactionId: string | undefined): Outcome {
    const contact = [...this.contacts.values()].find(
      (c) =>
        c.ownerId === agentId &&
        c.state === 'new' &&
        (interactionId === undefined || c.interactionId === interactionId),
    );
    if (!contact) return { status: 409, message: 'no call is ringing at this agent' };
    return this.send({ deliveries: this.ringOut(contact, 'RONA') });
  }

  /** The customer hangs up: while ringing the contact simply ends; later every agent on it wraps up. */
  callerHangUp(interactionId: string, trackingId: string): Outcome {
    const contact = this.contacts.get(interactionId);
    if (!contact || contact.customerLeft) {
      return { status: 409, message: 'no call with this interaction id has a caller on the line' };
    }
    const ec = this.eventContext(trackingId);
    contact.customerLeft = true;
    contact.cancelRona?.();
    if (contact.state === 'new') {
      const ringingAt = contact.ownerId;
      const ended = contactEvent(ec, 'ContactEnded', contact, ringingAt, {
        agentsPendingWrapUp: [],
      });
      this.withdrawOffer(contact);
      return this.send({ deliveries: [ended] });
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
    this.dropIfDone(contact);
    return this.send({ deliveries });
  }

  // ---- the tasks API: hold, resume, end, wrap-up, recording ----

  hold(agentId: string, contact: Contact, mediaResourceId: string, trackingId: string): Outcome {
    const ec = this.eventContext(trackingId);
    const fail = (reason: TaskFailureReason) =>
      this.send({
        deliveries: [
          taskFailure(ec, 'AgentContactHoldFailed', agentId, reason, contact.interactionId),
        ],
      });
    if (contact.ownerId !== agentId || contact.state !== 'connected') {
      return fail('INVALID_STATE');
    }
    if (mediaResourceId !== contact.interactionId) return fail('INVALID_MEDIA_RESOURCE_ID');
    contact.state = 'held';
    contact.isHold = true;
    contact.holdTimestamp = Date.now();
    return this.send({ deliveries: [contactEvent(ec, 'AgentContactHeld', contact, agentId)] });
  }

  unhold(agentId: string, contact: Contact, mediaResourceId: string, trackingId: string): Outcome {
    const ec = this.eventContext(trackingId);
    const fail = (reason: TaskFailureReason) =>
      this.send({
        deliveries: [
          taskFailure(ec, 'AgentContactUnHoldFailed', agentId, reason, contact.interactionId),
        ],
      });
    if (contact.ownerId !== agentId || contact.state !== 'held') return fail('INVALID_STATE');
    if (mediaResourceId !== contact.interactionId) return fail('INVALID_MEDIA_RESOURCE_ID');
    contact.state = 'connected';
    contact.isHold = false;
    contact.holdTimestamp = null;
    return this.send({ deliveries: [contactEvent(ec, 'AgentContactUnheld', contact, agentId)] });
  }

  /** Ringing: the offer is cancelled (ContactEnded); connected: the agent's leg ends (AgentWrapup). */
  end(agentId: string, contact: Contact, trackingId: string): Outcome {
    const ec = this.eventContext(trackingId);
    const fail = (reason: TaskFailureReason) =>
      this.send({
        deliveries: [
          taskFailure(ec, 'AgentContactEndFailed', agentId, reason, contact.interactionId),
        ],
      });
    if (contact.state === 'new' && contact.ownerId === agentId) {
      const ended = contactEvent(ec, 'ContactEnded', contact, agentId, { agentsPendingWrapUp: [] });
      this.withdrawOffer(contact);
      return this.send({ deliveries: [ended] });
    }
    const leg = contact.legs.get(agentId);
    const onCall = leg?.hasJoined === true && !leg.hasLeft;
    if (!onCall || contact.pendingWrapUp.has(agentId)) return fail('INVALID_STATE');
    if (contact.consult && contact.state !== 'conference') return fail('INVALID_STATE');
    if (!this.tenant.endCallEnabled) return fail('END_CALL_DISABLED');
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
    return this.send({ deliveries });
  }

  wrapUp(
    agentId: string,
    contact: Contact,
    input: { wrapUpReason: string; auxCodeId: string },
    trackingId: string,
  ): Outcome {
    const ec = this.eventContext(trackingId);
    const fail = (reason: TaskFailureReason) =>
      this.send({
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
    this.dropIfDone(contact);
    return this.send({ deliveries });
  }

  wrapUpCodeAllowed(agentId: string, codeId: string): boolean {
    const code = this.ctx.seed.auxCodes.find((c) => c.id === codeId);
    if (!code || code.workTypeCode !== 'WRAP_UP_CODE' || !code.active) return false;
    const settings = this.settingsOf(agentId);
    return settings.accessWrapUpCode === 'ALL' || settings.wrapUpCodeNames.includes(code.name);
  }

  /** After an outdial the profile decides: Available again, or Idle (agentAvailableAfterOutdial). */
  private stateAfterWrapUp(agentId: string, contact: Contact, trackingId: string) {
    const agent = this.agent(agentId);
    const session = this.ctx.state.sessions.get(agentId);
    if (!agent || !session || !contact.outdial || contact.ownerId !== agentId) return undefined;
    const available = this.settingsOf(agentId).agentAvailableAfterOutdial;
    if (available && session.subStatus === 'Available') return undefined;
    const idle = this.ctx.state.defaultIdleCode()?.id ?? '0';
    if (!available && session.subStatus === 'Idle') return undefined;
    const event = this.ctx.station.systemChange(
      agent,
      available ? 'Available' : 'Idle',
      available ? '0' : idle,
      'Outdial wrapped up',
      trackingId,
    );
    return event && { agentId, event };
  }

  recording(agentId: string, contact: Contact, pause: boolean, trackingId: string): Outcome {
    const ec = this.eventContext(trackingId);
    const failed = pause ? 'ContactRecordingPauseFailed' : 'ContactRecordingResumeFailed';
    const fail = (reason: TaskFailureReason) =>
      this.send({
        deliveries: [taskFailure(ec, failed, agentId, reason, contact.interactionId)],
      });
    const leg = contact.legs.get(agentId);
    const onCall = leg?.hasJoined === true && !leg.hasLeft && !contact.pendingWrapUp.has(agentId);
    if (!onCall) return fail('INVALID_STATE');
    if (!contact.pauseResumeEnabled) return fail('RECORDING_CONTROL_DISABLED');
    if (contact.recordingPaused === pause) return fail('INVALID_STATE');
    contact.recordingPaused = pause;
    const type = pause ? 'ContactRecordingPaused' : 'ContactRecordingResumed';
    return this.send({ deliveries: [contactEvent(ec, type, contact, agentId)] });
  }

  // ---- reload, supervisor shortcuts, listing ----

  /** One AgentContact per open contact, with its current state, as after POST /v1/agents/reload. */
  snapshots(agentId: string, trackingId: string): Delivery[] {
    const ec = this.eventContext(trackingId);
    return this.openFor(agentId).map((c) => contactEvent(ec, 'AgentContact', c, agentId));
  }

  /** Supervisor's old "start interaction": a call that connects at once, whatever the agent's state. */
  connectNow(agentId: string, trackingId: string): Outcome {
    const caller = this.seed.callers[0] ?? { ani: '+14085550142', customerName: 'Customer' };
    const queue = this.seed.queues[0];
    const contact = this.newContact(agentId, {
      direction: 'INBOUND',
      outdial: false,
      ani: caller.ani,
      dnis: this.seed.inboundEntryPoint.dialNumber,
      customerName: caller.customerName,
      queueId: queue?.id ?? '',
      queueName: queue?.name ?? '',
      entryPointId: this.seed.inboundEntryPoint.id,
      cad: {},
      ronaTimeoutSec: this.seed.ronaTimeoutSec,
    });
    const offered = this.offer(contact, trackingId);
    const assigned = this.connect(contact, agentId, trackingId);
    return this.send({ deliveries: [...offered, ...assigned] });
  }

  /** Supervisor's "end interaction": the agent's latest contact is closed with no wrap-up owed. */
  closeLatest(agentId: string, trackingId: string): Outcome {
    const latest = this.openFor(agentId).at(-1);
    if (!latest) return { deliveries: [] };
    latest.cancelRona?.();
    latest.customerLeft = true;
    const audience = audienceOf(latest);
    for (const leg of latest.legs.values()) leg.hasLeft = true;
    latest.pendingWrapUp.clear();
    latest.consult = undefined;
    this.contacts.delete(latest.interactionId);
    const ec = this.eventContext(trackingId);
    const deliveries = audience.map((id) =>
      contactEvent(ec, 'ContactEnded', latest, id, { agentsPendingWrapUp: [] }),
    );
    return this.send({ deliveries });
  }

  /** Forgets every contact without a word: a clean slate for tests. */
  clear(): number {
    const count = this.contacts.size;
    for (const c of this.contacts.values()) c.cancelRona?.();
    this.contacts.clear();
    this.syncInteractionIds();
    return count;
  }
}
