// State, logout and reload over the agents API, each answered by its websocket event.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSeed } from '../src/seed';
import { AgentFixture, alice, bruno } from './support/agent-fixture';
import { control } from './support/sandbox-client';

const idleCode = (name: string) => defaultSeed.auxCodes.find((c) => c.name === name)!.id;

describe('sandbox agent session', () => {
  const fx = AgentFixture.forSuite();

  it('when the agent changes state, then AgentStateChangeSuccess with who changed it; a system code fails', async () => {
    const events = await fx.listen(alice.id);
    await fx.login(alice.id);
    await events.inner('AgentStationLoginSuccess');
    const available = await fx.agents(alice.id, 'PUT', '/session/state', {
      state: 'Available',
      auxCodeId: '0',
      agentId: alice.id,
    });
    assert.equal(available.status, 202);
    const change = await events.inner('AgentStateChangeSuccess');
    assert.equal(change.type, 'AgentStateChange');
    assert.equal(change.data.subStatus, 'Available');
    assert.equal(change.data.auxCodeId, '0');
    assert.equal(change.data.changedById, alice.id);
    assert.equal(change.data.changedBy, 'SELF');
    assert.equal(change.data.changedByName, 'Alice Anderson');
    events.frames.length = 0;
    await fx.agents(alice.id, 'PUT', '/session/state', {
      state: 'Idle',
      auxCodeId: idleCode('Lunch'),
      lastStateChangeReason: 'Lunch',
    });
    const idle = await events.inner('AgentStateChangeSuccess');
    assert.equal(idle.data.subStatus, 'Idle');
    assert.equal(idle.data.auxCodeId, idleCode('Lunch'));
    assert.equal(idle.data.lastStateChangeReason, 'Lunch');
    for (const bad of ['RONA', 'Coaching', 'Resolved']) {
      events.frames.length = 0;
      await fx.agents(alice.id, 'PUT', '/session/state', {
        state: 'Idle',
        auxCodeId: idleCode(bad),
      });
      assert.equal(
        (await events.inner('AgentStateChangeFailed')).data.reason,
        'INVALID_IDLE_CODE',
        bad,
      );
    }
    const wrongAgent = await fx.agents(alice.id, 'PUT', '/session/state', {
      state: 'Idle',
      auxCodeId: '1',
      agentId: bruno.id,
    });
    assert.equal(wrongAgent.status, 403);
  });
  it('when the agent logs out, then AgentLogoutSuccess by SELF; with an interaction or logged out, it fails', async () => {
    const events = await fx.listen(alice.id);
    await fx.agents(alice.id, 'PUT', '/logout', { logoutReason: 'done' });
    assert.equal((await events.inner('AgentLogoutFailed')).data.reason, 'AGENT_NOT_LOGGED_IN');
    await fx.login(alice.id);
    await control(fx.sandbox, 'POST', `/agents/${alice.id}/interaction`, { active: true });
    events.frames.length = 0;
    await fx.agents(alice.id, 'PUT', '/logout', { logoutReason: 'done' });
    const refused = await events.inner('AgentLogoutFailed');
    assert.equal(refused.data.reason, 'AGENT_HAS_ACTIVE_INTERACTIONS');
    await control(fx.sandbox, 'POST', `/agents/${alice.id}/interaction`, { active: false });
    events.frames.length = 0;
    const reply = await fx.agents(alice.id, 'POST', '/logout', {
      logoutReason: 'done',
      agentId: alice.id,
    });
    assert.equal(reply.status, 202);
    const out = await events.inner('AgentLogoutSuccess');
    assert.equal(out.type, 'Logout');
    assert.equal(out.data.status, 'LoggedOut');
    assert.equal(out.data.loggedOutBy, 'SELF');
    assert.equal(out.data.logoutReason, 'done');
    const missingReason = await fx.agents(alice.id, 'PUT', '/logout', {});
    assert.equal((missingReason.body as { field: string }).field, 'logoutReason');
  });
  it('when reloaded, then AgentReloginSuccess with dialNumber, or AgentReloginFailed AGENT_NOT_FOUND', async () => {
    const events = await fx.listen(alice.id);
    await fx.agents(alice.id, 'POST', '/reload');
    const none = await events.inner('AgentReloginFailed');
    assert.equal(none.type, 'AgentReloginFailed');
    assert.equal(none.data.reason, 'AGENT_NOT_FOUND');
    await fx.login(alice.id);
    await fx.agents(alice.id, 'POST', '/reload');
    const found = await events.inner('AgentReloginSuccess');
    assert.equal(found.type, 'AgentReloginSuccess');
    assert.equal(found.data.dialNumber, '+14155550199');
    assert.equal(found.data.dn, '+14155550199');
    assert.equal(found.data.status, 'LoggedIn');
    assert.equal(found.data.teamId, alice.teamIds[0]);
  });
});
