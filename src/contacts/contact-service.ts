// Contact actions (accept, hold, end, transfer, wrap-up, recording, outdial), each confirmed by its own WxCC
// result event; consults and conferences are in contact-consults.ts.
import { msg, type Message } from '../i18n/message';
import { currentTrackingId } from '../logging/tracking-context';
import { routingFields } from '../clients/wxcc-event-schemas';
import type { BuddyMedia, TransferDestination } from '../clients/tasks-api';
import { AppError } from '../errors';
import { checkCustomerNumber } from './customer-numbers';
import { contactFailureError } from '../agent-session/contact-failures';
import { isRoutingEvent } from '../agent-session/contact-events';
import { contactNoun, isDigital, type ContactNoun } from '../agent-session/contact-media';
import { queuesForMedia, type ContactDirectoryService, type WrapUpCode } from './contact-directory';
import type { DialRules } from '../station/dial-plan';
import { createBuddyList, type BuddyAgent } from './buddy-list';
import { RESULTS } from './contact-results';
import type { ActionOutcome, StationContext, StationService } from '../station/station-service';
import { callOnly, createContactSteps, refuse } from './contact-steps';
import { createConsultActions, type ConsultTarget } from './contact-consults';

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

export { MAX_CONFERENCE_AGENTS, type ConsultTarget } from './contact-consults';

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

const NOT_OFFERED = msg('refusal.notOfferedTarget');

export function createContactService(options: ContactServiceOptions): ContactService {
  const { station, directory } = options;
  const now = options.now ?? Date.now;
  const steps = createContactSteps(station);
  const { find, run } = steps;

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

  async function accept(ctx: StationContext, id: string): Promise<ActionOutcome> {
    const c = await find(ctx, id);
    if (c.state !== 'offered')
      refuse(msg('refusal.notOffered', { contact: msg(`contact.thisNoun.${contactNoun(c)}`) }));
    if (!isDigital(c)) {
      refuse(msg('refusal.callOnPhone'));
    }
    return run(ctx, id, RESULTS.accept, (wxcc) => wxcc.acceptTask(id));
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

  const consults = createConsultActions({ station, directory, steps, offered });

  const buddyList = createBuddyList({ station, directory, now, log: options.log });
  const buddies: ContactService['buddies'] = (ctx, { wait, mediaType } = {}) =>
    buddyList.forAgent(ctx, { wait, media: buddyMedia(mediaType) });

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
    ...consults,
    outdial,
    buddies,
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
