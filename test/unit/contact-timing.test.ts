// The hold time the statistics count is the time the customer waited on hold, as Cisco's widgets
// time it from the customer's leg (@webex/cc-task useCallControl: findHoldTimestamp(interaction,
// 'mainCall')): Hold, and a consult, which holds the main call (SDK consult: holdParticipants
// defaults to true), from a conference too unless the agent let the others keep talking
// (@webex/cc-task consultCall: holdParticipants = !allowParticipantsToInteract).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notificationSamples, sampleIds } from 'wxcc-sandbox/fixtures/notification-samples';
import { taskEventSamples } from 'wxcc-sandbox/fixtures/task-event-samples';
import { reduce } from '../../src/agent-session/reduce';
import { emptySnapshot, type StationSnapshot } from '../../src/agent-session/snapshot';
import { parseNotification } from '../../src/agent-session/station-events';
import { countStep } from '../../src/agent-session/count-step';
import { customerHeld } from '../../src/agent-session/contact-timing';
import type { ContactView } from '../../src/agent-session/contact-view';
import type { ContactRecord } from '../../src/agent-session/session-facts';

const AGENT = sampleIds.agentId;
const ID = sampleIds.interactionId;
const T0 = 1_800_000_000_000;
const S = 1000;

function event(name: string) {
  const sample =
    notificationSamples.find((s) => s.name === name) ??
    taskEventSamples.find((s) => s.name === `RoutingMessage/${name}`);
  assert.ok(sample, `no recorded sample named ${name}`);
  const parsed = parseNotification(JSON.stringify(sample.event));
  assert.ok(parsed, `the sample ${name} parses`);
  return parsed;
}

/** Each step: the event and the second of the shift it arrives at. */
function shift(steps: [string, number][]): ContactRecord {
  let snapshot: StationSnapshot = emptySnapshot();
  const records: ContactRecord[] = [];
  for (const [name, second] of steps) {
    const now = T0 + second * S;
    const input = event(name);
    const next = reduce(snapshot, { kind: 'event', event: input }, { agentId: AGENT, now });
    for (const fact of countStep(snapshot, next, input, now)) {
      if (fact.kind === 'contact') records.push(fact.record);
    }
    snapshot = next;
  }
  assert.equal(records.length, 1, 'one contact recorded');
  return records[0]!;
}

const ANSWERED: [string, number][] = [
  ['StationLogin/AgentStationLoginSuccess', 0],
  ['AgentOfferContact', 10],
  ['AgentContactAssigned', 15],
];

describe('hold time in the statistics', () => {
  it('when the agent consults, then the customer held during the consult counts as hold time', () => {
    const record = shift([
      ...ANSWERED,
      ['AgentContactHeld', 75], // Hold: 20 s
      ['AgentContactUnheld', 95],
      ['AgentConsultCreated', 120], // the consult holds the customer: 60 s
      ['AgentConsulting', 130],
      ['AgentConsultEnded', 180],
      ['ContactEnded', 240],
      ['AgentWrappedUp', 260],
    ]);
    assert.equal(record.holdMs, 80 * S);
    assert.equal(record.interactionId, ID);
  });

  it('when a consult ends and the agent holds later, then both holds add up', () => {
    const record = shift([
      ...ANSWERED,
      ['AgentConsultCreated', 100],
      ['AgentConsultEnded', 130], // back to the customer: 30 s
      ['AgentContactHeld', 150],
      ['AgentContactUnheld', 165], // 15 s
      ['ContactEnded', 200],
      ['AgentWrappedUp', 210],
    ]);
    assert.equal(record.holdMs, 45 * S);
  });

  it('when WxCC does not hold the customer during the consult, then the consult is not hold time', () => {
    // A consult from a conference with "let the others keep talking" ticked (holdParticipants
    // false): the other agents keep talking to the customer (no isHold).
    const unheld = structuredClone(
      taskEventSamples.find((s) => s.name === 'RoutingMessage/AgentConsultCreated')!,
    );
    const media = (
      unheld.event as { data: { interaction: { media: Record<string, { isHold: boolean }> } } }
    ).data.interaction.media;
    for (const leg of Object.values(media)) leg.isHold = false;
    const parsed = parseNotification(JSON.stringify(unheld.event))!;
    let snapshot: StationSnapshot = emptySnapshot();
    for (const [name, second] of ANSWERED) {
      snapshot = reduce(
        snapshot,
        { kind: 'event', event: event(name) },
        { agentId: AGENT, now: T0 + second * S },
      );
    }
    snapshot = reduce(snapshot, { kind: 'event', event: parsed }, { agentId: AGENT, now: T0 });
    const timing = snapshot.contacts.items[ID]?.timing;
    assert.equal(snapshot.contacts.items[ID]?.state, 'consulting');
    assert.equal(timing?.heldSince, undefined, 'no hold is running');
    assert.equal(timing?.heldMs, 0);
  });

  it('when a consult from a conference holds the main call, then it is hold time; when it does not, it is not', () => {
    const conference: ContactView = {
      interactionId: ID,
      state: 'consulting',
      direction: 'INBOUND',
      callVariables: [],
      recording: { pauseResumeEnabled: false, paused: false },
      consulted: false,
      agentsOnCall: [{ agentId: AGENT }, { agentId: 'other-agent' }],
      mainHeld: true,
    };
    assert.equal(customerHeld(conference), true, 'the consulting agent: held by default');
    assert.equal(customerHeld({ ...conference, mainHeld: false }), false, 'the others talk');
    // Another agent of the conference whose copy says the main call is held (a reload meanwhile).
    assert.equal(customerHeld({ ...conference, state: 'conference' }), true);
    assert.equal(customerHeld({ ...conference, state: 'conference', mainHeld: false }), false);
    // The consulted agent's leg is not their contact.
    assert.equal(customerHeld({ ...conference, consulted: true }), false);
  });
});
