// The contacts simulation: every open contact, and the rules each call action and API request follows.
// The parts (transfers, consults, endings, media) share ContactBook, not this class, so none of
// them imports this file back.
import type { SandboxServices } from '../services';
import { contactEvent, type Delivery, type Outcome } from './contact-events';
import { audienceOf, isDigital, type Contact } from './contact-model';
import { ContactBook } from './contact-book';
import { ContactConsults } from './contact-consults';
import { ContactConferences } from './contact-conferences';
import { ContactEndings } from './contact-endings';
import { ContactMedia } from './contact-media';
import { ContactTransfers } from './contact-transfers';
import type { ContactSeed } from './contact-seed';
import { queueTakes } from './channel-capacity';
import { CallbackBook } from '../callbacks/callback-book';

export type { Outcome } from './contact-events';

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

export class ContactCenter extends ContactBook {
  readonly transfers: ContactTransfers;
  readonly consults: ContactConsults;
  readonly conferences: ContactConferences;
  readonly endings: ContactEndings;
  readonly media: ContactMedia;
  /** Scheduled callbacks (the callbacks API): kept beside the contacts, cleared with them. */
  readonly callbacks = new CallbackBook();
  constructor(ctx: SandboxServices, seed: ContactSeed) {
    super(ctx, seed);
    this.transfers = new ContactTransfers(this);
    this.consults = new ContactConsults(this);
    this.conferences = new ContactConferences(this);
    this.endings = new ContactEndings(this);
    this.media = new ContactMedia(this);
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
    if (!queueTakes(queue, 'telephony')) {
      return { status: 400, message: `queueId: ${queue.name} does not route calls` };
    }
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

  /** The agent picks up the phone: a ringing contact connects, or an offered consult does. */
  answer(agentId: string, interactionId: string | undefined, trackingId: string): Outcome {
    const ringing = this.ringingFor(agentId, interactionId);
    if (!ringing) return { status: 409, message: 'nothing is ringing at this agent' };
    if (isDigital(ringing)) {
      return {
        status: 409,
        message: `a ${ringing.mediaType} is not answered on a phone: the agent accepts it on the desktop (POST /v1/tasks/{id}/accept)`,
      };
    }
    return this.pickUp(agentId, ringing, trackingId);
  }

  /**
   * `POST /v1/tasks/{id}/accept`: how a chat, email or social offer is taken (Cisco's SDK
   * services/task/index.ts accept calls it for every mediaType but telephony). A call is answered
   * on the phone, but DSK's Postman collection still posts accept for one, so it answers it too.
   */
  accept(agentId: string, ringing: Contact, trackingId: string): Outcome {
    return this.pickUp(agentId, ringing, trackingId);
  }

  private pickUp(agentId: string, ringing: Contact, trackingId: string): Outcome {
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
    leg.joinTimestamp ??= Date.now();
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
    this.callbacks.clear();
    this.syncInteractionIds();
    return count;
  }
}
