// The ground every contact file stands on: the open contacts, and the helpers each part of the
// simulation shares. It knows none of those parts, so they and ContactCenter can all import it.
import { displayName, type SeedAgent } from '../seed';
import { randomUUID } from '../ids';
import type { SandboxServices } from '../services';
import { contactEvent, type Delivery, type EventContext, type Outcome } from './contact-events';
import { isOpenFor, type AgentLeg, type Contact } from './contact-model';
import { isRonaCode, profileSettings, type ContactSeed, type TenantSettings } from './contact-seed';

/** @webex/cc-task Utils/constants MAX_PARTICIPANTS_IN_MULTIPARTY_CONFERENCE. */
export const MAX_CONFERENCE_AGENTS = 7;

export class ContactBook {
  readonly contacts = new Map<string, Contact>();
  /** The tenant's switches: a copy, so the control API can flip them for this sandbox only. */
  readonly tenant: TenantSettings;

  constructor(
    readonly ctx: SandboxServices,
    readonly seed: ContactSeed,
  ) {
    this.tenant = { ...seed.tenant };
  }

  eventContext(trackingId: string): EventContext {
    return {
      orgId: this.ctx.seed.organization.id,
      trackingId,
      now: Date.now(),
      cadVariables: this.seed.cadVariables,
    };
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
    > &
      Partial<Pick<Contact, 'mediaType' | 'mediaChannel'>>,
  ): Contact {
    const contact: Contact = {
      interactionId: randomUUID(),
      ownerId,
      state: 'new',
      mediaType: 'telephony',
      mediaChannel: 'broadcloud',
      ...fields,
      previousQueues: [],
      createdTimestamp: Date.now(),
      isHold: false,
      holdTimestamp: null,
      legs: new Map(),
      pauseResumeEnabled: true,
      recordingPaused: false,
      customerLeft: false,
      conferenceMaxAgents: this.seed.conferenceMaxAgents ?? MAX_CONFERENCE_AGENTS,
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
    return [...deliveries, ...this.idleAfterRona(ownerId, 'RONA', trackingId, reason)];
  }

  /** After a RONA WxCC sets the agent Idle with its RONA system code; a decline changes nothing. */
  idleAfterRona(agentId: string, why: string, trackingId: string, reason = 'RONA'): Delivery[] {
    if (why !== 'RONA') return [];
    const agent = this.agent(agentId);
    const code = this.ctx.seed.auxCodes.find(isRonaCode);
    const change =
      agent && code && this.ctx.station.systemChange(agent, 'Idle', code.id, reason, trackingId);
    return agent && change ? [{ agentId: agent.id, event: change }] : [];
  }
}
