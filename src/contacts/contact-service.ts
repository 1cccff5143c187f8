// Contact actions (hold, end, transfer, consult, wrap-up, outdial), each confirmed by its own WxCC result event.
import { msg, type Message } from '../i18n/message';
import { currentTrackingId } from '../logging/tracking-context';
import { routingFields } from '../clients/wxcc-event-schemas';
import type { BuddyMedia, TransferDestination } from '../clients/tasks-api';
import type { AgentCalls } from '../clients/agent-client';
import { AppError } from '../errors';
import { checkCustomerNumber } from './customer-numbers';
import { contactFailureError } from '../agent-session/contact-failures';
import { isRoutingEvent } from '../agent-session/contact-events';
import { contactNoun, isDigital, type ContactNoun } from '../agent-session/contact-media';
import { queuesForMedia, type ContactDirectoryService, type WrapUpCode } from './contact-directory';
import type { ConsultDestination, ContactView } from '../agent-session/contact-view';
import type { DialRules } from '../station/dial-plan';
import { createBuddyList, type BuddyAgent } from './buddy-list';
import { RESULTS } from './contact-results';
import { conferenceInProgress } from '../agent-session/interaction';
import type { ActionOutcome, StationContext, StationService } from '../station/station-service';
import type { NotificationEvent } from '../agent-session/snapshot';

export interface ContactServiceOptions {
  station: StationService;
  directory: ContactDirectoryService;
  log?: (event: string, details?: Record<string, unknown>) => void;
  now?: () => number;
}

export interface TransferTarget {
  destinationType: TransferDestination;
  to: string;
}

/** A consult's target: an entry point and an address-book number are offered by the directory. */
export interface ConsultTarget {
  destinationType: ConsultDestination;
  to: string;
}

/**
 * The agent's actions on a customer contact, one use case each: check what the snapshot allows,
 * send the task request, wait for its own result event (or show the refusal at once).
 */
export interface ContactService {
  /** "call", "chat", "email" or "message": how the page names this contact in a sentence. */
  nounOf(ctx: StationContext, id: string): Promise<ContactNoun>;
  /** Takes a chat, email or social offer (a call is answered on the phone). */
  accept(ctx: StationContext, id: string): Promise<ActionOutcome>;
  hold(ctx: StationContext, id: string): Promise<ActionOutcome>;
  resume(ctx: StationContext, id: string): Promise<ActionOutcome>;
  end(ctx: StationContext, id: string): Promise<ActionOutcome>;
  wrapUp(ctx: StationContext, id: string, auxCodeId: string): Promise<ActionOutcome>;
  /** "More time": the auto wrap-up is due a full interval later than it was. */
  extendWrapUp(ctx: StationContext, id: string): Promise<void>;
  pauseRecording(ctx: StationContext, id: string): Promise<ActionOutcome>;
  resumeRecording(ctx: StationContext, id: string): Promise<ActionOutcome>;
  transfer(ctx: StationContext, id: string, target: TransferTarget): Promise<ActionOutcome>;
  consult(ctx: StationContext, id: string, target: ConsultTarget): Promise<ActionOutcome>;
  endConsult(ctx: StationContext, id: string): Promise<ActionOutcome>;
  consultTransfer(ctx: StationContext, id: string): Promise<ActionOutcome>;
  conference(ctx: StationContext, id: string): Promise<ActionOutcome>;
  exitConference(ctx: StationContext, id: string): Promise<ActionOutcome>;
  /** Checks the profile, then the typed number against the dial plan, then dials. */
  outdial(
    ctx: StationContext,
    typed: string,
    dialRules: () => Promise<DialRules>,
    /** The caller id picked from the profile's outdial ANI list; the default when unset. */
    origin?: string,
  ): Promise<{ outcome: ActionOutcome; destination: string }>;
  /**
   * The agents a contact of this media can go to (telephony unless said); `wait: false` (a live
   * update) waits only for a first load, never for a refresh.
   */
  buddies(
    ctx: StationContext,
    options?: { wait?: boolean; mediaType?: string },
  ): Promise<readonly BuddyAgent[]>;
  /** What the page says once a consult was asked for (of `name`): whether the customer waits on hold. */
  consultRequestedNote(ctx: StationContext, id: string, name?: string): Promise<Message>;
}

const GONE = msg('refusal.gone');
/** @webex/cc-task Utils/constants MAX_PARTICIPANTS_IN_MULTIPARTY_CONFERENCE. */
export const MAX_CONFERENCE_AGENTS = 7;
const NOT_OFFERED = msg('refusal.notOfferedTarget');

export function createContactService(options: ContactServiceOptions): ContactService {
  const { station, directory } = options;
  const now = options.now ?? Date.now;

  /** Our result: the right type, and this contact's id (failure binds often carry none). */
  function resultOf(types: readonly string[], interactionId: string) {
    return (e: NotificationEvent) =>
      isRoutingEvent(e) &&
      types.includes(e.inner) &&
      (e.data.interactionId === interactionId ||
        (e.inner.endsWith('Failed') && e.data.interactionId === undefined));
  }

  async function find(ctx: StationContext, interactionId: string): Promise<ContactView> {
    const snapshot = await station.snapshot(ctx);
    // The id comes from the URL: an own key only, so `constructor` is no contact of Object's.
    const items = snapshot.contacts.items;
    const contact = Object.hasOwn(items, interactionId) ? items[interactionId] : undefined;
    if (contact === undefined) throw new AppError('not_found', GONE, { status: 409 });
    return contact;
  }

  /**
   * Only what the page offered: one of the agent's queues, or an agent of the buddy list. A
   * forged form must not reach a queue or agent the agent's profile does not give them.
   */
  async function offered(
    ctx: StationContext,
    target: { destinationType: 'agent' | 'queue'; to: string },
    mediaType?: string,
  ): Promise<void> {
    const known =
      target.destinationType === 'queue'
        ? queuesForMedia(await directory.forAgent(ctx), mediaType).some((q) => q.id === target.to)
        : (await buddies(ctx, { mediaType })).some((b) => b.agentId === target.to);
    if (!known) throw new AppError('bad_input', NOT_OFFERED, { field: 'target' });
  }

  function refuse(message: Message): never {
    throw new AppError('station_failed', message);
  }

  async function run(
    ctx: StationContext,
    interactionId: string,
    types: readonly string[],
    send: (wxcc: AgentCalls) => Promise<unknown>,
  ): Promise<ActionOutcome> {
    return station.act(ctx, resultOf(types, interactionId), send, contactFailureError);
  }

  async function accept(ctx: StationContext, id: string): Promise<ActionOutcome> {
    const c = await find(ctx, id);
    if (c.state !== 'offered')
      refuse(msg('refusal.notOffered', { contact: msg(`contact.thisNoun.${contactNoun(c)}`) }));
    if (!isDigital(c)) {
      refuse(msg('refusal.callOnPhone'));
    }
    return run(ctx, id, RESULTS.accept, (wxcc) => wxcc.acceptTask(id));
  }

  /** What only a call has (hold, recording, consult): Cisco's widgets offer it for telephony only. */
  function callOnly(c: ContactView, what: 'hold' | 'recorded' | 'consulted'): void {
    if (isDigital(c))
      refuse(msg(`refusal.callOnly.${what}`, { contact: msg(`contact.aNoun.${contactNoun(c)}`) }));
  }

  async function hold(ctx: StationContext, id: string): Promise<ActionOutcome> {
    const c = await find(ctx, id);
    callOnly(c, 'hold');
    if (c.state !== 'connected') refuse(msg('refusal.holdOnlyConnected'));
    const media = c.mediaResourceId ?? c.mainMediaResourceId ?? id;
    return run(ctx, id, RESULTS.hold, (wxcc) => wxcc.holdTask(id, media));
  }

  async function resume(ctx: StationContext, id: string): Promise<ActionOutcome> {
    const c = await find(ctx, id);
    callOnly(c, 'hold');
    if (c.state !== 'held') refuse(msg('refusal.notHeld'));
    const media = c.mainMediaResourceId ?? c.mediaResourceId ?? id;
    return run(ctx, id, RESULTS.resume, (wxcc) => wxcc.unholdTask(id, media));
  }

  async function end(ctx: StationContext, id: string): Promise<ActionOutcome> {
    const [c, dir] = await Promise.all([find(ctx, id), directory.forAgent(ctx)]);
    // The tenant's switch is about calls: a conversation can always be ended (@webex/cc-task
    // task-util getEndButtonVisibility shows End for any non-call).
    if (!dir.endCallEnabled && !isDigital(c)) {
      refuse(msg('refusal.endDisabled'));
    }
    if (c.state === 'offered' && isDigital(c)) refuse(msg(`refusal.acceptFirst.${contactNoun(c)}`));
    if (c.state === 'wrapup')
      refuse(msg('refusal.alreadyEnded', { contact: msg(`contact.thisNoun.${contactNoun(c)}`) }));
    if (c.state === 'held') refuse(msg('refusal.resumeFirst'));
    if (c.state === 'consulting') refuse(msg('refusal.endConsultFirst'));
    return run(ctx, id, RESULTS.end, (wxcc) => wxcc.endTask(id));
  }

  async function wrapUp(
    ctx: StationContext,
    id: string,
    auxCodeId: string,
  ): Promise<ActionOutcome> {
    const [c, dir] = await Promise.all([find(ctx, id), directory.forAgent(ctx)]);
    if (c.state !== 'wrapup') refuse(msg('refusal.notEnded'));
    const code = dir.wrapUpCodes.find((w) => w.id === auxCodeId);
    if (code === undefined) {
      throw new AppError('bad_input', msg('refusal.chooseWrapUp'), {
        field: 'auxCodeId',
      });
    }
    return sendWrapUp(ctx, id, code);
  }

  function sendWrapUp(ctx: StationContext, id: string, code: WrapUpCode): Promise<ActionOutcome> {
    return run(ctx, id, RESULTS.wrapUp, (wxcc) => wxcc.wrapUpTask(id, code.name, code.id));
  }

  async function setRecording(
    ctx: StationContext,
    id: string,
    pause: boolean,
  ): Promise<ActionOutcome> {
    const c = await find(ctx, id);
    callOnly(c, 'recorded');
    if (!c.recording.pauseResumeEnabled) refuse(msg('refusal.recordingLocked'));
    return pause
      ? run(ctx, id, RESULTS.pause, (wxcc) => wxcc.pauseRecording(id))
      : run(ctx, id, RESULTS.resumeRecording, (wxcc) => wxcc.resumeRecording(id));
  }

  async function transfer(
    ctx: StationContext,
    id: string,
    target: TransferTarget,
  ): Promise<ActionOutcome> {
    const c = await find(ctx, id);
    if (c.state !== 'connected' && c.state !== 'held')
      refuse(msg(`refusal.onlyConnectedTransfer.${contactNoun(c)}`));
    // A conversation goes to a queue or an agent, never to a phone number.
    if (isDigital(c) && target.destinationType === 'dialNumber') {
      throw new AppError('bad_input', msg(`refusal.chooseQueue.${contactNoun(c)}`), {
        field: 'target',
      });
    }
    // A typed number was checked against the dial plan already (contact-input.ts).
    if (target.destinationType !== 'dialNumber') {
      await offered(ctx, { destinationType: target.destinationType, to: target.to }, c.mediaType);
    }
    return run(ctx, id, RESULTS.transfer, (wxcc) =>
      wxcc.transferTask(id, target.to, target.destinationType),
    );
  }

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
      { type: 'consult-requested', interactionId: id, ...target },
      (s) => s.contacts.items[id]?.consultRequested?.to === target.to,
    );
    return run(ctx, id, RESULTS.consult, (wxcc) =>
      wxcc.consultTask(id, target.to, target.destinationType),
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
    dir: Awaited<ReturnType<ContactDirectoryService['forAgent']>>,
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
    // isConferenceInProgress): the consulted agent joins and owns it, and this agent leaves.
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
   * Success is the offer of the new outbound contact; it carries no id of ours to match. The typed
   * number is checked against the dial plan only once the profile allows outdial at all.
   */
  async function outdial(
    ctx: StationContext,
    typed: string,
    dialRules: () => Promise<DialRules>,
    picked?: string,
  ): Promise<{ outcome: ActionOutcome; destination: string }> {
    const [dir, snapshot] = await Promise.all([directory.forAgent(ctx), station.snapshot(ctx)]);
    if (!dir.outdial) refuse(msg('refusal.outdialDisabled'));
    // One call at a time; an open chat or email does not stop the agent dialling.
    if (Object.values(snapshot.contacts.items).some((c) => c.state !== 'wrapup' && !isDigital(c))) {
      refuse(msg('refusal.finishCallFirst'));
    }
    const destination = checkCustomerNumber(typed, 'destination', await dialRules());
    // Only a caller id of the profile's list: a forged form must not show the customer any number.
    if (picked !== undefined && !dir.outdial.anis.some((a) => a.number === picked)) {
      throw new AppError('bad_input', msg('refusal.chooseCallerId'), {
        field: 'origin',
      });
    }
    const origin =
      picked ?? (dir.outdial.anis.find((a) => a.isDefault) ?? dir.outdial.anis[0])?.number;
    // WxCC needs the caller id the customer will see; without the list there is none to send.
    if (origin === undefined) {
      refuse(msg('refusal.callerIdsUnavailable'));
    }
    const entryPointId = dir.outdial.entryPointId;
    const outcome = await station.act(
      ctx,
      (e) =>
        isRoutingEvent(e) &&
        (e.inner === 'AgentOutboundFailed' ||
          (e.inner === 'AgentOfferContact' && isOutbound(e.data))),
      (wxcc) => wxcc.startOutdial({ entryPointId, destination, origin }),
      contactFailureError,
    );
    return { outcome, destination };
  }

  /** "More time": the auto wrap-up is due a full interval later than it was. */
  async function extendWrapUp(ctx: StationContext, id: string): Promise<void> {
    const [c, dir] = await Promise.all([find(ctx, id), directory.forAgent(ctx)]);
    if (c.state !== 'wrapup' || !dir.autoWrapUpSeconds) refuse(msg('refusal.noWrapUpTimer'));
    if (!dir.allowAutoWrapUpExtension) refuse(msg('refusal.noMoreTime'));
    // Extends the countdown by a full interval, from where it stands (not restarted from now).
    const at = Math.max(c.autoWrapUpAt ?? now(), now()) + dir.autoWrapUpSeconds * 1000;
    await station.tell(
      ctx,
      { type: 'auto-wrap-up-due', interactionId: id, at, trackingId: currentTrackingId() },
      (s) => s.contacts.items[id]?.autoWrapUpAt === at,
    );
  }

  const buddyList = createBuddyList({ station, directory, now, log: options.log });
  const buddies: ContactService['buddies'] = (ctx, { wait, mediaType } = {}) =>
    buddyList.forAgent(ctx, { wait, media: buddyMedia(mediaType) });

  /**
   * From a conference nobody is held: the others keep talking to the customer (the sandbox and
   * @webex/cc-task consultCall send holdParticipants: !isConferenceInProgress).
   */
  async function consultRequestedNote(
    ctx: StationContext,
    id: string,
    name?: string,
  ): Promise<Message> {
    const items = (await station.snapshot(ctx)).contacts.items;
    const c = Object.hasOwn(items, id) ? items[id] : undefined;
    const inConference = c !== undefined && conferenceInProgress(c);
    if (name !== undefined) {
      return inConference
        ? msg('targets.consultingFromConference', { name })
        : msg('targets.consultingCustomerHeld', { name });
    }
    return inConference ? msg('targets.consultFromConference') : msg('targets.consultCustomerHeld');
  }

  async function nounOf(ctx: StationContext, id: string): Promise<ContactNoun> {
    const items = (await station.snapshot(ctx)).contacts.items;
    return contactNoun((Object.hasOwn(items, id) ? items[id] : undefined) ?? {});
  }

  return {
    nounOf,
    accept,
    hold,
    resume,
    end,
    wrapUp,
    pauseRecording: (ctx: StationContext, id: string) => setRecording(ctx, id, true),
    resumeRecording: (ctx: StationContext, id: string) => setRecording(ctx, id, false),
    transfer,
    consult,
    endConsult,
    consultTransfer,
    conference,
    exitConference,
    outdial,
    buddies,
    consultRequestedNote,
    extendWrapUp,
  };
}

const BUDDY_MEDIA: readonly BuddyMedia[] = ['telephony', 'chat', 'email', 'social'];

/** The buddy list's media for a contact's (`@webex/cc-store` getBuddyAgents: the task's mediaType). */
export function buddyMedia(mediaType: string | undefined): BuddyMedia {
  const lower = (mediaType ?? '').toLowerCase();
  return BUDDY_MEDIA.find((m) => m === lower) ?? 'telephony';
}

function isOutbound(data: Record<string, unknown>): boolean {
  const interaction = routingFields.parse(data).interaction;
  return (
    interaction?.outboundType === 'OUTDIAL' || interaction?.contactDirection?.type === 'OUTBOUND'
  );
}
