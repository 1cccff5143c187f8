// The sandbox's agents API: 202 now, the outcome as a websocket event, failures with reasons.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../src/sandbox';
import { defaultSeed } from '../../src/sandbox/seed';
import { call, control, openAgentSocket, wxcc, type EventSocket } from './sandbox-client';
import { AGENTS, obtainTokens, ORG_ID, startTestSandbox } from './sandbox-oauth';

const [alice, bruno, chiara] = AGENTS as [
  (typeof AGENTS)[0],
  (typeof AGENTS)[0],
  (typeof AGENTS)[0],
];
const codes = defaultSeed.auxCodes;
const idleCode = (name: string) => codes.find((c) => c.name === name)!.id;

describe('sandbox agents API', () => {
  let sandbox: RunningSandbox;
  const sockets: EventSocket[] = [];
  const tokens: Record<string, string> = {};

  before(async () => {
    sandbox = await startTestSandbox();
    for (const agent of AGENTS)
      tokens[agent.id] = (await obtainTokens(sandbox, { agentId: agent.id })).access_token;
  });
  afterEach(async () => {
    for (const agent of AGENTS) {
      await control(sandbox, 'POST', `/agents/${agent.id}/interaction`, { active: false });
      await control(sandbox, 'POST', `/agents/${agent.id}/logout`);
    }
    sockets.splice(0).forEach((s) => s.close());
  });
  after(() => sandbox.close());

  async function listen(agentId: string): Promise<EventSocket> {
    const socket = await openAgentSocket(sandbox, tokens[agentId]!);
    sockets.push(socket);
    return socket;
  }

  function agents(agentId: string, method: string, path: string, body?: unknown) {
    return call(wxcc(sandbox, `/v1/agents${path}`), { method, token: tokens[agentId], body });
  }

  const login = (agentId: string, overrides: Record<string, unknown> = {}) =>
    agents(agentId, 'POST', '/login', {
      dialNumber: '+14155550199',
      teamId: AGENTS.find((a) => a.id === agentId)!.teamIds[0],
      isExtension: false,
      deviceType: 'AGENT_DN',
      deviceId: '+14155550199',
      roles: ['agent'],
      ...overrides,
    });

  it('when an agent logs in, then 202 and AgentStationLoginSuccess, Idle with the default idle code', async () => {
    const events = await listen(alice.id);
    const reply = await login(alice.id);
    assert.equal(reply.status, 202);
    const trackingId = reply.headers.get('trackingid');
    assert.ok(trackingId);
    const event = await events.inner('AgentStationLoginSuccess');
    assert.equal(event.type, 'StationLogin');
    assert.equal(event.orgId, ORG_ID);
    assert.equal(event.trackingId, trackingId);
    const d = event.data;
    assert.equal(d.eventType, 'AgentDesktopMessage');
    assert.equal(d.agentId, alice.id);
    assert.equal(d.orgId, ORG_ID);
    assert.equal(d.trackingId, trackingId);
    assert.equal(d.status, 'LoggedIn');
    assert.equal(d.subStatus, 'Idle');
    assert.equal(
      d.auxCodeId,
      codes.find((c) => c.defaultCode && c.workTypeCode === 'IDLE_CODE')!.id,
    );
    assert.equal(d.dn, '+14155550199');
    assert.equal(d.teamId, alice.teamIds[0]);
    assert.equal(d.siteId, defaultSeed.site.id);
    assert.ok(typeof d.agentSessionId === 'string');
    assert.ok(Math.abs(Number(d.lastStateChangeTimestamp) - Date.now()) < 5000);
    assert.deepEqual(d.interactionIds, []);
    assert.deepEqual(d.roles, ['agent']);
  });

  it('when a second agent logs in on a number in use, then AgentStationLoginFailed DUPLICATE_LOCATION', async () => {
    await login(alice.id);
    const events = await listen(bruno.id);
    assert.equal((await login(bruno.id)).status, 202);
    const event = await events.inner('AgentStationLoginFailed');
    assert.equal(event.type, 'StationLogin');
    assert.equal(event.data.reason, 'DUPLICATE_LOCATION');
    assert.ok(typeof event.data.reasonCode === 'number');
  });

  it('when the dial number is not E.164 or the extension not digits, then INVALID_DIAL_NUMBER', async () => {
    const events = await listen(alice.id);
    await login(alice.id, { dialNumber: '555 0100', deviceId: '555 0100' });
    assert.equal(
      (await events.inner('AgentStationLoginFailed')).data.reason,
      'INVALID_DIAL_NUMBER',
    );
    events.frames.length = 0;
    await login(alice.id, { dialNumber: '12a4', deviceType: 'EXTENSION', isExtension: true });
    assert.equal(
      (await events.inner('AgentStationLoginFailed')).data.reason,
      'INVALID_DIAL_NUMBER',
    );
    events.frames.length = 0;
    await login(alice.id, { dialNumber: '1234', deviceType: 'EXTENSION', isExtension: true });
    assert.equal((await events.inner('AgentStationLoginSuccess')).data.deviceType, 'EXTENSION');
  });

  it('when the team is not the agent’s or the device type not in the profile, then INVALID_TEAM / INVALID_DEVICE_TYPE', async () => {
    const events = await listen(chiara.id);
    await login(chiara.id, { teamId: defaultSeed.teams[0]!.id });
    assert.equal((await events.inner('AgentStationLoginFailed')).data.reason, 'INVALID_TEAM');
    events.frames.length = 0;
    await login(chiara.id, { deviceType: 'BROWSER', dialNumber: `webrtc-${chiara.id}` });
    assert.equal(
      (await events.inner('AgentStationLoginFailed')).data.reason,
      'INVALID_DEVICE_TYPE',
    );
  });

  it('when the body breaks the contract, then 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ dialNumber: undefined }, 'dialNumber'],
      [{ dialNumber: '+1'.padEnd(44, '5') }, 'dialNumber'],
      [{ roles: undefined }, 'roles'],
      [{ roles: ['boss'] }, 'roles'],
      [{ teamId: undefined }, 'teamId'],
      [{ teamId: 'x'.repeat(37) }, 'teamId'],
      [{ deviceType: 'PIGEON' }, 'deviceType'],
      [{ isExtension: 'maybe' }, 'isExtension'],
    ];
    for (const [overrides, field] of cases) {
      const reply = await login(alice.id, overrides);
      assert.equal(reply.status, 400, field);
      const body = reply.body as Record<string, unknown>;
      assert.equal(body.errorType, 'BAD_REQUEST');
      assert.equal(body.field, field);
      assert.match(String(body.errorMessage), new RegExp(`^${field} `));
      assert.equal(body.trackingId, reply.headers.get('trackingid'));
    }
    const notJson = await call(wxcc(sandbox, '/v1/agents/login'), {
      method: 'POST',
      token: tokens[alice.id],
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(notJson.status, 400);
  });

  it('when the token lacks cjp:user, is missing or expired, then 403 / 401', async () => {
    const narrow = await obtainTokens(sandbox, {
      agentId: alice.id,
      scopes: ['spark:people_read'],
    });
    const forbidden = await call(wxcc(sandbox, '/v1/agents/reload'), {
      method: 'POST',
      token: narrow.access_token,
    });
    assert.equal(forbidden.status, 403);
    assert.equal((forbidden.body as { errorType: string }).errorType, 'FORBIDDEN');
    const missing = await call(wxcc(sandbox, '/v1/agents/reload'), { method: 'POST' });
    assert.equal(missing.status, 401);
    assert.ok(missing.headers.get('trackingid'));
    const fresh = await obtainTokens(sandbox, { agentId: bruno.id });
    await control(sandbox, 'POST', '/tokens/expire', { agentId: bruno.id });
    const expired = await call(wxcc(sandbox, '/v1/agents/reload'), {
      method: 'POST',
      token: fresh.access_token,
    });
    assert.equal(expired.status, 401);
    tokens[bruno.id] = (await obtainTokens(sandbox, { agentId: bruno.id })).access_token;
  });

  it('when the agent changes state, then AgentStateChangeSuccess with who changed it; a system code fails', async () => {
    const events = await listen(alice.id);
    await login(alice.id);
    await events.inner('AgentStationLoginSuccess');
    const available = await agents(alice.id, 'PUT', '/session/state', {
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
    await agents(alice.id, 'PUT', '/session/state', {
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
      await agents(alice.id, 'PUT', '/session/state', { state: 'Idle', auxCodeId: idleCode(bad) });
      assert.equal(
        (await events.inner('AgentStateChangeFailed')).data.reason,
        'INVALID_IDLE_CODE',
        bad,
      );
    }
    const wrongAgent = await agents(alice.id, 'PUT', '/session/state', {
      state: 'Idle',
      auxCodeId: '1',
      agentId: bruno.id,
    });
    assert.equal(wrongAgent.status, 403);
  });

  it('when the agent logs out, then AgentLogoutSuccess by SELF; with an interaction or logged out, it fails', async () => {
    const events = await listen(alice.id);
    await agents(alice.id, 'PUT', '/logout', { logoutReason: 'done' });
    assert.equal((await events.inner('AgentLogoutFailed')).data.reason, 'AGENT_NOT_LOGGED_IN');
    await login(alice.id);
    await control(sandbox, 'POST', `/agents/${alice.id}/interaction`, { active: true });
    events.frames.length = 0;
    await agents(alice.id, 'PUT', '/logout', { logoutReason: 'done' });
    const refused = await events.inner('AgentLogoutFailed');
    assert.equal(refused.data.reason, 'AGENT_HAS_ACTIVE_INTERACTIONS');
    await control(sandbox, 'POST', `/agents/${alice.id}/interaction`, { active: false });
    events.frames.length = 0;
    const reply = await agents(alice.id, 'POST', '/logout', {
      logoutReason: 'done',
      agentId: alice.id,
    });
    assert.equal(reply.status, 202);
    const out = await events.inner('AgentLogoutSuccess');
    assert.equal(out.type, 'Logout');
    assert.equal(out.data.status, 'LoggedOut');
    assert.equal(out.data.loggedOutBy, 'SELF');
    assert.equal(out.data.logoutReason, 'done');
    const missingReason = await agents(alice.id, 'PUT', '/logout', {});
    assert.equal((missingReason.body as { field: string }).field, 'logoutReason');
  });

  it('when reloaded, then AgentReloginSuccess with dialNumber, or AgentReloginFailed AGENT_NOT_FOUND', async () => {
    const events = await listen(alice.id);
    await agents(alice.id, 'POST', '/reload');
    const none = await events.inner('AgentReloginFailed');
    assert.equal(none.type, 'AgentReloginFailed');
    assert.equal(none.data.reason, 'AGENT_NOT_FOUND');
    await login(alice.id);
    await agents(alice.id, 'POST', '/reload');
    const found = await events.inner('AgentReloginSuccess');
    assert.equal(found.type, 'AgentReloginSuccess');
    assert.equal(found.data.dialNumber, '+14155550199');
    assert.equal(found.data.dn, '+14155550199');
    assert.equal(found.data.status, 'LoggedIn');
    assert.equal(found.data.teamId, alice.teamIds[0]);
  });
});
