// What the contacts region shows, computed from the snapshot's contacts and the agent's profile.
import type { ContactDirectory } from '../contacts/contact-directory';
import type { BuddyAgent } from '../contacts/buddy-list';
import type {
  CallVariable,
  ContactBook,
  ContactNote,
  ContactState,
  ContactView,
} from '../agent-session/contact-view';
import { formatSince } from './view-models';

/** Notes about contacts that went away (RONA, abandoned) stay this long on the page. */
const NOTE_TTL_MS = 5 * 60_000;

export interface VariableField {
  name: string;
  label: string;
  value: string;
  editable: boolean;
  type: string;
}

const STATE_LABELS: Record<ContactState, string> = {
  offered: 'Ringing',
  connected: 'Connected',
  held: 'On hold',
  consulting: 'Consulting',
  conference: 'Conference',
  wrapup: 'Wrap-up',
};

export interface ContactsModelInput {
  book: ContactBook;
  directory: ContactDirectory;
  buddies: BuddyAgent[];
  deadlineOf: (interactionId: string) => number | undefined;
  /** The device the station rings: the offer tells the agent to answer there. */
  dialNumber?: string;
  /** Labels, types and editability from the tenant's CAD definitions (agent-tools/call-variables.ts). */
  variableFields?: (variables: CallVariable[]) => VariableField[];
  now?: number;
}

export function contactsModel(input: ContactsModelInput) {
  const now = input.now ?? Date.now();
  const { directory: dir } = input;
  const items = Object.values(input.book.items)
    .sort(
      (a, b) => (a.offeredAt ?? a.createdTimestamp ?? 0) - (b.offeredAt ?? b.createdTimestamp ?? 0),
    )
    .map((c) => contactModel(c, input, now));
  const notes = input.book.notes
    .filter((n) => now - n.at < NOTE_TTL_MS)
    .map(noteModel)
    .reverse();
  return {
    items,
    notes,
    /** One sentence for screen readers when the contacts change on a live page. */
    announce: [
      ...items.map((c) => `${c.title}: ${c.stateLabel}.`),
      ...notes.slice(0, 1).map((n) => n.text),
    ].join(' '),
    // One call at a time: no Dial form while a call rings, talks or is held (a second call
    // would put the customer on hold unasked); it comes back in wrap-up.
    outdial:
      dir.outdial && !Object.values(input.book.items).some((c) => c.state !== 'wrapup')
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
  const dir = input.directory;
  const domId = `contact-${c.interactionId.replace(/[^A-Za-z0-9-]/g, '')}`;
  const ani = formatPhone(c.ani);
  const live = c.state === 'connected' || c.state === 'held';
  const ringDeadline =
    c.state === 'offered' && c.ronaTimeoutSec !== undefined && c.offeredAt !== undefined
      ? c.offeredAt + c.ronaTimeoutSec * 1000
      : undefined;
  const wrapDeadline = c.state === 'wrapup' ? input.deadlineOf(c.interactionId) : undefined;
  const queues = dir.queues.map((q) => ({ value: `queue:${q.id}`, label: q.name }));
  const agents = input.buddies.map((b) => ({
    value: `agent:${b.agentId}`,
    label: b.state ? `${b.name} (${b.state})` : b.name,
  }));
  return {
    id: c.interactionId,
    domId,
    state: c.state,
    stateLabel: c.consulted && c.state === 'offered' ? 'Consult request' : STATE_LABELS[c.state],
    title: c.customerName ?? ani ?? 'Unknown caller',
    ani,
    customerName: c.customerName,
    queueName: c.queueName,
    direction: c.direction === 'OUTBOUND' ? 'Outbound call' : 'Inbound call',
    callVariables: c.callVariables,
    variables: (input.variableFields ?? readOnlyFields)(c.callVariables).map((v) => ({
      ...v,
      inputId: `${domId}-cad-${v.name.replace(/[^A-Za-z0-9_-]/g, '')}`,
    })),
    // A callback goes to the customer's number, in a queue: only a call that came through one.
    callback:
      c.ani !== undefined && c.queueId !== undefined && c.state !== 'offered'
        ? { date: new Date(now + 86_400_000).toISOString().slice(0, 10) }
        : undefined,
    startedAt: c.createdTimestamp,
    elapsedText: formatSince(c.createdTimestamp, now),
    ring:
      c.state === 'offered'
        ? {
            deadline: ringDeadline,
            leftText: ringDeadline === undefined ? '' : formatLeft(ringDeadline, now),
            hint: input.dialNumber
              ? `Answer on your phone: Webex Contact Center is ringing ${input.dialNumber}.`
              : 'Answer on your phone: Webex Contact Center is ringing your station.',
          }
        : undefined,
    recordingPaused: c.recording.paused,
    controls: {
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
      endLabel: c.state === 'offered' ? 'Cancel call' : 'End call',
      pauseRecording: live && c.recording.pauseResumeEnabled && !c.recording.paused,
      resumeRecording: live && c.recording.pauseResumeEnabled && c.recording.paused,
      transfer: live && !c.consulted,
      consult:
        live && !c.consulted && (agents.length > 0 || (dir.consultToQueue && queues.length > 0)),
      consultLeg: c.state === 'consulting' && c.consult !== undefined,
      // As Cisco's widgets (@webex/cc-task getEndConsultButtonVisibility): only where the tenant
      // lets agents end a consult.
      endConsult: c.state === 'consulting' && c.consult !== undefined && dir.endConsultEnabled,
      // A queue consult nobody has answered yet is cancelled (consult/end with its queueId,
      // AgentCtqCancelled: Cisco's SDK services/task/contact.ts consultEnd); transfer and conference
      // wait for the agent who answers it (services/task/index.ts consultTransfer).
      endConsultLabel: queueConsultPending(c) ? 'Cancel consult' : 'End consult',
      consultReady:
        c.consult?.connected === true &&
        (c.consult.destinationType !== 'queue' || c.consult.agentId !== undefined),
      exitConference: c.state === 'conference',
    },
    transferTargets: { queues, agents },
    consultTargets: { queues: dir.consultToQueue ? queues : [], agents },
    wrapUp:
      c.state === 'wrapup'
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
    label: v.label ?? v.name,
    value: v.value,
    editable: false,
    type: 'STRING',
  }));
}

function noteModel(n: ContactNote) {
  return { kind: n.kind, text: n.text };
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
