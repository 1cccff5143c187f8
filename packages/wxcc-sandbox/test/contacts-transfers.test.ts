// Contacts in the sandbox: blind transfer, consult (answered, declined, ended), consult transfer,
// conference and leaving it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from '../src/contacts/contact-seed';
import type { EventSocket } from './support/sandbox-client';
import {
  ContactFixture,
  alice,
  bruno,
  chiara,
  interactionOf,
  taskEvent,
} from './support/contact-fixture';

const RESOLVED = '8de61794-a454-4f87-a586-4fe2b0768215';
const queue = defaultContactSeed.queues[2]!;

describe('sandbox contacts: transfers, consults and conferences', () => {
  const fx = ContactFixture.forSuite();

  /** Alice on a call, Bruno logged in (Available unless told otherwise). */
  async function aliceOnCallBrunoReady(brunoAvailable = true) {
    const a = await fx.listen(alice.id);
    const b = await fx.listen(bruno.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, b, brunoAvailable);
    const id = await fx.connect(alice.id, a);
    return { a, b, id };
  }

  async function consultBruno(a: EventSocket, b: EventSocket, id: string) {
    const reply = await fx.task(alice.id, id, 'consult', {
      to: bruno.id,
      destinationType: 'agent',
    });
    assert.equal(reply.status, 202);
    const created = await taskEvent(a, 'AgentConsultCreated', id);
    const offered = await taskEvent(b, 'AgentOfferConsult', id);
    return { created, offered };
  }

  it('when the call is blind-transferred to an agent, then it rings there and the first agent wraps up', async () => {
    const { a, b, id } = await aliceOnCallBrunoReady();
    await fx.task(alice.id, id, 'transfer', { to: bruno.id, destinationType: 'agent' });
    const transferred = await taskEvent(a, 'AgentBlindTransferred', id);
    assert.equal(interactionOf(transferred).participants[alice.id]?.isWrapUp, true);
    const offer = await taskEvent(b, 'AgentOfferContact', id);
    assert.equal(offer.data.owner, bruno.id);
    await fx.control('POST', `/agents/${bruno.id}/answer`, {});
    await taskEvent(b, 'AgentContactAssigned', id);
    await fx.task(alice.id, id, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
    await taskEvent(a, 'AgentWrappedUp', id);
    const contacts = (await fx.control('GET', '/contacts')).body as { ownerId: string }[];
    assert.deepEqual(
      contacts.map((c) => c.ownerId),
      [bruno.id],
    );
  });

  it('when the call goes to a queue or a number, then Vteam/Blind transferred; bad targets fail', async () => {
    const { a, id } = await aliceOnCallBrunoReady(false);
    await fx.task(alice.id, id, 'transfer', { to: bruno.id, destinationType: 'agent' });
    const idle = await taskEvent(a, 'AgentBlindTransferFailed', id);
    assert.equal(idle.data.reason, 'AGENT_NOT_AVAILABLE');
    await fx.task(alice.id, id, 'transfer', { to: 'no-such-queue', destinationType: 'queue' });
    const noQueue = await taskEvent(a, 'AgentVteamTransferFailed', id);
    assert.equal(noQueue.data.reason, 'INVALID_DESTINATION');
    await fx.task(alice.id, id, 'transfer', { to: queue.id, destinationType: 'queue' });
    const vteam = await taskEvent(a, 'AgentVteamTransferred', id);
    assert.equal(interactionOf(vteam).callProcessingDetails.virtualTeamName, queue.name);

    const second = await fx.connect(alice.id, a);
    await fx.task(alice.id, second, 'transfer', {
      to: 'not a number',
      destinationType: 'dialNumber',
    });
    await taskEvent(a, 'AgentBlindTransferFailed', second);
    await fx.task(alice.id, second, 'transfer', {
      to: '+14085550177',
      destinationType: 'dialNumber',
    });
    await taskEvent(a, 'AgentBlindTransferred', second);
  });

  it('when the consulted agent answers, then both hear AgentConsulting; consult end returns to hold', async () => {
    const { a, b, id } = await aliceOnCallBrunoReady();
    const { created, offered } = await consultBruno(a, b, id);
    assert.equal(interactionOf(created).state, 'consult');
    assert.equal(interactionOf(created).media[id]?.isHold, true);
    assert.equal(offered.data.isConsulted, true);
    assert.ok(typeof created.data.consultMediaResourceId === 'string');
    await fx.control('POST', `/agents/${bruno.id}/answer`, {});
    await taskEvent(b, 'AgentConsulting', id);
    await taskEvent(a, 'AgentConsulting', id);
    await fx.task(alice.id, id, 'consult/end', {});
    await taskEvent(b, 'AgentConsultEnded', id);
    const ended = await taskEvent(a, 'AgentConsultEnded', id);
    assert.equal(interactionOf(ended).state, 'held');
    await fx.task(alice.id, id, 'unhold', { mediaResourceId: id });
    await taskEvent(a, 'AgentContactUnheld', id);
    const agents = (await fx.control('GET', '/agents')).body as { interactionIds: string[] }[];
    assert.deepEqual(agents[1]?.interactionIds, [], 'Bruno is off the call');
  });

  it('when the consulted agent declines, then AgentConsultFailed reaches the consulting agent', async () => {
    const { a, b, id } = await aliceOnCallBrunoReady();
    await consultBruno(a, b, id);
    assert.equal((await fx.control('POST', `/agents/${bruno.id}/decline`, {})).status, 200);
    const failed = await taskEvent(a, 'AgentConsultFailed', id);
    assert.equal(failed.data.reason, 'AGENT_DECLINED');
    await taskEvent(b, 'AgentConsultEnded', id);
    assert.equal((await fx.control('POST', `/agents/${bruno.id}/decline`, {})).status, 409);
    // The call is Alice's again, on hold, and she can consult once more.
    await fx.task(alice.id, id, 'consult', { to: bruno.id, destinationType: 'agent' });
    await taskEvent(b, 'AgentOfferConsult', id);
  });

  it('when the consulted agent lets it ring past ronaTimeout, then the consult fails with RONA', async () => {
    const { a, b, id } = await aliceOnCallBrunoReady();
    await consultBruno(a, b, id);
    assert.deepEqual(fx.scheduler.pending(), [defaultContactSeed.ronaTimeoutSec * 1000]);
    fx.scheduler.fireAll();
    assert.equal((await taskEvent(a, 'AgentConsultFailed', id)).data.reason, 'RONA');
    await taskEvent(b, 'AgentConsultEnded', id);
    // Answered in time instead, the timer stops.
    await fx.task(alice.id, id, 'consult', { to: bruno.id, destinationType: 'agent' });
    await taskEvent(b, 'AgentOfferConsult', id);
    await fx.control('POST', `/agents/${bruno.id}/answer`, {});
    await taskEvent(a, 'AgentConsulting', id);
    assert.deepEqual(fx.scheduler.pending(), []);
  });

  it('when a consult cannot start, then AgentConsultFailed or AgentCtqFailed says why', async () => {
    const { a, id } = await aliceOnCallBrunoReady();
    const failedWith = async (body: Record<string, unknown>, type: string, reason: string) => {
      a.frames.length = 0;
      await fx.task(alice.id, id, 'consult', body);
      assert.equal((await taskEvent(a, type, id)).data.reason, reason, JSON.stringify(body));
    };
    await failedWith(
      { to: '0b3c2f34-9d0e-4b61-a6a2-1f5c7e9d3b21', destinationType: 'agent' },
      'AgentConsultFailed',
      'AGENT_NOT_FOUND',
    );
    await failedWith(
      { to: chiara.id, destinationType: 'agent' },
      'AgentConsultFailed',
      'AGENT_NOT_LOGGED_IN',
    );
    await failedWith(
      { to: alice.id, destinationType: 'agent' },
      'AgentConsultFailed',
      'INVALID_DESTINATION',
    );
    await failedWith(
      { to: 'nope', destinationType: 'queue' },
      'AgentCtqFailed',
      'INVALID_DESTINATION',
    );
    await fx.task(alice.id, id, 'consult/end', {});
    assert.equal(
      (await taskEvent(a, 'AgentConsultEndFailed', id)).data.reason,
      'NO_CONSULT_IN_PROGRESS',
    );
  });

  it('when a consult goes to a queue with nobody free, then it waits and cancelling it is AgentCtqCancelled', async () => {
    const { a, b, id } = await aliceOnCallBrunoReady(false);
    await fx.task(alice.id, id, 'consult', { to: queue.id, destinationType: 'queue' });
    await taskEvent(a, 'AgentConsultCreated', id);
    await fx.task(alice.id, id, 'consult/end', { queueId: queue.id });
    await taskEvent(a, 'AgentCtqCancelled', id);
    assert.ok(
      !b.frames.some((f) => f.type === 'RoutingMessage'),
      'an Idle agent is not offered it',
    );
  });

  it('when a consult goes to a queue and an agent is free, then it rings there and can be answered and taken over', async () => {
    const { a, b, id } = await aliceOnCallBrunoReady();
    await fx.task(alice.id, id, 'consult', { to: queue.id, destinationType: 'queue' });
    await taskEvent(a, 'AgentConsultCreated', id);
    const offered = await taskEvent(b, 'AgentOfferConsult', id);
    assert.equal(offered.data.consultingAgentId, alice.id);
    await fx.control('POST', `/agents/${bruno.id}/answer`, {});
    await taskEvent(a, 'AgentConsulting', id);
    await fx.task(alice.id, id, 'consult/transfer', { to: bruno.id, destinationType: 'agent' });
    const theirs = await taskEvent(b, 'AgentConsultTransferred', id);
    assert.equal(theirs.data.owner, bruno.id);
  });

  it('when a Phone Agent may not consult a queue, then AgentCtqFailed', async () => {
    const c = await fx.listen(chiara.id);
    await fx.ready(chiara.id, c);
    const id = await fx.connect(chiara.id, c);
    await fx.task(chiara.id, id, 'consult', { to: queue.id, destinationType: 'queue' });
    const failed = await taskEvent(c, 'AgentCtqFailed', id);
    assert.equal(failed.data.reason, 'CONSULT_TO_QUEUE_DISABLED');
  });

  it('when the consult is transferred, then the consulted agent owns the call and the other wraps up', async () => {
    const { a, b, id } = await aliceOnCallBrunoReady();
    await consultBruno(a, b, id);
    await fx.task(alice.id, id, 'consult/transfer', { to: bruno.id, destinationType: 'agent' });
    const early = await taskEvent(a, 'AgentConsultTransferFailed', id);
    assert.equal(early.data.reason, 'NO_CONSULT_IN_PROGRESS');
    await fx.task(bruno.id, id, 'consult/accept', {});
    await taskEvent(a, 'AgentConsulting', id);
    await fx.task(alice.id, id, 'consult/transfer', { to: bruno.id, destinationType: 'agent' });
    const mine = await taskEvent(a, 'AgentConsultTransferred', id);
    assert.equal(interactionOf(mine).state, 'WRAPUP');
    const theirs = await taskEvent(b, 'AgentConsultTransferred', id);
    assert.equal(theirs.data.owner, bruno.id);
    assert.equal(interactionOf(theirs).state, 'connected');
    assert.equal(interactionOf(theirs).media[id]?.isHold, false);
    await fx.task(bruno.id, id, 'end');
    await taskEvent(b, 'AgentWrapup', id);
  });

  it('when a consult becomes a conference, then both are on it and leaving it means wrap-up', async () => {
    const { a, b, id } = await aliceOnCallBrunoReady();
    await consultBruno(a, b, id);
    await fx.control('POST', `/agents/${bruno.id}/answer`, {});
    await taskEvent(a, 'AgentConsulting', id);
    await fx.task(alice.id, id, 'consult/conference', {
      agentId: alice.id,
      to: bruno.id,
      destinationType: 'agent',
    });
    const conferenced = await taskEvent(a, 'AgentConsultConferenced', id);
    assert.equal(interactionOf(conferenced).state, 'conference');
    await taskEvent(b, 'AgentConsultConferenced', id);
    await fx.task(alice.id, id, 'conference/exit', {});
    const left = await taskEvent(b, 'ParticipantLeftConference', id);
    assert.equal(left.data.participantId, alice.id);
    assert.equal(interactionOf(left).state, 'connected');
    assert.equal(left.data.owner, bruno.id);
    const mine = await taskEvent(a, 'ParticipantLeftConference', id);
    assert.equal(interactionOf(mine).participants[alice.id]?.isWrapUp, true);
    await fx.task(alice.id, id, 'conference/exit', {});
    assert.equal(
      (await taskEvent(a, 'ParticipantLeftConferenceFailed', id)).data.reason,
      'NOT_IN_CONFERENCE',
    );
    await fx.task(bruno.id, id, 'consult/conference', { to: alice.id });
    await taskEvent(b, 'AgentConsultConferenceFailed', id);
  });

  it('when the caller hangs up during a consult, then the consult ends and the consulting agent wraps up', async () => {
    const { a, b, id } = await aliceOnCallBrunoReady();
    await consultBruno(a, b, id);
    await fx.control('POST', `/agents/${bruno.id}/answer`, {});
    await taskEvent(a, 'AgentConsulting', id);
    await fx.control('POST', `/contacts/${id}/hang-up`);
    await taskEvent(b, 'AgentConsultEnded', id);
    const ended = await taskEvent(a, 'ContactEnded', id);
    assert.deepEqual(ended.data.agentsPendingWrapUp, [alice.id]);
  });
});
