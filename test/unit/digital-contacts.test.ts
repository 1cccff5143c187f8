// Unit tests of chat, email and social contacts: what the reducer keeps of the interaction's media,
// what it says when one is missed or ends, and which controls the page offers (as Cisco's widgets,
// @webex/cc-task Utils/task-util getControlsVisibility, decide them for a non-telephony task).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inEnglish } from '../../src/i18n/translate';
import { reduceContacts } from '../../src/agent-session/contact-events';
import { channelLabel, isDigital } from '../../src/agent-session/contact-media';
import { emptyContactBook, type ContactView } from '../../src/agent-session/contact-view';
import type { NotificationEvent } from '../../src/agent-session/snapshot';
import { emptyContactDirectory, type ContactDirectory } from '../../src/contacts/contact-directory';
import { contactsModel } from '../../src/routes/contact-view-models';

const AGENT = 'agent-1';
const ID = 'chat-1';
const T0 = 1_700_000_000_000;

/** A chat offer in the shape the SDK reads (services/task/types.ts Interaction). */
function chatEvent(type: string, extra: Record<string, unknown> = {}): NotificationEvent {
  return {
    outer: 'RoutingMessage',
    inner: type,
    data: {
      type,
      eventType: 'RoutingMessage',
      agentId: AGENT,
      interactionId: ID,
      mediaResourceId: 'conversation-9',
      eventTime: T0,
      interaction: {
        interactionId: ID,
        mainInteractionId: ID,
        state: 'new',
        mediaType: 'chat',
        mediaChannel: 'web',
        contactDirection: { type: 'INBOUND' },
        callAssociatedDetails: { ani: 'grace@example.com', customerName: 'Grace Hopper' },
        media: {
          [ID]: { mediaResourceId: 'conversation-9', mediaType: 'chat', mType: 'mainCall' },
        },
        participants: { [AGENT]: { id: AGENT, pType: 'Agent' } },
      },
      ...extra,
    },
  };
}

function chat(over: Partial<ContactView> = {}): ContactView {
  return {
    interactionId: ID,
    mediaType: 'chat',
    mediaChannel: 'web',
    state: 'connected',
    direction: 'INBOUND',
    ani: 'grace@example.com',
    customerName: 'Grace Hopper',
    callVariables: [],
    recording: { pauseResumeEnabled: false, paused: false },
    consulted: false,
    ...over,
  };
}

function model(contact: ContactView, dir: Partial<ContactDirectory> = {}) {
  return contactsModel({
    book: { items: { [contact.interactionId]: contact }, notes: [] },
    directory: { ...emptyContactDirectory(), ...dir },
    buddies: [{ agentId: 'agent-2', name: 'Bruno Becker', state: 'Available' }],
    mediaBuddies: { chat: [{ agentId: 'agent-4', name: 'Dmitri Dahl', state: 'Available' }] },
    deadlineOf: () => undefined,
    dialNumber: '+14155550100',
    now: T0,
  }).items[0]!;
}

describe('digital contacts: reducer', () => {
  it('when a chat is offered, then its media type, channel and customer address are kept', () => {
    const book = reduceContacts(emptyContactBook(), chatEvent('AgentOfferContact'), AGENT, T0);
    const c = book.items[ID]!;
    assert.equal(c.state, 'offered');
    assert.equal(c.mediaType, 'chat');
    assert.equal(c.mediaChannel, 'web');
    assert.equal(c.ani, 'grace@example.com');
    assert.ok(isDigital(c));
  });

  it('when a chat is not accepted in time, then the note says so (not that a call rang out)', () => {
    const offered = reduceContacts(emptyContactBook(), chatEvent('AgentOfferContact'), AGENT, T0);
    const book = reduceContacts(offered, chatEvent('AgentOfferContactRona'), AGENT, T0);
    assert.deepEqual(Object.keys(book.items), []);
    assert.match(
      inEnglish(book.notes[0]!.text),
      /^The chat from Grace Hopper was not accepted in time/,
    );
  });

  it('when the customer leaves before the chat was accepted, then the note says it in chat words', () => {
    const offered = reduceContacts(emptyContactBook(), chatEvent('AgentOfferContact'), AGENT, T0);
    const ended = chatEvent('ContactEnded', { agentsPendingWrapUp: [] });
    const book = reduceContacts(offered, ended, AGENT, T0);
    assert.match(inEnglish(book.notes[0]!.text), /Grace Hopper left before the chat was accepted/);
  });

  it('when a snapshot has no media type (before digital contacts), then it is a call', () => {
    assert.equal(isDigital({}), false);
    assert.equal(isDigital({ mediaType: 'telephony' }), false);
    assert.equal(channelLabel({ mediaType: 'social', mediaChannel: 'whatsapp' }), 'WhatsApp');
    assert.equal(inEnglish(channelLabel({ mediaType: 'social', mediaChannel: 'line' })), 'Chat');
    assert.equal(inEnglish(channelLabel({ mediaType: 'email' })), 'Email');
  });
});

describe('digital contacts: controls (getControlsVisibility for a non-call)', () => {
  it('when a chat is offered, then Accept is offered and nothing tells the agent to answer a phone', () => {
    const m = model(chat({ state: 'offered', offeredAt: T0, ronaTimeoutSec: 30 }));
    assert.equal(m.controls.accept, true);
    assert.equal(m.controls.end, false);
    assert.doesNotMatch(inEnglish(m.ring?.hint ?? ''), /phone/);
    assert.equal(inEnglish(m.stateLabel), 'Waiting to be accepted');
  });

  it('when a chat is connected, then End and Transfer (queues only, no number) are offered; no hold, recording or consult', () => {
    const m = model(chat(), {
      queues: [{ id: 'q-1', name: 'Support', telephony: true, channelType: 'TELEPHONY' }],
      digitalQueues: [
        { id: 'q-2', name: 'Chat', telephony: false, channelType: 'CHAT' },
        { id: 'q-3', name: 'Email', telephony: false, channelType: 'EMAIL' },
      ],
      consultToQueue: true,
    });
    assert.deepEqual(
      {
        accept: m.controls.accept,
        end: m.controls.end,
        transfer: m.controls.transfer,
        transferToNumber: m.controls.transferToNumber,
        hold: m.controls.hold,
        pauseRecording: m.controls.pauseRecording,
        consult: m.controls.consult,
      },
      {
        accept: false,
        end: true,
        transfer: true,
        transferToNumber: false,
        hold: false,
        pauseRecording: false,
        consult: false,
      },
    );
    // A queue routes one media: a chat goes to a chat queue only.
    assert.deepEqual(m.transferTargets.queues, [{ value: 'queue:q-2', label: 'Chat' }]);
    // Its agents are the chat buddy list (cc-store getBuddyAgents(mediaType)), not the telephony one.
    assert.deepEqual(
      m.transferTargets.agents.map((o) => ({ value: o.value, label: inEnglish(o.label) })),
      [{ value: 'agent:agent-4', label: 'Dmitri Dahl (Available)' }],
    );
    assert.match(inEnglish(m.contentHint ?? ''), /not in the Contact Center API/);
  });

  it('when the tenant disables end call, then a chat still offers End (getEndButtonVisibility: `|| !isCall`)', () => {
    assert.equal(model(chat(), { endCallEnabled: false }).controls.end, true);
  });

  it('when a call rings, then it still says to answer on the phone and offers no Accept', () => {
    const call = chat({ mediaType: 'telephony', state: 'offered', ani: '+14085550142' });
    const m = model(call);
    assert.equal(m.controls.accept, false);
    assert.match(inEnglish(m.ring?.hint ?? ''), /Answer on your phone/);
  });

  it('when the title is chosen, then social shows the name and chat or email the address (extractIncomingTaskData)', () => {
    assert.equal(model(chat()).title, 'grace@example.com');
    assert.equal(
      model(chat({ mediaType: 'social', mediaChannel: 'facebook' })).title,
      'Grace Hopper',
    );
  });
});
