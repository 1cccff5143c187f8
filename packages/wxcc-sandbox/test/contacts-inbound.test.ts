// Contacts in the sandbox: an inbound call rings, is answered on the phone, held, resumed, ended, wrapped up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from '../src/contacts/contact-seed';
import { ContactFixture, alice, interactionOf, isTask, taskEvent } from './support/contact-fixture';

const RESOLVED = '8de61794-a454-4f87-a586-4fe2b0768215';
const OLD_FORMAT_CODE = 'AXUH3oN12eV-WekpnDpl';
const queue = defaultContactSeed.queues[1]!;

describe('sandbox contacts: an inbound call from ring to wrap-up', () => {
  const fx = ContactFixture.forSuite();

  it('when a call is placed, then Reserved then Offer arrive with ANI, queue, CAD and the RONA timeout', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.ring(alice.id, events, {
      ani: '+14085550142',
      customerName: 'Grace Hopper',
      queueId: queue.id,
      cad: { accountNumber: '12345', tier: 'gold' },
    });
    const tasks = events.frames.filter((f) => f.type === 'RoutingMessage');
    assert.deepEqual(
      tasks.map((f) => f.data.type),
      ['AgentContactReserved', 'AgentOfferContact'],
    );
    const offer = tasks[1]!;
    assert.equal(offer.data.eventType, 'RoutingMessage');
    assert.equal(offer.data.interactionId, id);
    assert.equal(offer.data.agentId, alice.id);
    assert.equal(offer.data.ronaTimeout, defaultContactSeed.ronaTimeoutSec);
    const interaction = interactionOf(offer);
    assert.equal(interaction.state, 'new');
    assert.equal(interaction.contactDirection.type, 'INBOUND');
    assert.equal(interaction.callProcessingDetails.ani, '+14085550142');
    assert.equal(interaction.callProcessingDetails.virtualTeamName, queue.name);
    assert.equal(interaction.callAssociatedDetails.customerName, 'Grace Hopper');
    assert.equal(interaction.callFlowParams.accountNumber?.value, '12345');
    assert.equal(interaction.media[id]?.mediaResourceId, id);
    assert.ok(interaction.createdTimestamp > 0);
    assert.deepEqual(fx.scheduler.pending(), [defaultContactSeed.ronaTimeoutSec * 1000]);
  });

  it('when the agent answers, holds, resumes, ends and wraps up, then each step has its event', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.ring(alice.id, events);
    await fx.control('POST', `/agents/${alice.id}/answer`, {});
    const assigned = await taskEvent(events, 'AgentContactAssigned', id);
    assert.equal(interactionOf(assigned).state, 'connected');
    assert.equal(interactionOf(assigned).participants[alice.id]?.hasJoined, true);
    assert.deepEqual(fx.scheduler.pending(), [], 'the RONA timer stops once answered');

    assert.equal((await fx.task(alice.id, id, 'hold', { mediaResourceId: id })).status, 202);
    const held = await taskEvent(events, 'AgentContactHeld', id);
    assert.equal(interactionOf(held).state, 'held');
    assert.equal(interactionOf(held).media[id]?.isHold, true);

    assert.equal((await fx.task(alice.id, id, 'unhold', { mediaResourceId: id })).status, 202);
    const resumed = await taskEvent(events, 'AgentContactUnheld', id);
    assert.equal(interactionOf(resumed).media[id]?.isHold, false);
    assert.equal(interactionOf(resumed).state, 'connected');

    assert.equal((await fx.task(alice.id, id, 'end', {})).status, 202);
    const wrapup = await taskEvent(events, 'AgentWrapup', id);
    assert.equal(interactionOf(wrapup).state, 'WRAPUP');
    assert.equal(interactionOf(wrapup).participants[alice.id]?.isWrapUp, true);

    const reply = await fx.task(alice.id, id, 'wrapup', {
      wrapUpReason: 'Resolved',
      auxCodeId: RESOLVED,
    });
    assert.equal(reply.status, 202);
    const wrapped = await taskEvent(events, 'AgentWrappedUp', id);
    assert.equal(wrapped.data.wrapUpAuxCodeId, RESOLVED);
    const contacts = (await fx.control('GET', '/contacts')).body as unknown[];
    assert.equal(contacts.length, 0);
  });

  it('when the agent wraps up with a code of the older 20-character id format, then it is accepted', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.connect(alice.id, events);
    await fx.task(alice.id, id, 'end');
    await taskEvent(events, 'AgentWrapup', id);
    await fx.task(alice.id, id, 'wrapup', {
      wrapUpReason: 'Call back later',
      auxCodeId: OLD_FORMAT_CODE,
    });
    const wrapped = await taskEvent(events, 'AgentWrappedUp', id);
    assert.equal(wrapped.data.wrapUpAuxCodeId, OLD_FORMAT_CODE);
  });

  it('when the caller hangs up, then ContactEnded names the agent as owing a wrap-up', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.connect(alice.id, events);
    await fx.task(alice.id, id, 'hold', { mediaResourceId: id });
    await taskEvent(events, 'AgentContactHeld', id);
    const hangUp = await fx.control('POST', `/contacts/${id}/hang-up`);
    assert.equal(hangUp.status, 200);
    const ended = await taskEvent(events, 'ContactEnded', id);
    assert.deepEqual(ended.data.agentsPendingWrapUp, [alice.id]);
    assert.equal(interactionOf(ended).state, 'WRAPUP');
    assert.equal(interactionOf(ended).participants[alice.id]?.isWrapUp, true);
    await fx.task(alice.id, id, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
    await taskEvent(events, 'AgentWrappedUp', id);
  });

  it('when the caller hangs up while it rings, then ContactEnded in state new and nothing to wrap up', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.ring(alice.id, events);
    await fx.control('POST', `/contacts/${id}/hang-up`);
    const ended = await taskEvent(events, 'ContactEnded', id);
    assert.equal(interactionOf(ended).state, 'new');
    assert.deepEqual(ended.data.agentsPendingWrapUp, []);
    assert.deepEqual(fx.scheduler.pending(), []);
    const reply = await fx.task(alice.id, id, 'wrapup', {
      wrapUpReason: 'Resolved',
      auxCodeId: RESOLVED,
    });
    assert.equal(reply.status, 404);
  });

  it('when the agent ends a ringing call, then ContactEnded cancels the offer', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.ring(alice.id, events);
    await fx.task(alice.id, id, 'end', {});
    const ended = await taskEvent(events, 'ContactEnded', id);
    assert.equal(interactionOf(ended).state, 'new');
    assert.ok(!events.frames.some((f) => isTask(f, 'AgentWrapup')));
  });
});
