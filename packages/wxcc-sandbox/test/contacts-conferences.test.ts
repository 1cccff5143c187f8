// Conferences of three or more agents as real tenants run them: any agent consults from the
// conference and merges the consulted agent in, up to the conference's limit; any agent exits,
// with ParticipantLeftConference to each one still on the call; an agent hands the conference on
// (conference/transfer). And a queue consult an agent declines or lets ring out goes back to the
// queue. Sources: Cisco's SDK services/task/TaskManager.ts (PARTICIPANT_JOINED_CONFERENCE,
// PARTICIPANT_LEFT_CONFERENCE, AGENT_CONFERENCE_TRANSFERRED), services/task/TaskUtils.ts
// (getIsConferenceInProgress, checkParticipantNotInInteraction), services/task/contact.ts
// (conferenceTransfer), and @webex/cc-task getConsultButtonVisibility with
// MAX_PARTICIPANTS_IN_MULTIPARTY_CONFERENCE.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from '../src/contacts/contact-seed';
import type { EventSocket } from './support/sandbox-client';
import {
  ContactFixture,
  alice,
  bruno,
  chiara,
  dmitri,
  interactionOf,
  taskEvent,
} from './support/contact-fixture';

const queue = defaultContactSeed.queues[2]!;

type Agent = { id: string };

/** Agents on the main call now (not the customer, not those who left), as cc-store counts them. */
function agentsOnMain(frame: Parameters<typeof interactionOf>[0], id: string): string[] {
  const interaction = frame.data.interaction as {
    media: Record<string, { participants?: string[] }>;
    participants: Record<string, { pType?: string; hasLeft?: boolean }>;
  };
  return (interaction.media[id]?.participants ?? []).filter(
    (p) => interaction.participants[p]?.pType === 'Agent' && !interaction.participants[p]?.hasLeft,
  );
}

function suite(fx: ContactFixture) {
  /** `from` consults `to` (an agent), `to` answers, and `from` merges them in. */
  async function addToConference(
    id: string,
    from: Agent,
    fromEvents: EventSocket,
    to: Agent,
    toEvents: EventSocket,
  ) {
    await fx.task(from.id, id, 'consult', { to: to.id, destinationType: 'agent' });
    await taskEvent(fromEvents, 'AgentConsultCreated', id);
    await taskEvent(toEvents, 'AgentOfferConsult', id);
    await fx.task(to.id, id, 'consult/accept', {});
    await taskEvent(fromEvents, 'AgentConsulting', id);
    await fx.task(from.id, id, 'consult/conference', { to: to.id, destinationType: 'agent' });
    return taskEvent(toEvents, 'AgentConsultConferenced', id);
  }

  /** Alice's call with Bruno and Chiara conferenced in (Bruno added by Alice, Chiara by Bruno). */
  async function threeAgentConference() {
    const a = await fx.listen(alice.id);
    const b = await fx.listen(bruno.id);
    const c = await fx.listen(chiara.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, b);
    await fx.ready(chiara.id, c);
    const id = await fx.connect(alice.id, a);
    await addToConference(id, alice, a, bruno, b);
    a.frames.splice(0);
    b.frames.splice(0);
    const joined = await addToConference(id, bruno, b, chiara, c);
    return { a, b, c, id, joined };
  }

  return { addToConference, threeAgentConference };
}

describe('sandbox contacts: conferences of three or more agents', () => {
  const fx = ContactFixture.forSuite();
  const { threeAgentConference } = suite(fx);

  it('when an agent in a conference consults a third agent and merges them, then all three are on the call and the first hears ParticipantJoinedConference', async () => {
    const { a, id, joined } = await threeAgentConference();
    assert.equal(interactionOf(joined).state, 'conference');
    assert.deepEqual(agentsOnMain(joined, id).sort(), [alice.id, bruno.id, chiara.id].sort());
    const heard = await taskEvent(a, 'ParticipantJoinedConference', id);
    assert.equal(heard.data.participantId, chiara.id);
    // Alice never left the conference while Bruno consulted: her copy said 'conference' throughout.
    assert.ok(
      a.frames
        .filter((f) => f.type === 'RoutingMessage')
        .every((f) => interactionOf(f).state === 'conference'),
    );
  });

  it('when a non-owner exits a three-agent conference, then each remaining agent hears who left and the conference goes on', async () => {
    const { a, b, c, id } = await threeAgentConference();
    await fx.task(chiara.id, id, 'conference/exit', {});
    for (const events of [a, b]) {
      const left = await taskEvent(events, 'ParticipantLeftConference', id);
      assert.equal(left.data.participantId, chiara.id);
      assert.equal(interactionOf(left).state, 'conference');
      assert.equal(left.data.owner, alice.id);
      assert.deepEqual(agentsOnMain(left, id).sort(), [alice.id, bruno.id].sort());
    }
    const mine = await taskEvent(c, 'ParticipantLeftConference', id);
    assert.equal(interactionOf(mine).participants[chiara.id]?.hasLeft, true);
    assert.equal(interactionOf(mine).participants[chiara.id]?.isWrapUp, true);
  });

  it('when the owner exits, then another agent owns the call; when one agent is left, it is a plain call again', async () => {
    const { b, c, id } = await threeAgentConference();
    await fx.task(alice.id, id, 'conference/exit', {});
    const left = await taskEvent(c, 'ParticipantLeftConference', id);
    assert.notEqual(left.data.owner, alice.id);
    assert.equal(interactionOf(left).state, 'conference');
    b.frames.splice(0);
    await fx.task(chiara.id, id, 'conference/exit', {});
    const last = await taskEvent(b, 'ParticipantLeftConference', id);
    assert.equal(interactionOf(last).state, 'connected');
    assert.equal(last.data.owner, bruno.id);
  });

  it('when an agent transfers the conference after consulting a fourth, then the fourth joins, owns it, and the transferring agent wraps up', async () => {
    const { a, b, c, id } = await threeAgentConference();
    const d = await fx.listen(dmitri.id);
    await fx.ready(dmitri.id, d);
    await fx.task(alice.id, id, 'consult', { to: dmitri.id, destinationType: 'agent' });
    await taskEvent(a, 'AgentConsultCreated', id);
    // The consult in progress: Cisco's widgets send conference/transfer, never consult/transfer.
    await fx.task(dmitri.id, id, 'consult/accept', {});
    await fx.task(alice.id, id, 'consult/transfer', { to: dmitri.id, destinationType: 'agent' });
    assert.equal(
      (await taskEvent(a, 'AgentConsultTransferFailed', id)).data.reason,
      'INVALID_STATE',
    );
    await fx.task(alice.id, id, 'conference/transfer', {});
    await taskEvent(a, 'ParticipantLeftConference', id);
    const done = await taskEvent(a, 'AgentConferenceTransferred', id);
    assert.equal(interactionOf(done).participants[alice.id]?.isWrapUp, true);
    for (const events of [b, c, d]) {
      const left = await taskEvent(events, 'ParticipantLeftConference', id);
      assert.equal(left.data.participantId, alice.id);
      assert.equal(left.data.owner, dmitri.id);
      assert.deepEqual(agentsOnMain(left, id).sort(), [bruno.id, chiara.id, dmitri.id].sort());
    }
  });

  it('when an agent not in a conference transfers or exits it, then the failure says why', async () => {
    const a = await fx.listen(alice.id);
    await fx.ready(alice.id, a);
    const id = await fx.connect(alice.id, a);
    await fx.task(alice.id, id, 'conference/transfer', {});
    const failed = await taskEvent(a, 'AgentConferenceTransferFailed', id);
    assert.equal(failed.data.reason, 'NOT_IN_CONFERENCE');
    assert.equal(typeof failed.data.reasonCode, 'number');
  });
});

describe('sandbox contacts: a conference at its limit', () => {
  const fx = ContactFixture.forSuite({ ...defaultContactSeed, conferenceMaxAgents: 2 });

  it('when the conference holds as many agents as it may, then a further consult fails CONFERENCE_FULL', async () => {
    const a = await fx.listen(alice.id);
    const b = await fx.listen(bruno.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, b);
    const id = await fx.connect(alice.id, a);
    await suite(fx).addToConference(id, alice, a, bruno, b);
    await fx.task(bruno.id, id, 'consult', { to: chiara.id, destinationType: 'agent' });
    assert.equal((await taskEvent(b, 'AgentConsultFailed', id)).data.reason, 'CONFERENCE_FULL');
  });
});

describe('sandbox contacts: a queue consult nobody takes', () => {
  const fx = ContactFixture.forSuite();

  async function queueConsultRingingAtBruno() {
    const a = await fx.listen(alice.id);
    const b = await fx.listen(bruno.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, b);
    const id = await fx.connect(alice.id, a);
    await fx.task(alice.id, id, 'consult', { to: queue.id, destinationType: 'queue' });
    await taskEvent(a, 'AgentConsultCreated', id);
    await taskEvent(b, 'AgentOfferConsult', id);
    return { a, b, id };
  }

  it('when the answering agent lets a queue consult ring out, then they are made Idle and it goes back to the queue, still pending for the consulting agent', async () => {
    const { a, b, id } = await queueConsultRingingAtBruno();
    fx.scheduler.fireAll();
    await taskEvent(b, 'AgentConsultEnded', id);
    await b.next((f) => f.data?.type === 'AgentStateChangeSuccess' && f.data.subStatus === 'Idle');
    assert.ok(!a.frames.some((f) => f.data?.type === 'AgentCtqFailed'));
    // Still pending: cancelled only with its queueId, and then AgentCtqCancelled.
    await fx.task(alice.id, id, 'consult/end', { queueId: queue.id });
    await taskEvent(a, 'AgentCtqCancelled', id);
  });

  it('when the answering agent declines a queue consult, then the queue offers it to the next free agent', async () => {
    const { a, b, id } = await queueConsultRingingAtBruno();
    const c = await fx.listen(chiara.id);
    await fx.ready(chiara.id, c);
    const declined = await fx.control('POST', `/agents/${bruno.id}/decline`, {
      interactionId: id,
    });
    assert.ok(declined.status < 300, declined.text);
    await taskEvent(b, 'AgentConsultEnded', id);
    await taskEvent(c, 'AgentOfferConsult', id);
    await fx.task(chiara.id, id, 'consult/accept', {});
    const connected = await taskEvent(a, 'AgentConsulting', id);
    const leg = Object.values(
      (
        connected.data.interaction as {
          media: Record<string, { mType?: string; participants?: string[] }>;
        }
      ).media,
    ).find((m) => m.mType === 'consult');
    assert.deepEqual(leg?.participants, [alice.id, chiara.id]);
  });
});
