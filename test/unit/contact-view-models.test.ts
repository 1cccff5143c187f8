// Unit tests of what the contacts region shows: numbers, countdowns, and which controls are offered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inEnglish, translator } from '../../src/i18n/translate';
import { contactsModel } from '../../src/routes/contact-view-models';
import { PICKER_AGENTS } from '../../src/routes/contact-pickers';
import { formatPhone } from '../../src/routes/phone-format';
import { emptyContactDirectory, type ContactDirectory } from '../../src/contacts/contact-directory';
import { parseConsultTarget, parseTransferTarget } from '../../src/contacts/contact-input';
import type { ContactView } from '../../src/agent-session/contact-view';

const NOW = 1_700_000_000_000;

function view(over: Partial<ContactView>): ContactView {
  return {
    interactionId: 'int-1',
    state: 'connected',
    direction: 'INBOUND',
    ani: '+14085550142',
    callVariables: [],
    recording: { pauseResumeEnabled: true, paused: false },
    consulted: false,
    createdTimestamp: NOW - 65_000,
    ...over,
  };
}

function model(contact: ContactView, dir: Partial<ContactDirectory> = {}, deadline?: number) {
  return contactsModel({
    book: { items: { [contact.interactionId]: contact }, notes: [] },
    directory: { ...emptyContactDirectory(), ...dir },
    buddies: [{ agentId: 'agent-2', name: 'Bruno Becker', state: 'Available' }],
    deadlineOf: () => deadline,
    dialNumber: '+14155550100',
    now: NOW,
  }).items[0]!;
}

describe('contacts view model', () => {
  it('when numbers are shown, then they are grouped for reading', () => {
    assert.equal(formatPhone('+14085550142'), '+1 408 555 0142');
    assert.equal(formatPhone('+442071838750'), '+44 207 183 8750');
    assert.equal(formatPhone('4711'), '4711');
    assert.equal(formatPhone(undefined), undefined);
  });

  it('when a call rings, then the page says where to answer and how long is left before RONA', () => {
    const m = model(view({ state: 'offered', offeredAt: NOW - 10_000, ronaTimeoutSec: 30 }));
    assert.equal(inEnglish(m.stateLabel), 'Ringing');
    assert.equal(m.ring?.deadline, NOW + 20_000);
    assert.equal(m.ring?.leftText, '0:20');
    assert.match(inEnglish(m.ring?.hint ?? ''), /ringing \+14155550100/);
    assert.equal(m.controls.end, false);
    assert.equal(m.startedAt, undefined, 'no talk time while it rings');
  });

  it('when the tenant disables end call, then End is not offered', () => {
    assert.equal(model(view({}), { endCallEnabled: true }).controls.end, true);
    assert.equal(model(view({}), { endCallEnabled: false }).controls.end, false);
  });

  it("when the call is held or a consult is open, then End is not offered, as in Cisco's widgets", () => {
    const on = { endCallEnabled: true };
    assert.equal(model(view({ state: 'held' }), on).controls.end, false);
    assert.equal(
      model(
        view({ state: 'consulting', consult: { destinationType: 'agent', connected: true } }),
        on,
      ).controls.end,
      false,
    );
    assert.equal(model(view({ state: 'conference' }), on).controls.end, true);
  });

  it('when the tenant does not let agents end a consult, then End consult is not offered', () => {
    const consulting = view({
      state: 'consulting',
      consult: { destinationType: 'agent', connected: true },
    });
    assert.equal(model(consulting, { endConsultEnabled: true }).controls.endConsult, true);
    assert.equal(model(consulting, { endConsultEnabled: false }).controls.endConsult, false);
  });

  it('when the flow does not allow pausing the recording, then neither recording control is offered', () => {
    const off = model(view({ recording: { pauseResumeEnabled: false, paused: false } }));
    assert.equal(off.controls.pauseRecording, false);
    assert.equal(off.controls.resumeRecording, false);
    const paused = model(view({ recording: { pauseResumeEnabled: true, paused: true } }));
    assert.equal(paused.controls.resumeRecording, true);
  });

  it('when the profile does not allow consult to queue, then only agents are offered to consult', () => {
    const queues = [{ id: 'q-1', name: 'Support', telephony: true }];
    const m = model(view({}), { queues, consultToQueue: false });
    assert.deepEqual(m.consultTargets.queues, []);
    assert.equal(m.transferTargets.queues.length, 1);
    assert.equal(inEnglish(m.consultTargets.agents[0]!.label), 'Bruno Becker (Available)');
  });

  it('when the buddy list is longer than a picker holds, then the Available agents come first and the rest is left to the Directory', () => {
    const buddies = Array.from({ length: 120 }, (_, i) => ({
      agentId: `agent-${i}`,
      name: `Agent ${i}`,
      state: i >= 100 ? 'Available' : 'Idle',
    }));
    const m = contactsModel({
      book: { items: { 'int-1': view({}) }, notes: [] },
      directory: emptyContactDirectory(),
      buddies,
      deadlineOf: () => undefined,
      dialNumber: '+14155550100',
      now: NOW,
    }).items[0]!;
    assert.equal(m.consultTargets.agents.length, PICKER_AGENTS);
    assert.equal(m.transferTargets.agents.length, PICKER_AGENTS);
    assert.deepEqual(
      m.consultTargets.agents.slice(0, 20).map((o) => o.value),
      [...Array.from({ length: 20 }, (_, i) => `agent:agent-${100 + i}`)],
      'the twenty Available agents first',
    );
    assert.equal(m.consultTargets.moreAgents, 120 - PICKER_AGENTS);
    assert.equal(m.transferTargets.moreAgents, 120 - PICKER_AGENTS);
    // In the agent's words: WxCC's state names are translated, the agent's name is not.
    assert.equal(inEnglish(m.consultTargets.agents[0]!.label), 'Agent 100 (Available)');
    assert.equal(translator('de').say(m.consultTargets.agents[30]!.label), 'Agent 10 (Pause)');
  });

  it('when the buddy list fits, then it is shown whole, in WxCC’s order, with nothing left to the Directory', () => {
    const m = model(view({}));
    assert.deepEqual(
      m.transferTargets.agents.map((o) => o.value),
      ['agent:agent-2'],
    );
    assert.equal(m.transferTargets.moreAgents, 0);
  });

  it('when the contact is in wrap-up with auto wrap-up, then the default is preselected and a countdown shown', () => {
    const codes = [
      { id: 'a', name: 'Escalated', isDefault: false },
      { id: 'b', name: 'Resolved', isDefault: true },
    ];
    const m = model(
      view({ state: 'wrapup' }),
      { wrapUpCodes: codes, defaultWrapUp: codes[1], allowAutoWrapUpExtension: true },
      NOW + 42_000,
    );
    assert.deepEqual(
      m.wrapUp?.codes.map((c) => c.selected),
      [false, true],
    );
    assert.equal(m.wrapUp?.leftText, '0:42');
    assert.equal(m.wrapUp?.canExtend, true);
    assert.equal(m.controls.hold, false);
  });

  it('when a note is older than five minutes, then it is no longer shown', () => {
    const m = contactsModel({
      book: {
        items: {},
        notes: [
          { kind: 'info', text: 'old', at: NOW - 6 * 60_000 },
          { kind: 'error', text: 'new', at: NOW - 1000 },
        ],
      },
      directory: emptyContactDirectory(),
      buddies: [],
      deadlineOf: () => undefined,
      now: NOW,
    });
    assert.deepEqual(
      m.notes.map((n) => n.text),
      ['new'],
    );
  });
});

describe('contact form input', () => {
  it('when a number is typed, then it wins over the list and is normalised', () => {
    assert.deepEqual(parseTransferTarget({ target: 'queue:q-1', dialNumber: '+1 415 555 0100' }), {
      destinationType: 'dialNumber',
      to: '+14155550100',
    });
  });
  it('when a queue or agent is picked, then its type and id are read', () => {
    assert.deepEqual(parseTransferTarget({ target: 'agent:abc-1' }), {
      destinationType: 'agent',
      to: 'abc-1',
    });
    assert.deepEqual(parseConsultTarget({ target: 'queue:q-1' }), {
      destinationType: 'queue',
      to: 'q-1',
      othersKeepTalking: false,
    });
  });
  it('when the consult box "let the others keep talking" is ticked, then it is read; anything else holds them, as WxCC by default', () => {
    const target = { target: 'agent:abc-1' };
    assert.equal(
      parseConsultTarget({ ...target, othersKeepTalking: 'yes' }).othersKeepTalking,
      true,
    );
    for (const other of [undefined, '', 'no', 'true', ['yes'], true]) {
      assert.equal(
        parseConsultTarget({ ...target, othersKeepTalking: other }).othersKeepTalking,
        false,
      );
    }
  });
  it('when an entry point is picked to consult, then it is read as an entryPoint (SDK DESTINATION_TYPE)', () => {
    assert.deepEqual(parseConsultTarget({ target: 'entry:ep_1-a' }), {
      destinationType: 'entryPoint',
      to: 'ep_1-a',
      othersKeepTalking: false,
    });
    assert.throws(
      () => parseTransferTarget({ target: 'entry:ep-1' }),
      /Choose a queue or an agent/,
    );
  });
  it('when nothing or garbage is sent, then a clear message is given', () => {
    assert.throws(() => parseTransferTarget({}), /Choose a queue or an agent, or enter a number/);
    assert.throws(
      () => parseConsultTarget({ target: 'dialNumber:+1' }),
      /Choose an agent, a queue or an entry point/,
    );
    assert.throws(() => parseTransferTarget({ dialNumber: 'a b?' }), /Enter a phone number/);
  });

  it('when a number is conferenced in, then the card names it by its number and speaks of parties, not agents', () => {
    const m = model(
      view({
        state: 'conference',
        agentsOnCall: [
          { agentId: 'agent-2', name: 'Bruno Becker' },
          { agentId: 'dn-leg', outside: 'number', dn: '+14085550199' },
          { agentId: 'ep-leg', outside: 'entryPoint' },
        ],
      }),
    );
    assert.equal(m.conference?.outside, true);
    assert.deepEqual(
      m.conference?.agents.map((a) => inEnglish(a)),
      ['Bruno Becker', '+1 408 555 0199', 'An entry point'],
    );
  });
});
