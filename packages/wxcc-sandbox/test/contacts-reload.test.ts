// Contacts in the sandbox: reload snapshots in every state, logout refused while a contact is open,
// interactionIds kept current, two contacts at once, and the buddy list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSeed } from '../src/seed';
import type { EventSocket, Frame } from './support/sandbox-client';
import {
  ContactFixture,
  alice,
  bruno,
  chiara,
  interactionOf,
  isTask,
  taskEvent,
} from './support/contact-fixture';

const RESOLVED = '8de61794-a454-4f87-a586-4fe2b0768215';

describe('sandbox contacts: reload, logout, interaction ids, buddies', () => {
  const fx = ContactFixture.forSuite();

  /** Reloads and returns the AgentContact snapshots that follow AgentReloginSuccess. */
  async function reload(agentId: string, events: EventSocket, count: number): Promise<Frame[]> {
    events.frames.length = 0;
    assert.equal((await fx.wxcc(agentId, 'POST', '/agents/reload')).status, 202);
    const relogin = await events.inner('AgentReloginSuccess');
    await events.next(() => events.frames.filter((f) => isTask(f, 'AgentContact')).length >= count);
    const at = events.frames.indexOf(relogin);
    const snapshots = events.frames.filter((f) => isTask(f, 'AgentContact'));
    assert.ok(
      snapshots.every((f) => events.frames.indexOf(f) > at),
      'snapshots follow the relogin',
    );
    assert.equal(snapshots.length, count);
    return snapshots;
  }

  it('when the agent reloads, then one AgentContact per contact carries its state: new, connected, held, WRAPUP', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const ringing = await fx.ring(alice.id, events);
    assert.equal(interactionOf((await reload(alice.id, events, 1))[0]!).state, 'new');
    await fx.control('POST', `/agents/${alice.id}/answer`, {});
    await taskEvent(events, 'AgentContactAssigned', ringing);
    assert.equal(interactionOf((await reload(alice.id, events, 1))[0]!).state, 'connected');
    await fx.task(alice.id, ringing, 'hold', { mediaResourceId: ringing });
    await taskEvent(events, 'AgentContactHeld', ringing);
    const held = interactionOf((await reload(alice.id, events, 1))[0]!);
    assert.equal(held.state, 'held');
    assert.equal(held.media[ringing]?.isHold, true);
    await fx.control('POST', `/contacts/${ringing}/hang-up`);
    await taskEvent(events, 'ContactEnded', ringing);
    const wrap = interactionOf((await reload(alice.id, events, 1))[0]!);
    assert.equal(wrap.state, 'WRAPUP');
    assert.equal(wrap.participants[alice.id]?.isWrapUp, true);
    await fx.task(alice.id, ringing, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
    await taskEvent(events, 'AgentWrappedUp', ringing);
    await reload(alice.id, events, 0);
    assert.deepEqual((await events.inner('AgentReloginSuccess')).data.interactionIds, []);
  });

  it('when the agent reloads during a consult and a conference, then both agents’ snapshots say so', async () => {
    const a = await fx.listen(alice.id);
    const b = await fx.listen(bruno.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, b);
    const id = await fx.connect(alice.id, a);
    await fx.task(alice.id, id, 'consult', { to: bruno.id, destinationType: 'agent' });
    await taskEvent(b, 'AgentOfferConsult', id);
    const offered = (await reload(bruno.id, b, 1))[0]!;
    assert.equal(interactionOf(offered).state, 'consult');
    assert.equal(offered.data.isConsulted, true);
    await fx.control('POST', `/agents/${bruno.id}/answer`, {});
    await taskEvent(a, 'AgentConsulting', id);
    assert.equal(interactionOf((await reload(alice.id, a, 1))[0]!).state, 'consult');
    await fx.task(alice.id, id, 'consult/conference', { to: bruno.id, destinationType: 'agent' });
    await taskEvent(a, 'AgentConsultConferenced', id);
    assert.equal(interactionOf((await reload(alice.id, a, 1))[0]!).state, 'conference');
    assert.equal(interactionOf((await reload(bruno.id, b, 1))[0]!).state, 'conference');
  });

  it('when a contact is open, then the agent’s logout is refused and interactionIds list it', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.ring(alice.id, events);
    await fx.wxcc(alice.id, 'POST', '/agents/logout', { logoutReason: 'shift over' });
    const refused = await events.inner('AgentLogoutFailed');
    assert.equal(refused.data.reason, 'AGENT_HAS_ACTIVE_INTERACTIONS');
    assert.deepEqual(refused.data.interactionIds, [id]);
    events.frames.length = 0;
    await fx.wxcc(alice.id, 'PUT', '/agents/session/state', {
      state: 'Idle',
      auxCodeId: defaultSeed.auxCodes[0]!.id,
    });
    assert.deepEqual((await events.inner('AgentStateChangeSuccess')).data.interactionIds, [id]);
    await fx.control('POST', `/agents/${alice.id}/answer`, {});
    await fx.task(alice.id, id, 'end');
    await taskEvent(events, 'AgentWrapup', id);
    events.frames.length = 0;
    await fx.wxcc(alice.id, 'POST', '/agents/logout', { logoutReason: 'shift over' });
    assert.equal(
      (await events.inner('AgentLogoutFailed')).data.reason,
      'AGENT_HAS_ACTIVE_INTERACTIONS',
      'a wrap-up still owed keeps the contact open',
    );
    await fx.task(alice.id, id, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
    await taskEvent(events, 'AgentWrappedUp', id);
    await fx.wxcc(alice.id, 'POST', '/agents/logout', { logoutReason: 'shift over' });
    await events.inner('AgentLogoutSuccess');
  });

  it('when two calls are open at once, then each keeps its own state and both are listed', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const first = await fx.connect(alice.id, events, { customerName: 'First' });
    await fx.task(alice.id, first, 'hold', { mediaResourceId: first });
    await taskEvent(events, 'AgentContactHeld', first);
    const second = await fx.connect(alice.id, events, { customerName: 'Second' });
    const snapshots = await reload(alice.id, events, 2);
    const byId = new Map(snapshots.map((f) => [f.data.interactionId, interactionOf(f)]));
    assert.equal(byId.get(first)?.state, 'held');
    assert.equal(byId.get(second)?.state, 'connected');
    assert.deepEqual((await events.inner('AgentReloginSuccess')).data.interactionIds, [
      first,
      second,
    ]);
    await fx.task(alice.id, second, 'end');
    await taskEvent(events, 'AgentWrapup', second);
    const contacts = (await fx.control('GET', '/contacts')).body as { state: string }[];
    assert.equal(contacts.length, 2);
  });

  it('when the agent asks for buddies, then the other logged-in agents come with their state', async () => {
    const a = await fx.listen(alice.id);
    const b = await fx.listen(bruno.id);
    const c = await fx.listen(chiara.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, b);
    await fx.ready(chiara.id, c, false);
    const body = { agentProfileId: alice.agentProfileId, mediaType: 'telephony' };
    assert.equal((await fx.wxcc(alice.id, 'POST', '/agents/buddyList', body)).status, 202);
    const all = await a.inner('BuddyAgents');
    assert.equal(all.type, 'BuddyAgents');
    const list = all.data.agentList as { agentId: string; state: string; agentName: string }[];
    assert.deepEqual(
      list.map((x) => [x.agentId, x.state]).sort(),
      [
        [bruno.id, 'Available'],
        [chiara.id, 'Idle'],
      ].sort(),
    );
    a.frames.length = 0;
    await fx.wxcc(alice.id, 'POST', '/agents/buddyList', { ...body, state: 'Available' });
    const available = (await a.inner('BuddyAgents')).data.agentList as { agentId: string }[];
    assert.deepEqual(
      available.map((x) => x.agentId),
      [bruno.id],
    );
    await fx.wxcc(alice.id, 'POST', '/agents/buddyList', { ...body, agentProfileId: 'nope' });
    assert.equal((await a.inner('BuddyAgentsRetrieveFailed')).data.reason, 'INVALID_AGENT_PROFILE');
    const missing = await fx.wxcc(alice.id, 'POST', '/agents/buddyList', {
      mediaType: 'telephony',
    });
    assert.equal(missing.status, 400);
  });
});
