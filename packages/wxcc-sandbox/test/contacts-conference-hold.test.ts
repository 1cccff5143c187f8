// A consult started from a conference holds the main call (the customer and the other agents)
// unless the agent asks otherwise, as real tenants do: Cisco's SDK services/task/index.ts consult
// ("holdParticipants: Whether to hold other participants (defaults to true)"), and Cisco's widgets
// send holdParticipants: !allowParticipantsToInteract (@webex/cc-task helper.ts useCallControl
// consultCall), a box shown only in a conference and unticked (@webex/cc-components
// consult-transfer-popover). Ending the consult or merging it releases the hold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventSocket } from './support/sandbox-client';
import {
  ContactFixture,
  alice,
  bruno,
  chiara,
  interactionOf,
  taskEvent,
} from './support/contact-fixture';

describe('sandbox contacts: a consult from a conference holds the others unless asked not to', () => {
  const fx = ContactFixture.forSuite();

  /** Alice's call with Bruno conferenced in; Chiara is Available to be consulted. */
  async function twoAgentConference() {
    const a = await fx.listen(alice.id);
    const b = await fx.listen(bruno.id);
    const c = await fx.listen(chiara.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, b);
    await fx.ready(chiara.id, c);
    const id = await fx.connect(alice.id, a);
    await fx.task(alice.id, id, 'consult', { to: bruno.id, destinationType: 'agent' });
    await taskEvent(b, 'AgentOfferConsult', id);
    await fx.task(bruno.id, id, 'consult/accept', {});
    await taskEvent(a, 'AgentConsulting', id);
    await fx.task(alice.id, id, 'consult/conference', { to: bruno.id, destinationType: 'agent' });
    const conferenced = await taskEvent(b, 'AgentConsultConferenced', id);
    assert.equal(interactionOf(conferenced).media[id]?.isHold, false);
    for (const events of [a, b, c]) events.frames.splice(0);
    return { a, b, c, id };
  }

  /** What the sandbox's console lists of the call: its main media's hold. */
  async function mainHeld(id: string): Promise<unknown> {
    const listed = (await fx.control('GET', '/contacts')).body as Record<string, unknown>[];
    return listed.find((c) => c.interactionId === id)?.isHold;
  }

  async function consultChiara(id: string, b: EventSocket, c: EventSocket, body: object) {
    await fx.task(bruno.id, id, 'consult', { to: chiara.id, destinationType: 'agent', ...body });
    const created = await taskEvent(b, 'AgentConsultCreated', id);
    await taskEvent(c, 'AgentOfferConsult', id);
    return created;
  }

  it('when an agent in a conference consults without holdParticipants, then the main call is held, and ending the consult releases it', async () => {
    const { b, c, id } = await twoAgentConference();
    const created = await consultChiara(id, b, c, {});
    assert.equal(interactionOf(created).media[id]?.isHold, true);
    assert.equal(interactionOf(created).state, 'consult');
    assert.equal(await mainHeld(id), true);
    await fx.task(chiara.id, id, 'consult/accept', {});
    await taskEvent(b, 'AgentConsulting', id);
    await fx.task(bruno.id, id, 'consult/end', {});
    const ended = await taskEvent(b, 'AgentConsultEnded', id);
    assert.equal(interactionOf(ended).media[id]?.isHold, false);
    assert.equal(interactionOf(ended).state, 'conference');
    assert.equal(await mainHeld(id), false);
  });

  it('when an agent in a conference consults with holdParticipants true and merges the consulted agent, then the call was held until the merge', async () => {
    const { b, c, id } = await twoAgentConference();
    const created = await consultChiara(id, b, c, { holdParticipants: true });
    assert.equal(interactionOf(created).media[id]?.isHold, true);
    await fx.task(chiara.id, id, 'consult/accept', {});
    await taskEvent(b, 'AgentConsulting', id);
    await fx.task(bruno.id, id, 'consult/conference', { to: chiara.id, destinationType: 'agent' });
    const merged = await taskEvent(c, 'AgentConsultConferenced', id);
    assert.equal(interactionOf(merged).media[id]?.isHold, false);
    assert.equal(await mainHeld(id), false);
  });

  it('when an agent in a conference consults with holdParticipants false, then nobody is held', async () => {
    const { b, c, id } = await twoAgentConference();
    const created = await consultChiara(id, b, c, { holdParticipants: false });
    assert.equal(interactionOf(created).media[id]?.isHold, false);
    assert.equal(await mainHeld(id), false);
    await fx.control('POST', `/agents/${chiara.id}/decline`, { interactionId: id });
    const ended = await taskEvent(b, 'AgentConsultFailed', id);
    assert.equal(ended.data.reason, 'AGENT_DECLINED');
    assert.equal(await mainHeld(id), false);
  });

  it('when the consulted agent declines a consult that held the conference, then the hold is released', async () => {
    const { b, c, id } = await twoAgentConference();
    await consultChiara(id, b, c, {});
    assert.equal(await mainHeld(id), true);
    await fx.control('POST', `/agents/${chiara.id}/decline`, { interactionId: id });
    await taskEvent(b, 'AgentConsultFailed', id);
    assert.equal(await mainHeld(id), false);
  });
});
