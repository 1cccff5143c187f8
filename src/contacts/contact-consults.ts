// Consults and conferences of a call: consult an agent, a queue, a number or an entry point; end,
// transfer to or conference in the consulted party; leave or hand on a conference.
import { msg, type Message } from '../i18n/message';
import { AppError } from '../errors';
import type { ContactDirectoryService } from './contact-directory';
import type { ConsultDestination } from '../agent-session/contact-view';
import { RESULTS } from './contact-results';
import { conferenceInProgress } from '../agent-session/interaction';
import type { ActionOutcome, StationContext, StationService } from '../station/station-service';
import { callOnly, refuse, type ContactSteps } from './contact-steps';

/** A consult's target: an entry point and an address-book number are offered by the directory. */
export interface ConsultTarget {
  destinationType: ConsultDestination;
  to: string;
  /**
   * From a conference: the agent ticked "Let the others keep talking while I consult" (Cisco's
   * consult popover, @webex/cc-components consult-transfer-popover: "Allow participants to
   * continue interacting.", shown only in a conference, unticked). Ignored on any other call.
   */
  othersKeepTalking?: boolean;
}

/** @webex/cc-task Utils/constants MAX_PARTICIPANTS_IN_MULTIPARTY_CONFERENCE. */
export const MAX_CONFERENCE_AGENTS = 7;

export interface ConsultDeps {
  station: StationService;
  directory: ContactDirectoryService;
  steps: ContactSteps;
  /** Refuses an agent or queue the page did not offer (contact-service.ts `offered`). */
  offered: (
    ctx: StationContext,
    target: { destinationType: 'agent' | 'queue'; to: string },
    mediaType?: string,
  ) => Promise<void>;
}

export interface ConsultActions {
  consult(ctx: StationContext, id: string, target: ConsultTarget): Promise<ActionOutcome>;
  endConsult(ctx: StationContext, id: string): Promise<ActionOutcome>;
  consultTransfer(ctx: StationContext, id: string): Promise<ActionOutcome>;
  conference(ctx: StationContext, id: string): Promise<ActionOutcome>;
  exitConference(ctx: StationContext, id: string): Promise<ActionOutcome>;
  consultRequestedNote(ctx: StationContext, id: string, name?: string): Promise<Message>;
}

type AgentDirectory = Awaited<ReturnType<ContactDirectoryService['forAgent']>>;

export function createConsultActions(deps: ConsultDeps): ConsultActions {
  const { station, directory, offered } = deps;
  const { find, run } = deps.steps;

  async function consult(
    ctx: StationContext,
    id: string,
    target: ConsultTarget,
  ): Promise<ActionOutcome> {
    const [c, dir] = await Promise.all([find(ctx, id), directory.forAgent(ctx)]);
    callOnly(c, 'consulted');
    if (c.state !== 'connected' && c.state !== 'held' && c.state !== 'conference')
      refuse(msg('refusal.consultOnlyConnected'));
    // As Cisco's widgets (@webex/cc-task getConsultButtonVisibility): in a conference, only while
    // it holds fewer agents than MAX_PARTICIPANTS_IN_MULTIPARTY_CONFERENCE.
    if (c.state === 'conference' && (c.agentsOnCall?.length ?? 0) >= MAX_CONFERENCE_AGENTS) {
      refuse(msg('refusal.conferenceFull', { count: MAX_CONFERENCE_AGENTS }));
    }
    if (target.destinationType === 'queue' && !dir.consultToQueue) {
      refuse(msg('refusal.consultQueueDisabled'));
    }
    await consultOffered(ctx, target, dir);
    // Kept in the agent's snapshot, not here: consult end, transfer and conference may be clicked
    // on another instance, or after a restart, and a queue consult's events do not name the queue.
    await station.tell(
      ctx,
      {
        type: 'consult-requested',
        interactionId: id,
        destinationType: target.destinationType,
        to: target.to,
      },
      (s) => s.contacts.items[id]?.consultRequested?.to === target.to,
    );
    // The main call is held unless the agent in a conference asked otherwise (Cisco's widgets:
    // holdParticipants = !allowParticipantsToInteract, the box shown only in a conference).
    const holdParticipants = !(c.state === 'conference' && target.othersKeepTalking === true);
    return run(ctx, id, RESULTS.consult, (wxcc) =>
      wxcc.consultTask(id, target.to, target.destinationType, holdParticipants),
    );
  }

  /**
   * A consult goes only where the page offered it. A number comes from the profile's address book
   * (the directory resolved it): Cisco's widgets offer the dial-number tab only with one
   * (`@webex/cc-store` isAddressBookEnabled = Boolean(addressBookId), getAddressBookEntries). An
   * entry point is one the tenant lists (`@webex/cc-store` getEntryPoints, SDK EntryPoint.ts).
   */
  async function consultOffered(
    ctx: StationContext,
    target: ConsultTarget,
    dir: AgentDirectory,
  ): Promise<void> {
    switch (target.destinationType) {
      case 'dialNumber':
        if (dir.addressBookId === undefined) {
          throw new AppError('bad_input', msg('targets.noAddressBook'), { field: 'target' });
        }
        return;
      case 'entryPoint':
        if (!dir.entryPoints.some((e) => e.id === target.to)) {
          throw new AppError('bad_input', msg('targets.notOffered'), { field: 'target' });
        }
        return;
      default:
        return offered(ctx, { destinationType: target.destinationType, to: target.to });
    }
  }

  async function consultLeg(ctx: StationContext, id: string) {
    const c = await find(ctx, id);
    if (c.state === 'consulting' && c.consulted) {
      refuse(msg('refusal.consultOwnerOnly'));
    }
    if (c.state !== 'consulting' || !c.consult) refuse(msg('refusal.noConsult'));
    // The SDK too leaves it to its caller to say which queue a consult end is for.
    const sent = c.consultRequested;
    const to =
      c.consult.to ?? (sent?.destinationType === c.consult.destinationType ? sent.to : undefined);
    return { contact: c, consult: { ...c.consult, to } };
  }

  async function endConsult(ctx: StationContext, id: string): Promise<ActionOutcome> {
    const c = await find(ctx, id);
    if (c.state === 'consulting' && c.consulted) return leaveConsult(ctx, id);
    const [{ contact, consult: leg }, dir] = await Promise.all([
      consultLeg(ctx, id),
      directory.forAgent(ctx),
    ]);
    if (!dir.endConsultEnabled) refuse(msg('refusal.endConsultDisabled'));
    // A queue consult nobody has answered yet is cancelled by naming its queue (AgentCtqCancelled);
    // once an agent answered it is ended like any consult, with {} (Cisco's SDK
    // services/task/contact.ts consultEnd; @webex/cc-task endConsultCall sends the queueId only
    // while the queue consult is in progress).
    const pendingQueue = leg.destinationType === 'queue' && !leg.connected;
    const queueId = pendingQueue ? (leg.to ?? contact.queueId) : undefined;
    return run(ctx, id, RESULTS.consultEnd, (wxcc) => wxcc.endConsult(id, queueId));
  }

  /**
   * Who a consult transfer or conference goes to: the consulted agent, or for a queue consult the
   * agent who answered it, as an agent; WxCC refuses the queue id (Cisco's SDK
   * services/task/index.ts consultTransfer / consultConference send calculateDestAgentId and
   * calculateDestType of services/core/Utils.ts, and throw 'No agent has accepted this queue
   * consult yet' before one has).
   */
  async function consultedParty(ctx: StationContext, id: string) {
    const { consult: leg } = await consultLeg(ctx, id);
    if (leg.destinationType === 'queue') {
      if (!leg.connected || !leg.agentId) refuse(msg('refusal.queueConsultPending'));
      return { to: leg.agentId, destinationType: 'agent' as const };
    }
    // A dialled number or an entry point as the interaction names its participant (SDK
    // calculateDestAgentId: the participant's id, or its epId for an entry point's leg).
    if (leg.party) return leg.party;
    if (!leg.to) refuse(msg('refusal.consultedUnknown'));
    return { to: leg.to, destinationType: leg.destinationType };
  }

  /**
   * The consulted agent leaves the consult they accepted: consult/end with `{}`, as Cisco's widgets
   * offer it to them (@webex/cc-task getEndConsultButtonVisibility: BEING_CONSULTED_ACCEPTED).
   */
  async function leaveConsult(ctx: StationContext, id: string): Promise<ActionOutcome> {
    const dir = await directory.forAgent(ctx);
    if (!dir.endConsultEnabled) refuse(msg('refusal.endConsultDisabled'));
    return run(ctx, id, RESULTS.consultEnd, (wxcc) => wxcc.endConsult(id, undefined));
  }

  async function consultTransfer(ctx: StationContext, id: string): Promise<ActionOutcome> {
    // From a conference, the Transfer of Cisco's widgets hands the whole conference on
    // (@webex/cc-task useCallControl consultTransfer → transferConference while
    // isConferenceInProgress): the consulted party joins (an agent owns it), and this agent
    // leaves. Whoever was consulted (an agent, a number, an entry point): the SDK's
    // transferConference sends `{}` and checks nothing of the consult leg.
    const c = await find(ctx, id);
    if (c.state === 'consulting' && !c.consulted && conferenceInProgress(c)) {
      await consultedParty(ctx, id);
      return run(ctx, id, RESULTS.conferenceTransfer, (wxcc) => wxcc.conferenceTransfer(id));
    }
    const party = await consultedParty(ctx, id);
    return run(ctx, id, RESULTS.consultTransfer, (wxcc) =>
      wxcc.consultTransfer(id, party.to, party.destinationType),
    );
  }

  async function conference(ctx: StationContext, id: string): Promise<ActionOutcome> {
    const party = await consultedParty(ctx, id);
    return run(ctx, id, RESULTS.conference, (wxcc) =>
      wxcc.consultConference(id, party.to, party.destinationType),
    );
  }

  async function exitConference(ctx: StationContext, id: string): Promise<ActionOutcome> {
    const c = await find(ctx, id);
    if (c.state !== 'conference') refuse(msg('refusal.notConference'));
    return run(ctx, id, RESULTS.exitConference, (wxcc) => wxcc.exitConference(id));
  }

  /**
   * What the consult did to the others, as the interaction now says (the main media's isHold,
   * carried by AgentConsultCreated): on a two-party call the customer waits on hold; from a
   * conference the customer and the other agents are held unless the agent let them keep talking
   * (Cisco's SDK services/task/index.ts consult: holdParticipants defaults to true; @webex/cc-task
   * helper.ts consultCall sends !allowParticipantsToInteract).
   */
  async function consultRequestedNote(
    ctx: StationContext,
    id: string,
    name?: string,
  ): Promise<Message> {
    const items = (await station.snapshot(ctx)).contacts.items;
    const c = Object.hasOwn(items, id) ? items[id] : undefined;
    const inConference = c !== undefined && conferenceInProgress(c);
    const key = !inConference
      ? 'CustomerHeld'
      : c.mainHeld === true
        ? 'FromConferenceHeld'
        : 'FromConference';
    return name !== undefined
      ? msg(`targets.consulting${key}`, { name })
      : msg(`targets.consult${key}`);
  }

  return {
    consult,
    endConsult,
    consultTransfer,
    conference,
    exitConference,
    consultRequestedNote,
  };
}
