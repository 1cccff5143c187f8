// Conferences: a consulted party merged into the call, up to the conference's limit; any agent
// leaves it (exit), and an agent hands it on and leaves (conference transfer).
import { contactEvent, type Delivery, type Outcome } from './contact-events';
import { agentsOnMainCall, outsideOnMainCall, type Contact } from './contact-model';
import type { ContactBook } from './contact-book';
import { failureOf, isTalking } from './contact-parties';
import { namesConsulted } from './contact-consults';

export class ContactConferences {
  constructor(private readonly center: ContactBook) {}

  /**
   * The agent who consulted merges the consulted agent into the call. From a two-party call this
   * starts a conference; in a conference it adds one more agent, while the conference holds fewer
   * than its limit. Both ends hear AgentConsultConferenced; the agents already in the conference
   * hear ParticipantJoinedConference (Cisco's SDK TaskManager.ts handles both, and recomputes
   * isConferenceInProgress on the latter with TaskUtils.ts getIsConferenceInProgress).
   */
  conference(
    agentId: string,
    contact: Contact,
    input: { to: string; destinationType: string },
    trackingId: string,
  ): Outcome {
    const fail = failureOf(
      this.center,
      'AgentConsultConferenceFailed',
      agentId,
      contact,
      trackingId,
    );
    const consult = contact.consult;
    // A number or an entry point joins too (Cisco's SDK consultConference names it by
    // calculateDestAgentId, "EP-DN cases"): it counts as a participant, as cc-store counts.
    const reached = consult?.agentId ?? consult?.outside?.key;
    if (!consult || !reached || consult.phase !== 'connected') {
      return fail('NO_CONSULT_IN_PROGRESS');
    }
    if (consult.fromId !== agentId) return fail('INVALID_STATE');
    if (!namesConsulted(consult, input)) return fail('INVALID_DESTINATION');
    const onCall = agentsOnMainCall(contact).length + outsideOnMainCall(contact).length;
    if (onCall >= contact.conferenceMaxAgents) return fail('CONFERENCE_FULL');
    const already = contact.state === 'conference' ? agentsOnMainCall(contact) : [];
    const joined = this.merge(contact);
    const ec = this.center.eventContext(trackingId);
    const deliveries: Delivery[] = [contactEvent(ec, 'AgentConsultConferenced', contact, agentId)];
    if (consult.agentId) {
      deliveries.push(contactEvent(ec, 'AgentConsultConferenced', contact, consult.agentId));
    }
    for (const id of already.filter((a) => a !== agentId)) {
      deliveries.push(
        contactEvent(ec, 'ParticipantJoinedConference', contact, id, { participantId: joined }),
      );
    }
    return this.center.send({ deliveries });
  }

  /**
   * Any agent in the conference leaves it (`conference/exit {}`). Every agent still on the call and
   * the one who left hear ParticipantLeftConference, whose agentId is the recipient and whose
   * interaction says who has left (Cisco's SDK TaskManager.ts PARTICIPANT_LEFT_CONFERENCE →
   * checkParticipantNotInInteraction). The one who left owes a wrap-up; the owner's leaving makes
   * another agent the owner; with one agent left it is an ordinary call again. Not while the agent
   * is on a consult of their own (@webex/cc-task getExitConferenceButtonVisibility hides it then).
   */
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
    if (this.onOwnConsult(contact, agentId)) return fail('INVALID_STATE');
    return this.center.send({ deliveries: this.leave(contact, agentId, undefined, trackingId) });
  }

  /**
   * An agent hands the conference on and leaves (`conference/transfer {}`: Cisco's SDK
   * services/task/index.ts transferConference; @webex/cc-task's Transfer button sends it instead of
   * consult/transfer while a conference is in progress). The party the leaver consulted, once
   * connected, joins first: an agent, a number or an entry point alike, since the SDK sends `{}`
   * and checks nothing of the consult leg, and the widget offers Transfer for any accepted consult
   * (@webex/cc-task getConsultTransferButtonVisibility; a number or an entry point counts as a
   * conference participant, TaskUtils.ts getIsConferenceInProgress). A consulted agent becomes the
   * owner; else the owner's role passes to an agent still on the call, and with none left the
   * customer stays with the numbers or entry points. Success is ParticipantLeftConference (the
   * SDK's bind for it), then AgentConferenceTransferred to the leaver; failure
   * AgentConferenceTransferFailed.
   */
  conferenceTransfer(agentId: string, contact: Contact, trackingId: string): Outcome {
    const fail = failureOf(
      this.center,
      'AgentConferenceTransferFailed',
      agentId,
      contact,
      trackingId,
    );
    if (contact.state !== 'conference' || !isTalking(contact, agentId)) {
      return fail('NOT_IN_CONFERENCE');
    }
    const consult = contact.consult;
    const mine = consult?.fromId === agentId;
    // A queue consult nobody has answered yet has no party to hand the conference to.
    if (mine && consult.phase !== 'connected') return fail('NO_CONSULT_IN_PROGRESS');
    if (!mine && this.onOwnConsult(contact, agentId)) return fail('INVALID_STATE');
    const joiningAgent = mine && consult.agentId !== undefined ? 1 : 0;
    if (agentsOnMainCall(contact).length + joiningAgent > contact.conferenceMaxAgents) {
      return fail('CONFERENCE_FULL');
    }
    // Only an agent can own the call: a number or an entry point joins, the owner is chosen below.
    const heir = mine ? consult.agentId : undefined;
    if (mine) this.merge(contact);
    const ec = this.center.eventContext(trackingId);
    return this.center.send({
      deliveries: [
        ...this.leave(contact, agentId, heir, trackingId),
        contactEvent(ec, 'AgentConferenceTransferred', contact, agentId),
      ],
    });
  }

  /** The agent is either end of an open consult on this call. */
  private onOwnConsult(contact: Contact, agentId: string): boolean {
    return contact.consult?.fromId === agentId || contact.consult?.agentId === agentId;
  }

  /** The consulted party joins the main call; the consult leg closes. Returns who joined. */
  private merge(contact: Contact): string {
    const consult = contact.consult!;
    if (consult.outside) contact.outside = [...(contact.outside ?? []), consult.outside];
    const joined = consult.agentId ?? consult.outside!.key;
    const leg = contact.legs.get(joined);
    if (leg) leg.isConsulted = false;
    contact.consult = undefined;
    contact.stateBeforeConsult = undefined;
    contact.state = 'conference';
    contact.isHold = false;
    contact.holdTimestamp = null;
    return joined;
  }

  /** The agent leaves the call: events to them and to every agent still on it. */
  private leave(contact: Contact, agentId: string, heir: string | undefined, trackingId: string) {
    contact.legs.get(agentId)!.hasLeft = true;
    contact.pendingWrapUp.add(agentId);
    const remaining = agentsOnMainCall(contact);
    // With no agent left the customer stays with the number or entry point they were joined to.
    if (contact.ownerId === agentId && remaining.length > 0) {
      contact.ownerId =
        heir ?? remaining.find((id) => id === contact.consult?.fromId) ?? remaining[0]!;
    }
    if (remaining.length + outsideOnMainCall(contact).length <= 1) {
      // Back to a two-party call; a consult its last agent holds keeps going from there.
      contact.state = contact.consult ? 'consult' : 'connected';
      for (const id of remaining) contact.legs.get(id)!.isConsulted = false;
    }
    const ec = this.center.eventContext(trackingId);
    const consulted = contact.consult?.agentId;
    const audience = [agentId, ...remaining, ...(consulted ? [consulted] : [])];
    return audience.map((id) =>
      contactEvent(ec, 'ParticipantLeftConference', contact, id, { participantId: agentId }),
    );
  }
}
