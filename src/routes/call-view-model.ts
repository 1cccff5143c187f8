// What the contacts region shows of one call: its state, timers, controls (as Cisco's widgets
// decide them), pickers and forms. Conversations (chat, email, social) start from it
// (digital-view-model.ts).
import type {
  CallVariable,
  ContactBook,
  ContactState,
  ContactView,
} from '../agent-session/contact-view';
import type { ContactDirectory } from '../contacts/contact-directory';
import type { BuddyAgent } from '../contacts/buddy-list';
import { formatSince } from './view-models';
import { conferenceInProgress } from '../agent-session/interaction';
import { MAX_CONFERENCE_AGENTS } from '../contacts/contact-service';
import { isRingingOffer } from './bar-models';
import { variableLabel } from '../contacts/variable-label';
import { msg, type Message } from '../i18n/message';
import { customerHeld } from '../agent-session/contact-timing';
import { dateIn, listedTimeZone } from '../agent-tools/time-zones';
import { timeZoneOptions } from './time-zone-options';
import { agentOptions } from './contact-pickers';
import { noteModel } from './contact-notes-model';
import { formatPhone } from './phone-format';

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

export function callModel(c: ContactView, input: ContactsModelInput, now: number) {
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

export function withoutControls<T extends Record<string, unknown>>(none: boolean, controls: T): T {
  if (!none) return controls;
  return Object.fromEntries(
    Object.entries(controls).map(([k, v]) => [k, typeof v === 'boolean' ? false : v]),
  ) as T;
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

function formatLeft(deadline: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function queueConsultPending(c: ContactView): boolean {
  return c.consult?.destinationType === 'queue' && !c.consult.connected;
}

/** Who is on the call besides the customer: an agent by name, a number as it was dialled. */
function partyName(a: NonNullable<ContactView['agentsOnCall']>[number]): Message | string {
  if (a.name !== undefined) return a.name;
  if (a.outside === 'number') return formatPhone(a.dn) ?? msg('contact.party.number');
  if (a.outside === 'entryPoint') return msg('contact.party.entryPoint');
  return msg('contact.agent');
}
