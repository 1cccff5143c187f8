// The contacts simulation: every open contact, and the rules each call action and API request follows.
import type { SandboxContext } from '../context';
import type { SeedAgent } from '../seed';
import { displayName } from '../seed';
import { randomUUID } from '../ids';
import { contactEvent, type Delivery, type EventContext } from './contact-events';
import { audienceOf, isOpenFor, type AgentLeg, type Contact } from './contact-model';
import { ContactConsults } from './contact-consults';
import { ContactEndings } from './contact-endings';
import { ContactMedia } from './contact-media';
import { ContactTransfers } from './contact-transfers';
import { profileSettings, type ContactSeed, type TenantSettings } from './contact-seed';

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
  readonly consults: ContactConsults;
  readonly endings: ContactEndings;
  readonly media: ContactMedia;
  /** The tenant's switches: a copy, so the control API can flip them for this sandbox only. */
  readonly tenant: TenantSettings;

  constructor(
    readonly ctx: SandboxContext,
    readonly seed: ContactSeed,
  ) {
    this.transfers = new ContactTransfers(this);
    this.consults = new ContactConsults(this);
    this.endings = new ContactEndings(this);
    this.media = new ContactMedia(this);
    this.tenant = { ...seed.tenant };
  }

  // ---- shared helpers (used by the other contact files too) ----

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
      () => this.send({ deliveries: this.endings.ringOut(contact, 'RONA timer') }),
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
      return this.consults.acceptConsult(agentId, ringing, trackingId);
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
