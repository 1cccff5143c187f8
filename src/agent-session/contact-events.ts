// Folding WxCC RoutingMessage events (TASKS.md §2-§4) into the agent's contacts: a pure reducer.
import { routingFields, type RoutingFields } from '../clients/wxcc-event-schemas';
import {
  conferenceInProgress,
  consultFrom,
  consultedPartyFrom,
  holdOf,
  mergeDetails,
  participant,
  stateFromSnapshot,
} from './interaction';
import { describeContactFailure, isContactFailure } from './contact-failures';
import { contactNoun, isDigital } from './contact-media';
import { msg, type Message, type MessageKey } from '../i18n/message';
import type { ContactBook, ContactNote, ContactView } from './contact-view';
import type { NotificationEvent } from './snapshot';

const MAX_CONTACTS = 20;
const MAX_NOTES = 5;

export function isRoutingEvent(event: NotificationEvent): boolean {
  return event.outer === 'RoutingMessage' || event.data.eventType === 'RoutingMessage';
}

/** Folds one event into the contacts; returns the same object when nothing changed. */
export function reduceContacts(
  book: ContactBook,
  event: NotificationEvent,
  agentId: string,
  now: number,
): ContactBook {
  switch (event.inner) {
    // The agent's station was (re)loaded: WxCC now says which contacts exist; forget the rest.
    case 'AgentReloginSuccess':
    case 'AgentStationLoginSuccess': {
      const ids = new Set(routingFields.parse(event.data).interactionIds);
      const kept = Object.values(book.items).filter((c) => ids.has(c.interactionId));
      return kept.length === Object.keys(book.items).length ? book : withItems(book, kept);
    }
    case 'AgentLogoutSuccess':
      return Object.keys(book.items).length === 0 ? book : { ...book, items: {} };
  }
  if (!isRoutingEvent(event)) return book;

  const d = routingFields.parse(event.data);
  const at = d.eventTime ?? now;
  const id = d.interactionId;
  const existing = id === undefined ? undefined : book.items[id];
  const detailed = id === undefined ? undefined : mergeDetails(existing, id, d, agentId);

  if (isContactFailure(event.inner)) {
    const note: ContactNote = { kind: 'error', text: describeContactFailure(event), at };
    // Failure binds often omit the interactionId: with one contact, it is that one's.
    const only = Object.values(book.items);
    const target = existing ?? (only.length === 1 ? only[0] : undefined);
    if (event.inner === 'AgentContactAssignFailed' || event.inner === 'AgentInviteFailed') {
      return id === undefined ? addNote(book, note) : remove(addNote(book, note), id);
    }
    if (target === undefined) return addNote(book, note);
    return put(book, { ...afterFailure(target, event.inner), note });
  }

  if (id === undefined || detailed === undefined) return book;
  switch (event.inner) {
    case 'AgentContactReserved':
    case 'AgentOfferContact':
      return put(book, {
        ...detailed,
        state: existing && existing.state !== 'offered' ? existing.state : 'offered',
        offeredAt: existing?.offeredAt ?? at,
      });
    case 'AgentOfferConsult':
      return put(book, { ...detailed, state: 'offered', consulted: true, offeredAt: at });
    case 'AgentContact': {
      // A full snapshot, sent after a reload: its interaction state is the truth. A consult this
      // agent started is rebuilt from it (the consult leg in the interaction's media, and what
      // was asked, kept in the snapshot), so a new sign-in or a restart keeps its controls.
      const state = stateFromSnapshot(d, agentId);
      return put(book, {
        ...detailed,
        state,
        consult:
          state === 'consulting' && !detailed.consulted
            ? (detailed.consult ?? reloadedConsult(detailed, d, agentId))
            : detailed.consult,
      });
    }
    case 'AgentContactAssigned':
      return put(book, { ...detailed, state: 'connected', note: undefined });
    case 'AgentContactHeld':
      return put(book, { ...detailed, state: 'held', note: info('contact.note.held', at) });
    case 'AgentContactUnheld':
      return put(book, {
        ...detailed,
        state: detailed.consult ? 'consulting' : 'connected',
        note: info('contact.note.resumed', at),
      });
    case 'ContactRecordingPaused':
      return put(book, withRecording(detailed, true, info('contact.note.recordingPaused', at)));
    case 'ContactRecordingResumed':
      return put(book, withRecording(detailed, false, info('contact.note.recordingResumed', at)));
    case 'AgentConsultCreated':
      return put(book, {
        ...detailed,
        state: 'consulting',
        consult: detailed.consult ?? consultFrom(d, agentId),
        note: info('contact.note.consultRequested', at),
      });
    case 'AgentConsulting':
      return put(book, {
        ...detailed,
        state: 'consulting',
        consult: detailed.consulted ? undefined : connectedConsult(detailed, d, agentId),
        note: info('contact.note.consultConnected', at),
      });
    case 'AgentConsultEnded':
    case 'AgentCtqCancelled':
    case 'AgentConsultConferenceEnded':
      if (detailed.consulted) return remove(book, id);
      return put(book, {
        ...detailed,
        consult: undefined,
        // A consult started from a conference ends back in the conference.
        state: conferenceInProgress(detailed) ? 'conference' : holdOf(d) ? 'held' : 'connected',
        note: info(
          event.inner === 'AgentConsultConferenceEnded'
            ? 'contact.note.conferenceEnded'
            : 'contact.note.consultEnded',
          at,
        ),
      });
    case 'AgentConsultConferencing':
    case 'AgentConsultConferenced':
    case 'ParticipantJoinedConference':
      // Once joined, a consulted agent has every control the owner has: in a conference Cisco's
      // widgets decide controls from the conference, not from who was consulted
      // (@webex/cc-task Utils/task-util getControlsVisibility: getConsultStatus → CONFERENCE).
      return put(book, {
        ...detailed,
        state: 'conference',
        consulted: false,
        consult: undefined,
        note: info('contact.note.conferenceStarted', at),
      });
    case 'AgentConsultTransferring':
    case 'AgentConsultTransferred':
      // The consulted agent is the one the call was transferred to: it is theirs now.
      if (detailed.consulted) {
        return put(book, {
          ...detailed,
          consulted: false,
          consult: undefined,
          state: holdOf(d) ? 'held' : 'connected',
          note: info('contact.note.transferredToYou', at),
        });
      }
      return put(book, {
        ...detailed,
        consult: undefined,
        state: 'wrapup',
        wrapUpStartedAt: detailed.wrapUpStartedAt ?? at,
        note: info('contact.note.transferred', at),
      });
    case 'AgentBlindTransferred':
    case 'AgentVteamTransferred':
    case 'AgentConferenceTransferred':
      return put(book, {
        ...detailed,
        consult: undefined,
        state: 'wrapup',
        wrapUpStartedAt: detailed.wrapUpStartedAt ?? at,
        note: info('contact.note.transferred', at),
      });
    case 'AgentWrapup':
    case 'AgentContactUnassigned':
      return put(book, {
        ...detailed,
        consult: undefined,
        state: 'wrapup',
        wrapUpStartedAt: existing?.state === 'wrapup' ? existing.wrapUpStartedAt : at,
        note:
          existing?.note?.kind === 'info' && existing.state === 'wrapup'
            ? existing.note
            : info(`contact.note.ended.${contactNoun(detailed)}`, at),
      });
    case 'ContactEnded':
      return contactEnded(book, existing, detailed, d, agentId, at);
    case 'AgentOfferContactRona':
      return remove(addNote(book, note('error', ronaText(detailed), at)), id);
    case 'AgentWrappedUp':
      return remove(book, id);
    case 'ContactUpdated':
      // The answer to PATCH /v1/tasks/{id}: the page shows the variables WxCC now holds.
      if (existing === undefined) return book;
      return put(book, { ...detailed, note: info('contact.note.detailsUpdated', at) });
    case 'ParticipantLeftConference':
      // Every participant receives it, and its agentId names the recipient, not who left: the
      // recipient is out when the interaction lists them as gone, as Cisco's SDK decides it
      // (TaskManager.ts PARTICIPANT_LEFT_CONFERENCE → checkParticipantNotInInteraction, TaskUtils.ts).
      if (hasLeft(d, agentId)) {
        return put(book, { ...detailed, state: 'wrapup', wrapUpStartedAt: at });
      }
      return put(book, {
        ...detailed,
        state: stayingState(detailed, d),
        // The one left with the customer owns the call now, with every control the owner has.
        consulted: participant(d, agentId)?.isConsulted ?? detailed.consulted,
        note: info('contact.note.participantLeft', at, { name: whoLeft(existing, d) }),
      });
    default:
      return existing === undefined ? book : put(book, detailed);
  }
}

function contactEnded(
  book: ContactBook,
  existing: ContactView | undefined,
  detailed: ContactView,
  d: RoutingFields,
  agentId: string,
  at: number,
): ContactBook {
  // Wrap-up is owed when WxCC lists the agent in agentsPendingWrapUp, and only then, as Cisco's SDK
  // decides it (TaskManager.ts CONTACT_ENDED: wrapUpRequired).
  const wrapUp = d.agentsPendingWrapUp?.includes(agentId) === true;
  // The end of a contact we never knew of (another agent's consult leg) says nothing to us.
  if (existing === undefined && !wrapUp) return book;
  if (wrapUp) {
    return put(book, {
      ...detailed,
      consult: undefined,
      state: 'wrapup',
      wrapUpStartedAt: existing?.wrapUpStartedAt ?? at,
      note:
        existing?.state === 'wrapup'
          ? existing.note
          : info(
              isDigital(detailed)
                ? `contact.note.customerEnded.${contactNoun(detailed)}`
                : 'contact.note.callerHungUp',
              at,
            ),
    });
  }
  const ringing = (existing?.state ?? 'offered') === 'offered';
  const noun = contactNoun(detailed);
  // The customer's name or number is data, said as written inside the sentence.
  const text = ringing
    ? isDigital(detailed)
      ? msg(`contact.note.leftBeforeAccepted.${noun}`, {
          who: caller(detailed, msg('contact.theCustomer')),
        })
      : msg('contact.note.hungUpBeforeAnswer', { who: caller(detailed, msg('contact.theCaller')) })
    : msg(`contact.note.endedWith.${noun}`, {
        who: caller(detailed, msg('contact.theCallerInSentence')),
      });
  return remove(addNote(book, note('info', text, at)), detailed.interactionId);
}

/** A consult known only from a reload snapshot: connected once another agent is on its leg. */
function reloadedConsult(
  contact: ContactView,
  d: RoutingFields,
  agentId: string,
): NonNullable<ContactView['consult']> {
  const party = consultedPartyFrom(d, agentId);
  const answered = party?.destinationType === 'agent' ? party.to : undefined;
  const asked = contact.consultRequested;
  const destinationType = asked?.destinationType ?? party?.destinationType ?? 'agent';
  return {
    destinationType,
    to: asked?.to ?? (destinationType === 'agent' ? answered : undefined),
    agentId: answered,
    ...(party && party.destinationType !== 'agent' ? { party } : {}),
    connected: party !== undefined,
  };
}

/** The agent is no longer in the interaction (not listed, or listed as having left). */
function hasLeft(d: RoutingFields, agentId: string): boolean {
  const participants = d.interaction?.participants;
  if (participants === undefined) return false;
  const me = participants[agentId];
  return me === undefined || me.hasLeft === true;
}

/**
 * Where an agent who stays finds the call after someone left: still on a consult of their own,
 * still a conference (two or more agents on the main call, Cisco's SDK TaskManager.ts
 * PARTICIPANT_LEFT_CONFERENCE → getIsConferenceInProgress), or a two-party call again.
 */
function stayingState(contact: ContactView, d: RoutingFields): ContactView['state'] {
  const own = (d.interaction?.state ?? '').toLowerCase();
  if (own === 'consult' || own === 'consulting') return 'consulting';
  if (conferenceInProgress(contact)) return 'conference';
  return holdOf(d) ? 'held' : 'connected';
}

/** The one who left, by name when the interaction (as we knew it) gives one. */
function whoLeft(before: ContactView | undefined, d: RoutingFields): Message | string {
  const id = d.participantId;
  const name = before?.agentsOnCall?.find((a) => a.agentId === id)?.name;
  return name ?? msg('contact.aParticipant');
}

const CONSULT_FAILURES = new Set(['AgentConsultFailed', 'AgentCtqFailed']);

/** A failed consult ends the consult leg; the customer stays on hold, as WxCC left them. */
function afterFailure(contact: ContactView, inner: string): ContactView {
  if (!CONSULT_FAILURES.has(inner)) return contact;
  return {
    ...contact,
    consult: undefined,
    state: contact.state === 'consulting' ? 'held' : contact.state,
  };
}

function withRecording(contact: ContactView, paused: boolean, n: ContactNote): ContactView {
  return { ...contact, recording: { ...contact.recording, paused }, note: n };
}

/** Who is on the other end, by name or number: the caller hangs up, not "the call from …". */
function caller(contact: ContactView, unknown: Message): Message | string {
  return contact.customerName ?? contact.ani ?? unknown;
}

/**
 * A missed offer: a call rings out; a chat, email or message is not accepted in time. Said with
 * who it was from (name or number, as written) when the event names them.
 */
function ronaText(contact: ContactView): Message {
  const noun = contactNoun(contact);
  const from = contact.customerName ?? contact.ani;
  return from === undefined
    ? msg(`contact.note.rona.${noun}`)
    : msg(`contact.note.ronaFrom.${noun}`, { from });
}

/** Notes are stored as Messages (key and values), so each reader's page says them in its language. */
const info = (
  key: MessageKey,
  at: number,
  values?: Record<string, Message | string>,
): ContactNote => ({
  kind: 'info',
  text: msg(key, values),
  at,
});
const note = (kind: ContactNote['kind'], text: Message, at: number): ContactNote => ({
  kind,
  text,
  at,
});

function put(book: ContactBook, contact: ContactView): ContactBook {
  const items = { ...book.items, [contact.interactionId]: contact };
  const ids = Object.keys(items);
  // A runaway stream of ids must not grow memory without bound: drop the oldest.
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_CONTACTS))) delete items[old];
  return { ...book, items };
}

function remove(book: ContactBook, id: string): ContactBook {
  if (!(id in book.items)) return book;
  const items = { ...book.items };
  delete items[id];
  return { ...book, items };
}

function addNote(book: ContactBook, n: ContactNote): ContactBook {
  return { ...book, notes: [...book.notes, n].slice(-MAX_NOTES) };
}

function withItems(book: ContactBook, kept: ContactView[]): ContactBook {
  return { ...book, items: Object.fromEntries(kept.map((c) => [c.interactionId, c])) };
}

/**
 * The consult leg once connected. A queue consult now has an agent on it: the one who answered,
 * named by the consult leg, kept in the snapshot so any instance, after any restart, transfers or
 * conferences to them (Cisco's SDK services/task/index.ts consultTransfer / consultConference).
 */
function connectedConsult(
  contact: ContactView,
  d: RoutingFields,
  agentId: string,
): NonNullable<ContactView['consult']> {
  const leg = contact.consult ?? consultFrom(d, agentId);
  const party = consultedPartyFrom(d, agentId);
  const answered =
    leg.destinationType === 'queue' && party?.destinationType === 'agent' ? party.to : undefined;
  // A dialled number or an entry point is named as the interaction lists it (SDK
  // calculateDestAgentId / calculateDestType), not as the agent typed or picked it.
  const outside = leg.destinationType === 'dialNumber' || leg.destinationType === 'entryPoint';
  return {
    ...leg,
    connected: true,
    ...(answered ? { agentId: answered } : {}),
    ...(outside && party ? { party } : {}),
  };
}
