// What the contacts region shows, computed from the snapshot's contacts and the agent's profile.
import { queuesForMedia, type ContactDirectory } from '../contacts/contact-directory';
import { buddyState, type BuddyAgent } from '../contacts/buddy-list';
import type {
  CallVariable,
  ContactBook,
  ContactNote,
  ContactState,
  ContactView,
} from '../agent-session/contact-view';
import { formatSince } from './view-models';
import { channelLabel, contactNoun, isDigital } from '../agent-session/contact-media';
import { conferenceInProgress } from '../agent-session/interaction';
import { MAX_CONFERENCE_AGENTS } from '../contacts/contact-service';
import { isRingingOffer } from './bar-models';
import { variableLabel } from '../contacts/variable-label';
import { msg, type Message } from '../i18n/message';
import { customerHeld } from '../agent-session/contact-timing';
import { dateIn, listedTimeZone } from '../agent-tools/time-zones';
import { timeZoneOptions } from './time-zone-options';

/** Notes (a contact that went away, a refused action) stay this long; the agent may dismiss them. */
export const NOTE_TTL_MS = 2 * 60_000;

/** The contact the agent is handling comes first: a call, then a ringing offer, then a wrap-up. */
const HANDLING_ORDER: Record<ContactState, number> = {
  connected: 0,
  held: 0,
  consulting: 0,
  conference: 0,
  offered: 1,
  wrapup: 2,
};

export interface VariableField {
  name: string;
  label: string;
  value: string;
  editable: boolean;
  type: string;
}

const STATE_LABELS: Record<ContactState, Message> = {
  offered: msg('contact.state.offered'),
  connected: msg('contact.state.connected'),
  held: msg('contact.state.held'),
  consulting: msg('contact.state.consulting'),
  conference: msg('contact.state.conference'),
  wrapup: msg('contact.state.wrapup'),
};

export interface ContactsModelInput {
  book: ContactBook;
  directory: ContactDirectory;
  /** The telephony buddy list: the agents a call goes to. */
  buddies: readonly BuddyAgent[];
  /**
   * The buddy lists of other media (chat, email, social), asked for by media as Cisco's store does
   * (`@webex/cc-store` getBuddyAgents(mediaType)): the agents a conversation goes to.
   */
  mediaBuddies?: Partial<Record<string, readonly BuddyAgent[]>>;
  deadlineOf: (interactionId: string) => number | undefined;
  /** The device the station rings: the offer tells the agent to answer there. */
  dialNumber?: string;
  /** Labels, types and editability from the tenant's CAD definitions (agent-tools/call-variables.ts). */
  variableFields?: (variables: CallVariable[]) => VariableField[];
  /** Another desktop holds the session: contacts are shown, no control is offered. */
  takenOver?: boolean;
  now?: number;
}

export function contactsModel(input: ContactsModelInput) {
  const now = input.now ?? Date.now();
  const { directory: dir } = input;
  const items = Object.values(input.book.items)
    .sort(
      (a, b) =>
        HANDLING_ORDER[a.state] - HANDLING_ORDER[b.state] ||
        (a.offeredAt ?? a.createdTimestamp ?? 0) - (b.offeredAt ?? b.createdTimestamp ?? 0),
    )
    .map((c) => contactModel(c, input, now));
  const notes = input.book.notes
    .filter((n) => now - n.at < NOTE_TTL_MS)
    .map(noteModel)
    .reverse();
  return {
    items,
    notes,
    /**
     * One sentence for screen readers when the contacts change on a live page: the contacts only.
     * Notes are announced on their own, each once (public/notes.js), never merged with an offer.
     */
    announce: items.map((c) => msg('contacts.announce', { title: c.title, state: c.stateLabel })),
    // One call at a time: no Dial form while a call rings, talks or is held (a second call
    // would put the customer on hold unasked); it comes back in wrap-up.
    // An open chat or email does not block the Dial form: a blended agent takes calls beside them.
    outdial:
      dir.outdial &&
      !input.takenOver &&
      !Object.values(input.book.items).some((c) => c.state !== 'wrapup' && !isDigital(c))
        ? outdialModel(dir.outdial.anis)
        : undefined,
    problem: dir.problem,
  };
}

export type ContactsModel = ReturnType<typeof contactsModel>;

/** The caller ids of the profile's outdial ANI list, its default preselected (else the first). */
export function outdialModel(anis: { number: string; name: string; isDefault: boolean }[]) {
  const chosen = anis.find((a) => a.isDefault) ?? anis[0];
  return {
    callerId: chosen?.number,
    callerIds: anis.map((a) => ({
      value: a.number,
      label: a.name && a.name !== a.number ? `${a.name} (${a.number})` : a.number,
      selected: a === chosen,
    })),
  };
}

function contactModel(c: ContactView, input: ContactsModelInput, now: number) {
  return isDigital(c) ? digitalModel(c, input, now) : callModel(c, input, now);
}

/**
 * A chat, email or social contact. Its controls follow Cisco's widgets for a non-telephony task
 * (@webex/cc-task Utils/task-util getControlsVisibility): Accept while offered
 * (getAcceptButtonVisibility: a digital channel on any device), End whatever the tenant's
 * endCallEnabled (getEndButtonVisibility: `|| !isCall`), Transfer (getTransferButtonVisibility), and
 * no hold, recording or consult (each needs isCall). Its title is the customer's address, or their
 * name on a social channel (@webex/cc-components extractIncomingTaskData: `isSocial ? customerName
 * : ani`).
 */
function digitalModel(c: ContactView, input: ContactsModelInput, now: number) {
  const call = callModel(c, input, now);
  const channel = channelLabel(c);
  const noun = contactNoun(c);
  const live = c.state === 'connected' || c.state === 'held';
  const social = (c.mediaType ?? '').toLowerCase() === 'social';
  return {
    ...call,
    digital: true,
    channel,
    title:
      (social ? c.customerName : c.ani) ??
      c.customerName ??
      c.ani ??
      msg('contact.unknownCustomer'),
    ani: undefined,
    address: c.ani,
    stateLabel: c.state === 'offered' ? msg('contact.state.waitingToBeAccepted') : call.stateLabel,
    // A callback rings a phone number; a conversation's address is not one.
    callback: undefined,
    direction: msg(
      `contact.direction.${c.direction === 'OUTBOUND' ? 'outbound' : 'inbound'}.${noun}`,
    ),
    ring:
      call.ring === undefined
        ? undefined
        : {
            ...call.ring,
            hint: msg(`contact.ring.digitalHint.${noun}`),
          },
    // The Contact Center API carries who and where from, never the messages: say where they are.
    contentHint: msg(`contact.contentHint.${noun}`),
    controls: withoutControls(input.takenOver === true, {
      ...call.controls,
      accept: c.state === 'offered' && !c.consulted,
      hold: false,
      resume: false,
      pauseRecording: false,
      resumeRecording: false,
      consult: false,
      end: c.state !== 'wrapup' && c.state !== 'offered' && !c.consulted,
      endLabel: msg(`contact.action.end.${noun}`),
      transfer: live && !c.consulted,
      transferToNumber: false,
    }),
    // Queues of its own media only, and the agents of the buddy list asked for by its media.
    transferTargets: {
      queues: queuesForMedia(input.directory, c.mediaType).map((q) => ({
        value: `queue:${q.id}`,
        label: q.name,
      })),
      ...agentOptions(input.mediaBuddies?.[(c.mediaType ?? '').toLowerCase()] ?? []),
    },
  };
}

function callModel(c: ContactView, input: ContactsModelInput, now: number) {
  const dir = input.directory;
  const domId = `contact-${c.interactionId.replace(/[^A-Za-z0-9-]/g, '')}`;
  const ani = formatPhone(c.ani);
  const live = c.state === 'connected' || c.state === 'held';
  // Controls follow Cisco's widgets (@webex/cc-task Utils/task-util getControlsVisibility): in a
  // conference no Hold or Transfer, Consult while it holds fewer than
  // MAX_PARTICIPANTS_IN_MULTIPARTY_CONFERENCE agents, Leave while not consulting.
  const inConference = c.state === 'conference';
  const agentsOnCall = c.agentsOnCall ?? [];
  const consultFromConference = c.state === 'consulting' && !c.consulted && conferenceInProgress(c);
  // The consulted agent who accepted may leave the consult (getEndConsultButtonVisibility).
  const consultedOnLeg = c.state === 'consulting' && c.consulted;
  const ringDeadline =
    c.state === 'offered' && c.ronaTimeoutSec !== undefined && c.offeredAt !== undefined
      ? c.offeredAt + c.ronaTimeoutSec * 1000
      : undefined;
  const wrapDeadline = c.state === 'wrapup' ? input.deadlineOf(c.interactionId) : undefined;
  // Talk time counts from the answer; a contact heard already talking counts from its creation.
  const talkingSince =
    c.state === 'offered' || c.state === 'wrapup'
      ? undefined
      : (c.answeredAt ?? c.createdTimestamp);
  const queues = dir.queues.map((q) => ({ value: `queue:${q.id}`, label: q.name }));
  const { agents, moreAgents } = agentOptions(input.buddies);
  // The tenant's entry points take a consult (not a transfer) of a call (@webex/cc-task consult
  // popover: the entry-point tab for Consult only).
  const entryPoints = dir.entryPoints.map((e) => ({ value: `entry:${e.id}`, label: e.name }));
  return {
    id: c.interactionId,
    domId,
    state: c.state,
    stateLabel:
      c.consulted && c.state === 'offered'
        ? msg('contact.state.consultRequest')
        : STATE_LABELS[c.state],
    digital: false,
    channel: msg('contact.channel.call') as Message | string,
    title: (c.customerName ?? ani ?? msg('contact.unknownCaller')) as Message | string,
    ani,
    address: undefined as string | undefined,
    contentHint: undefined as Message | undefined,
    customerName: c.customerName,
    queueName: c.queueName,
    direction: msg(`contact.direction.${c.direction === 'OUTBOUND' ? 'outbound' : 'inbound'}.call`),
    variables: (input.variableFields ?? readOnlyFields)(c.callVariables).map((v) => ({
      ...v,
      inputId: `${domId}-cad-${v.name.replace(/[^A-Za-z0-9_-]/g, '')}`,
    })),
    // A callback goes to the customer's number, in a queue: only a call that came through one.
    callback:
      c.ani !== undefined && c.queueId !== undefined && c.state !== 'offered'
        ? callbackForm(dir.timeZone, now)
        : undefined,
    /**
     * A customer's offer: the page rings, notifies and flashes the title (public/alerts.js). Not on
     * a page another desktop took over: the offer is answered there, and this one must fall silent.
     */
    offer: isRingingOffer(c) && input.takenOver !== true,
    startedAt: talkingSince,
    elapsedText: formatSince(talkingSince, now),
    // The customer waits on Hold and through a consult: one hold timer, as Cisco's widgets show it.
    heldAt: customerHeld(c) ? c.heldAt : undefined,
    heldText: customerHeld(c) && c.heldAt !== undefined ? formatSince(c.heldAt, now) : '',
    /** Where focus goes after each action (public/focus-next.js): the natural next control. */
    next: nextControls(domId),
    ring:
      c.state === 'offered'
        ? {
            deadline: ringDeadline,
            leftText: ringDeadline === undefined ? '' : formatLeft(ringDeadline, now),
            hint: input.dialNumber
              ? msg('contact.ring.hintNumber', { number: input.dialNumber })
              : msg('contact.ring.hintStation'),
          }
        : undefined,
    recordingPaused: c.recording.paused,
    // Taken over: the contacts stay in view, but this page offers no control of them.
    controls: withoutControls(input.takenOver === true, {
      // A call is answered on the phone (@webex/cc-task getAcceptButtonVisibility: on a phone
      // device, Accept is for digital channels only).
      accept: false,
      hold: c.state === 'connected',
      resume: c.state === 'held',
      // A ringing inbound call is answered or declined on the phone; a ringing outdial can be
      // cancelled. Not while held or consulting, as Cisco's widgets decide it
      // (@webex/cc-task Utils/task-util getEndButtonVisibility), nor where the tenant forbids it.
      end:
        dir.endCallEnabled &&
        c.state !== 'wrapup' &&
        c.state !== 'held' &&
        c.state !== 'consulting' &&
        !c.consulted &&
        (c.state !== 'offered' || c.direction === 'OUTBOUND'),
      endLabel: msg(
        c.state === 'offered' ? 'contact.action.cancelCall' : 'contact.action.end.call',
      ),
      pauseRecording: live && c.recording.pauseResumeEnabled && !c.recording.paused,
      resumeRecording: live && c.recording.pauseResumeEnabled && c.recording.paused,
      transfer: live && !c.consulted,
      transferToNumber: true,
      consult:
        ((live && !c.consulted) || (inConference && agentsOnCall.length < MAX_CONFERENCE_AGENTS)) &&
        (agents.length > 0 || (dir.consultToQueue && queues.length > 0) || entryPoints.length > 0),
      // In a conference the consult form offers to let the others keep talking; unticked, WxCC
      // holds them (Cisco's consult popover shows "Allow participants to continue interacting."
      // only while isConferenceInProgress: @webex/cc-components consult-transfer-popover).
      othersKeepTalking: inConference,
      consultLeg: c.state === 'consulting' && c.consult !== undefined,
      // As Cisco's widgets (@webex/cc-task getEndConsultButtonVisibility): only where the tenant
      // lets agents end a consult.
      endConsult:
        c.state === 'consulting' &&
        (c.consult !== undefined || consultedOnLeg) &&
        dir.endConsultEnabled,
      // A queue consult nobody has answered yet is cancelled (consult/end with its queueId,
      // AgentCtqCancelled: Cisco's SDK services/task/contact.ts consultEnd); transfer and conference
      // wait for the agent who answers it (services/task/index.ts consultTransfer).
      endConsultLabel: msg(
        consultedOnLeg
          ? 'contact.action.leaveConsult'
          : queueConsultPending(c)
            ? 'contact.action.cancelConsult'
            : 'contact.action.endConsult',
      ),
      // From a conference the consulted party is handed the whole conference, and this agent leaves.
      consultTransferLabel: msg(
        consultFromConference
          ? 'contact.action.transferConference'
          : 'contact.action.transferToConsulted',
      ),
      conferenceLabel: msg(
        consultFromConference ? 'contact.action.addToConference' : 'contact.action.conference',
      ),
      consultReady:
        c.consult?.connected === true &&
        (c.consult.destinationType !== 'queue' || c.consult.agentId !== undefined),
      exitConference: c.state === 'conference',
    }),
    conference: inConference
      ? {
          count: agentsOnCall.length,
          agents: agentsOnCall.map((a): Message | string => partyName(a)),
          // A number or an entry point conferenced in: the sentence says parties, not agents.
          outside: agentsOnCall.some((a) => a.outside !== undefined),
        }
      : undefined,
    transferTargets: { queues, agents, moreAgents },
    // Not an agent already on the call.
    consultTargets: {
      queues: dir.consultToQueue ? queues : [],
      agents: agents.filter((o) => !agentsOnCall.some((a) => o.value === `agent:${a.agentId}`)),
      moreAgents,
      entryPoints,
    },
    wrapUp:
      c.state === 'wrapup' && !input.takenOver
        ? {
            codes: dir.wrapUpCodes.map((w) => ({
              value: w.id,
              label: w.name,
              selected: w.id === dir.defaultWrapUp?.id,
            })),
            deadline: wrapDeadline,
            leftText: wrapDeadline === undefined ? '' : formatLeft(wrapDeadline, now),
            canExtend: wrapDeadline !== undefined && dir.allowAutoWrapUpExtension,
          }
        : undefined,
    note: c.note ? noteModel(c.note) : undefined,
  };
}

/** Without the tenant's definitions: the event's labels, nothing editable. */
function readOnlyFields(variables: CallVariable[]): VariableField[] {
  return variables.map((v) => ({
    name: v.name,
    label: variableLabel(v.name, v.label),
    value: v.value,
    editable: false,
    type: 'STRING',
  }));
}

function withoutControls<T extends Record<string, unknown>>(none: boolean, controls: T): T {
  if (!none) return controls;
  return Object.fromEntries(
    Object.entries(controls).map(([k, v]) => [k, typeof v === 'boolean' ? false : v]),
  ) as T;
}

function noteModel(n: ContactNote) {
  return {
    kind: n.kind,
    text: n.text,
    /** Stable across renders, so the page announces each note once and forgets a dismissed one. */
    id: `note-${n.at.toString(36)}-${hash(typeof n.text === 'string' ? n.text : JSON.stringify(n.text))}`,
    expiresAt: n.at + NOTE_TTL_MS,
  };
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/**
 * The callback form: tomorrow, in the tenant's time zone when it is one of the list; else the page
 * starts on the browser's own zone (public/contact-forms.js), UTC without JavaScript.
 */
function callbackForm(tenantZone: string | undefined, now: number) {
  const zone = listedTimeZone(tenantZone);
  return {
    date: dateIn(zone ?? 'UTC', now, 1),
    timeZone: zone ?? 'UTC',
    browserZone: zone === undefined,
    /** The select's options, drawn once per zone (time-zones.ts). */
    timeZoneOptions: timeZoneOptions(zone ?? 'UTC'),
  };
}

/** For each action, the controls that naturally come next, in order of preference. */
function nextControls(domId: string): Record<string, string> {
  const id = (...names: string[]) => names.map((n) => (n ? `${domId}-${n}` : '')).join(' ');
  const afterCall = `${id('wrapup-code', 'wrapup')} go-available`;
  return {
    // A live update may end the call under the agent's hand: wrap-up is next then.
    hold: `${id('resume')} ${afterCall}`,
    resume: `${id('hold')} ${afterCall}`,
    end: afterCall,
    'record-pause': `${id('record-resume')} ${afterCall}`,
    'record-resume': `${id('record-pause')} ${afterCall}`,
    transfer: afterCall,
    consult: id('consult-end', 'consult-transfer'),
    'consult-end': id('hold', 'resume'),
    'consult-transfer': afterCall,
    conference: id('conference-exit'),
    'conference-exit': afterCall,
    wrapup: 'go-available go-idle',
    'wrapup-extend': id('wrapup'),
  };
}

/** `+14155550100` → `+1 415 555 0100`; other countries keep their digits, grouped after the code. */
export function formatPhone(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const nanp = raw.match(/^\+1(\d{3})(\d{3})(\d{4})$/);
  if (nanp) return `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}`;
  const intl = raw.match(/^\+(\d{2})(\d{3,})$/);
  if (intl) return `+${intl[1]} ${intl[2]!.replace(/(\d{3})(?=\d{3})/g, '$1 ')}`;
  return raw;
}

function formatLeft(deadline: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function queueConsultPending(c: ContactView): boolean {
  return c.consult?.destinationType === 'queue' && !c.consult.connected;
}

/**
 * At most this many agents in a contact's pickers: each pushed fragment carries them, twice (transfer
 * and consult), so 1,000 buddies made every live update of a call 140 KB. The Directory searches
 * all of them, and the picker says how many it leaves to it.
 */
export const PICKER_AGENTS = 50;

/** Who is on the call besides the customer: an agent by name, a number as it was dialled. */
function partyName(a: NonNullable<ContactView['agentsOnCall']>[number]): Message | string {
  if (a.name !== undefined) return a.name;
  if (a.outside === 'number') return formatPhone(a.dn) ?? msg('contact.party.number');
  if (a.outside === 'entryPoint') return msg('contact.party.entryPoint');
  return msg('contact.agent');
}

/** The buddy list as options, in WxCC's order; over the cap, the Available agents first. */
function agentOptions(buddies: readonly BuddyAgent[]) {
  const shown =
    buddies.length <= PICKER_AGENTS
      ? buddies
      : [
          ...buddies.filter((b) => b.state === 'Available'),
          ...buddies.filter((b) => b.state !== 'Available'),
        ].slice(0, PICKER_AGENTS);
  return {
    agents: shown.map((b) => ({
      value: `agent:${b.agentId}`,
      label: (b.state
        ? msg('contact.agentWithState', { name: b.name, state: buddyState(b.state) })
        : b.name) as Message | string,
    })),
    moreAgents: buddies.length - shown.length,
  };
}
