// Unit tests of what the agent's workspace shows: the bar (activity, ringing offer, WxCC socket
// health), the order of contacts, talk and hold times, call variables' labels, notes, and a
// taken-over page that offers no control. Also the reducer's socket facts and the answer/hold stamps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activityOf, connectionModel, ringingOffer } from '../../src/routes/bar-models';
import { contactsModel } from '../../src/routes/contact-view-models';
import { NOTE_TTL_MS } from '../../src/routes/contact-notes-model';
import { humanise } from '../../src/contacts/variable-label';
import { emptyContactDirectory } from '../../src/contacts/contact-directory';
import type { ContactBook, ContactView } from '../../src/agent-session/contact-view';
import { emptySnapshot, type StationSnapshot } from '../../src/agent-session/snapshot';
import { msg, type Message } from '../../src/i18n/message';
import { inEnglish, translator } from '../../src/i18n/translate';
import { reduce, type SessionFact } from '../../src/agent-session/reduce';
import { stampTimes } from '../../src/agent-session/talk-timing';

const NOW = 1_700_000_000_000;

function contact(id: string, over: Partial<ContactView> = {}): ContactView {
  return {
    interactionId: id,
    state: 'connected',
    direction: 'INBOUND',
    ani: '+14085550142',
    callVariables: [],
    recording: { pauseResumeEnabled: true, paused: false },
    consulted: false,
    createdTimestamp: NOW - 120_000,
    ...over,
  };
}

function book(...items: ContactView[]): ContactBook {
  return { items: Object.fromEntries(items.map((c) => [c.interactionId, c])), notes: [] };
}

function snapshot(over: Partial<StationSnapshot> = {}): StationSnapshot {
  return { ...emptySnapshot(), known: true, loggedIn: true, subStatus: 'Available', ...over };
}

function contacts(b: ContactBook, over: { takenOver?: boolean } = {}) {
  return contactsModel({
    book: b,
    directory: { ...emptyContactDirectory(), endCallEnabled: true },
    buddies: [],
    deadlineOf: () => undefined,
    now: NOW,
    ...over,
  });
}

/** A bar model's words in English (the model names sentences; each page says them in its language). */
function english(a: { key: string; label: Message } | undefined) {
  return a && { key: a.key, label: inEnglish(a.label) };
}

describe('agent bar model', () => {
  it('when the agent talks and another call is in wrap-up, then the bar says "On a call"', () => {
    const s = snapshot({
      contacts: book(contact('a', { state: 'wrapup' }), contact('b')),
    });
    assert.deepEqual(english(activityOf(s)), { key: 'call', label: 'On a call' });
    assert.deepEqual(
      english(activityOf(snapshot({ contacts: book(contact('a', { state: 'wrapup' })) }))),
      { key: 'wrapup', label: 'In wrap-up' },
    );
    assert.equal(activityOf(snapshot()), undefined);
  });

  it('when the agent handles an accepted chat, then the bar does not say "On a call"', () => {
    const s = snapshot({ contacts: book(contact('a', { mediaType: 'chat' })) });
    assert.deepEqual(english(activityOf(s)), { key: 'call', label: 'Handling the chat' });
    assert.equal(translator('fr').say(activityOf(s)?.label), 'Traite le chat');
  });

  it("when a customer's call rings, then the bar counts down to RONA; the agent's own outdial does not ring", () => {
    const ringing = contact('a', {
      state: 'offered',
      customerName: 'Ada',
      offeredAt: NOW - 5_000,
      ronaTimeoutSec: 20,
    });
    assert.deepEqual(ringingOffer(snapshot({ contacts: book(ringing) }), NOW), {
      caller: 'Ada',
      deadline: NOW + 15_000,
      leftText: '0:15',
    });
    const outdial = { ...ringing, direction: 'OUTBOUND' as const };
    assert.equal(ringingOffer(snapshot({ contacts: book(outdial) }), NOW), undefined);
  });

  it('when the WxCC socket is reconnecting, lost, back or elsewhere, then the badge says so and what to do', () => {
    const at = (socket: StationSnapshot['socket'], over: Partial<StationSnapshot> = {}) =>
      connectionModel(snapshot({ socket, ...over }), NOW);
    assert.equal(at({ status: 'open', since: NOW - 60_000 }).status, 'connected');
    const reconnecting = at({ status: 'reconnecting', since: NOW - 12_000 });
    assert.equal(reconnecting.status, 'reconnecting');
    assert.equal(reconnecting.sinceText, '0:12');
    assert.match(
      inEnglish(at({ status: 'lost', since: NOW }).help ?? ''),
      /sign out, then connect again/,
    );
    const back = at({ status: 'open', since: NOW - 4_000, recoveredAt: NOW - 4_000 });
    assert.equal(back.status, 'recovered');
    assert.equal(back.settle?.inMs, 6_000, 'settles by itself');
    assert.equal(inEnglish(back.settle?.label ?? ''), 'WxCC: connected');
    assert.equal(
      at({ status: 'open', since: NOW - 10_000, recoveredAt: NOW - 10_000 }).status,
      'connected',
      'the recovery is shown for a while only',
    );
    assert.equal(at(undefined, { takenOver: true }).status, 'elsewhere');
  });
});

describe('workspace contacts model', () => {
  it('when a call talks while another rings and a third wraps up, then the talking one comes first', () => {
    const m = contacts(
      book(
        contact('wrap', { state: 'wrapup', offeredAt: NOW - 300_000 }),
        contact('ring', { state: 'offered', offeredAt: NOW - 5_000 }),
        contact('talk', { offeredAt: NOW - 60_000 }),
      ),
    );
    assert.deepEqual(
      m.items.map((c) => c.id),
      ['talk', 'ring', 'wrap'],
    );
    assert.equal(m.items[1]!.offer, true);
    assert.equal(m.items[0]!.offer, false);
  });

  it('when a call was answered and is held, then talk time counts from the answer and a hold timer runs', () => {
    const m = contacts(
      book(contact('a', { state: 'held', answeredAt: NOW - 30_000, heldAt: NOW - 7_000 })),
    ).items[0]!;
    assert.equal(m.startedAt, NOW - 30_000);
    assert.equal(m.elapsedText, '0:30');
    assert.equal(m.heldAt, NOW - 7_000);
    assert.equal(m.heldText, '0:07');
    assert.match(m.next.hold!, /-resume\b/, 'after Hold, Resume');
  });

  it("when call variables come from the flow, then the flow's label shows, else a humanised name", () => {
    const m = contacts(
      book(
        contact('a', {
          callVariables: [
            { name: 'accountNumber', value: '12345' },
            { name: 'tier', value: 'Gold', label: 'Customer tier' },
          ],
        }),
      ),
    ).items[0]!;
    // What the page shows (partials/call-variables.ejs reads `variables`).
    assert.deepEqual(
      m.variables.map((v) => ({ name: v.label, value: v.value })),
      [
        { name: 'Account number', value: '12345' },
        { name: 'Customer tier', value: 'Gold' },
      ],
    );
    assert.equal(humanise('account_number'), 'Account number');
    assert.equal(humanise('AccountNumber'), 'Account number');
  });

  it('when notes are old or new, then each keeps its own id and expiry, and the announcement never merges them with the contacts', () => {
    const b = book(contact('a', { state: 'offered', customerName: 'Fay' }));
    b.notes = [
      { kind: 'info', text: 'The call from +1 408 rang out.', at: NOW - 10_000 },
      { kind: 'info', text: 'Too old.', at: NOW - NOTE_TTL_MS - 1 },
    ];
    const m = contacts(b);
    assert.equal(m.notes.length, 1);
    assert.equal(m.notes[0]!.expiresAt, NOW - 10_000 + NOTE_TTL_MS);
    assert.match(m.notes[0]!.id, /^note-/);
    assert.equal(m.announce.map((x) => inEnglish(x)).join(' '), 'Fay: Ringing.');
    assert.equal(m.announce.map((x) => translator('de').say(x)).join(' '), 'Fay: Klingelt.');
  });

  it('when a note is stored once, then each reader hears it in their language; an old English note is shown as stored', () => {
    const b = book();
    b.notes = [
      { kind: 'info', text: msg('contact.note.participantLeft', { name: 'Ada' }), at: NOW - 1_000 },
      // Stored by a desktop before notes were translated: plain English words.
      { kind: 'info', text: 'Transferred.', at: NOW - 2_000 },
    ];
    // Listed newest first, as stored order reversed.
    const [old, fresh] = contacts(b).notes;
    assert.equal(inEnglish(fresh!.text), 'Ada left the conference.');
    assert.equal(translator('ja').say(fresh!.text), 'Ada が会議から退出しました。');
    assert.equal(translator('es').say(fresh!.text), 'Ada salió de la conferencia.');
    assert.equal(translator('fr').say(old!.text), 'Transferred.');
    assert.notEqual(fresh!.id, old!.id);
  });

  it('when another desktop took over, then contacts show but no control and no Dial form is offered', () => {
    const b = book(contact('a'), contact('b', { state: 'held' }));
    const m = contacts(b, { takenOver: true });
    for (const item of m.items) {
      const offered = Object.entries(item.controls).filter(([, v]) => v === true);
      assert.deepEqual(offered, [], `no control for ${item.id}`);
    }
    assert.equal(m.outdial, undefined);
    assert.equal(contacts(b).items[0]!.controls.hold, true);
    // An offer ringing there is answered there: this page does not ring for it.
    const ringing = book(contact('r', { state: 'offered', offeredAt: NOW - 1_000 }));
    assert.equal(contacts(ringing).items[0]!.offer, true);
    assert.equal(contacts(ringing, { takenOver: true }).items[0]!.offer, false);
  });
});

describe('socket facts and contact times in the reducer', () => {
  const fact = (s: StationSnapshot, f: SessionFact, now: number) =>
    reduce(s, { kind: 'fact', fact: f }, { agentId: 'agent-1', now });

  it('when the socket is lost, then reconnecting since then; when it opens again, then recovered at that time', () => {
    const open = fact(snapshot(), { type: 'socket-open' }, NOW);
    assert.deepEqual(open.socket, { status: 'open', since: NOW });
    const lost = fact(open, { type: 'socket-lost' }, NOW + 1_000);
    assert.deepEqual(lost.socket, { status: 'reconnecting', since: NOW + 1_000 });
    assert.equal(fact(lost, { type: 'socket-lost' }, NOW + 2_000), lost, 'still the first loss');
    const back = fact(lost, { type: 'socket-open' }, NOW + 5_000);
    assert.deepEqual(back.socket, { status: 'open', since: NOW + 5_000, recoveredAt: NOW + 5_000 });
    assert.equal(fact(back, { type: 'socket-stopped' }, NOW + 6_000).socket?.status, 'lost');
  });

  it('when a ringing call is answered and held, then the answer and hold times are stamped; resuming clears the hold', () => {
    const ringing = book(contact('a', { state: 'offered' }));
    const answered = stampTimes(ringing, book(contact('a')), NOW);
    assert.equal(answered.items.a!.answeredAt, NOW);
    const held = stampTimes(answered, book({ ...answered.items.a!, state: 'held' }), NOW + 9_000);
    assert.equal(held.items.a!.heldAt, NOW + 9_000);
    assert.equal(held.items.a!.answeredAt, NOW);
    const resumed = stampTimes(held, book({ ...held.items.a!, state: 'connected' }), NOW + 20_000);
    assert.equal(resumed.items.a!.heldAt, undefined);
    // Heard already talking (after a reload): no answer time is made up.
    assert.equal(stampTimes(book(), book(contact('b')), NOW).items.b!.answeredAt, undefined);
  });

  it('when the agent consults, then the hold timer runs from the consult while WxCC holds the customer, as Cisco widgets show it', () => {
    const talking = book(contact('a', { answeredAt: NOW }));
    const consulting = stampTimes(
      talking,
      book({ ...talking.items.a!, state: 'consulting', mainHeld: true }),
      NOW + 5_000,
    );
    assert.equal(consulting.items.a!.heldAt, NOW + 5_000);
    const card = contacts(consulting).items[0]!;
    assert.equal(card.heldAt, NOW + 5_000, 'the card shows the customer on hold');
    // The consult ends with the customer still held: the same hold goes on until Resume.
    const back = stampTimes(
      consulting,
      book({ ...consulting.items.a!, state: 'held' }),
      NOW + 30_000,
    );
    assert.equal(back.items.a!.heldAt, NOW + 5_000);
    // A consult that holds nobody (from a conference, "let the others keep talking" ticked).
    const fromConference = stampTimes(
      talking,
      book({ ...talking.items.a!, state: 'consulting', mainHeld: false }),
      NOW + 5_000,
    );
    assert.equal(fromConference.items.a!.heldAt, undefined);
    assert.equal(contacts(fromConference).items[0]!.heldText, '');
  });
});
