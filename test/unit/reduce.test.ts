// The one reducer as a pure function: recorded event sequences (the WxCC samples the sandbox is
// checked against) and the desktop's facts in, snapshots out, with the clock passed in.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { notificationSamples, sampleIds } from 'wxcc-sandbox/fixtures/notification-samples';
import { taskEventSamples } from 'wxcc-sandbox/fixtures/task-event-samples';
import { reduce, type SessionInput } from '../../src/agent-session/reduce';
import { emptySnapshot, type StationSnapshot } from '../../src/agent-session/snapshot';
import { parseNotification } from '../../src/agent-session/station-events';

const AGENT = sampleIds.agentId;
const ID = sampleIds.interactionId;
const NOW = 1_800_000_000_000;

/** A recorded event by its sample name, as the socket would hand it over. */
function recorded(name: string): SessionInput {
  const sample =
    notificationSamples.find((s) => s.name === name) ??
    taskEventSamples.find((s) => s.name === `RoutingMessage/${name}`);
  assert.ok(sample, `no recorded sample named ${name}`);
  const event = parseNotification(JSON.stringify(sample.event));
  assert.ok(event, `the sample ${name} parses`);
  return { kind: 'event', event };
}

function fold(inputs: SessionInput[], now = NOW, start: StationSnapshot = emptySnapshot()) {
  return inputs.reduce((s, input) => reduce(s, input, { agentId: AGENT, now }), start);
}

const LOGIN = 'StationLogin/AgentStationLoginSuccess';
/** A customer call, start to end, as the samples record it. */
const CALL = [
  LOGIN,
  'AgentOfferContact',
  'AgentContactAssigned',
  'AgentContactHeld',
  'AgentContactUnheld',
  'ContactEnded',
].map(recorded);

describe('reduce', () => {
  it('when a recorded call is folded, then the snapshot follows it to wrap-up', () => {
    const states = CALL.slice(1).map(
      (_, i) => fold(CALL.slice(0, i + 2)).contacts.items[ID]?.state,
    );
    assert.deepEqual(states, ['offered', 'connected', 'held', 'connected', 'wrapup']);
    const ended = fold(CALL);
    assert.equal(ended.loggedIn, true);
    assert.equal(ended.contacts.items[ID]?.customerName, 'Grace Hopper');
  });

  it('when the same inputs are folded twice, at different machine times, then the snapshots are equal', () => {
    const inputs: SessionInput[] = [
      ...CALL,
      { kind: 'fact', fact: { type: 'auto-wrap-up-due', interactionId: ID, at: NOW + 60_000 } },
      { kind: 'fact', fact: { type: 'restored-after-disconnect' } },
    ];
    // The machine's clock is moved between the two folds: the reducer must not read it.
    mock.timers.enable({ apis: ['Date'], now: 0 });
    try {
      const first = fold(inputs);
      mock.timers.setTime(9_999_999_999_999);
      const second = fold(inputs);
      assert.deepEqual(second, first);
      assert.equal(first.restoredAfterDisconnectAt, NOW, 'the passed clock, not the machine');
    } finally {
      mock.timers.reset();
    }
  });

  it('when a fact names a contact that is gone, then nothing changes (the same object)', () => {
    const loggedIn = fold([recorded(LOGIN)]);
    for (const fact of [
      { type: 'auto-wrap-up-due', interactionId: 'gone', at: NOW },
      { type: 'auto-wrap-up-sent', interactionId: 'gone' },
      { type: 'consult-requested', interactionId: 'gone', destinationType: 'agent', to: 'a' },
    ] as const) {
      assert.equal(
        reduce(loggedIn, { kind: 'fact', fact }, { agentId: AGENT, now: NOW }),
        loggedIn,
      );
    }
  });

  it('when an auto wrap-up is due, then only a contact in wrap-up that was not sent takes the deadline', () => {
    const connected = fold(CALL.slice(0, 3));
    const due: SessionInput = {
      kind: 'fact',
      fact: { type: 'auto-wrap-up-due', interactionId: ID, at: NOW + 10_000 },
    };
    assert.equal(fold([due], NOW, connected), connected, 'a talking contact has no deadline');
    const wrapping = fold([due], NOW, fold(CALL));
    assert.equal(wrapping.contacts.items[ID]?.autoWrapUpAt, NOW + 10_000);
    const sent = fold(
      [{ kind: 'fact', fact: { type: 'auto-wrap-up-sent', interactionId: ID } }, due],
      NOW,
      fold(CALL),
    );
    assert.equal(sent.contacts.items[ID]?.autoWrapUpAt, undefined, 'sent: no new deadline');
  });

  it('when another desktop takes over and a socket of ours opens again, then the snapshot says so each time', () => {
    const loggedIn = fold([recorded(LOGIN)]);
    const multiLogin: SessionInput = {
      kind: 'event',
      event: { outer: 'AGENT_MULTI_LOGIN', inner: 'AGENT_MULTI_LOGIN', data: {} },
    };
    const taken = fold([multiLogin], NOW, loggedIn);
    assert.equal(taken.takenOver, true);
    const back = fold([{ kind: 'fact', fact: { type: 'socket-open' } }], NOW, taken);
    assert.equal(back.takenOver, false);
    assert.equal(
      reduce(back, { kind: 'fact', fact: { type: 'socket-open' } }, { agentId: AGENT, now: NOW }),
      back,
      'nothing to change',
    );
  });
});
