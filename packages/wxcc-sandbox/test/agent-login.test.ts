// Station login over the agents API: 202 now, the outcome as a websocket event, reasons.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSeed } from '../src/seed';
import { AgentFixture, alice, bruno, chiara } from './support/agent-fixture';
import { call, control, wxcc } from './support/sandbox-client';
import { obtainTokens, ORG_ID } from './support/sandbox-oauth';

describe('sandbox agent login', () => {
  const fx = AgentFixture.forSuite();

  it('when an agent logs in, then 202 and AgentStationLoginSuccess, Idle with the default idle code', async () => {
    const events = await fx.listen(alice.id);
    const reply = await fx.login(alice.id);
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
      defaultSeed.auxCodes.find((c) => c.defaultCode && c.workTypeCode === 'IDLE_CODE')!.id,
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
    await fx.login(alice.id);
    const events = await fx.listen(bruno.id);
    assert.equal((await fx.login(bruno.id)).status, 202);
    const event = await events.inner('AgentStationLoginFailed');
    assert.equal(event.type, 'StationLogin');
    assert.equal(event.data.reason, 'DUPLICATE_LOCATION');
    assert.ok(typeof event.data.reasonCode === 'number');
  });
  it('when the number breaks the agent’s dial plan or the extension is not digits, then INVALID_DIAL_NUMBER', async () => {
    const events = await fx.listen(chiara.id);
    // Chiara is on a UK dial plan: a US number does not fit it.
    await fx.login(chiara.id, { dialNumber: '18005551234', deviceId: '18005551234' });
    assert.equal(
      (await events.inner('AgentStationLoginFailed')).data.reason,
      'INVALID_DIAL_NUMBER',
    );
    const alices = await fx.listen(alice.id);
    await fx.login(alice.id, { dialNumber: '12a4', deviceType: 'EXTENSION', isExtension: true });
    assert.equal(
      (await alices.inner('AgentStationLoginFailed')).data.reason,
      'INVALID_DIAL_NUMBER',
    );
    alices.frames.length = 0;
    await fx.login(alice.id, { dialNumber: '1234', deviceType: 'EXTENSION', isExtension: true });
    assert.equal((await alices.inner('AgentStationLoginSuccess')).data.deviceType, 'EXTENSION');
  });
  it('when the team is not the agent’s or the device type not in the profile, then INVALID_TEAM / INVALID_DEVICE_TYPE', async () => {
    const events = await fx.listen(chiara.id);
    await fx.login(chiara.id, { teamId: defaultSeed.teams[0]!.id });
    assert.equal((await events.inner('AgentStationLoginFailed')).data.reason, 'INVALID_TEAM');
    events.frames.length = 0;
    await fx.login(chiara.id, { deviceType: 'BROWSER', dialNumber: `webrtc-${chiara.id}` });
    assert.equal(
      (await events.inner('AgentStationLoginFailed')).data.reason,
      'INVALID_DEVICE_TYPE',
    );
  });
  // Bodies that break the spec are covered, endpoint by endpoint, in request-contract.test.ts.
  it('when the body is empty or not JSON, then 400', async () => {
    const empty = await call(wxcc(fx.sandbox, '/v1/agents/login'), {
      method: 'POST',
      token: fx.tokens[alice.id],
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(empty.status, 400);
    // An empty JSON body parses as {}: what it lacks is named.
    assert.equal((empty.body as { field: string }).field, 'dialNumber');
    const garbled = await fetch(wxcc(fx.sandbox, '/v1/agents/login'), {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${fx.tokens[alice.id]}`,
        'Content-Type': 'application/json',
      },
      body: '{"dialNumber":',
    });
    assert.equal(garbled.status, 400);
    assert.equal(((await garbled.json()) as { errorType: string }).errorType, 'BAD_REQUEST');
  });
  it('when the token lacks cjp:user, is missing or expired, then 403 / 401', async () => {
    const narrow = await obtainTokens(fx.sandbox, {
      agentId: alice.id,
      scopes: ['spark:people_read'],
    });
    const forbidden = await call(wxcc(fx.sandbox, '/v1/agents/reload'), {
      method: 'POST',
      token: narrow.access_token,
    });
    assert.equal(forbidden.status, 403);
    assert.equal((forbidden.body as { errorType: string }).errorType, 'FORBIDDEN');
    const missing = await call(wxcc(fx.sandbox, '/v1/agents/reload'), { method: 'POST' });
    assert.equal(missing.status, 401);
    assert.ok(missing.headers.get('trackingid'));
    const fresh = await obtainTokens(fx.sandbox, { agentId: bruno.id });
    await control(fx.sandbox, 'POST', '/tokens/expire', { agentId: bruno.id });
    const expired = await call(wxcc(fx.sandbox, '/v1/agents/reload'), {
      method: 'POST',
      token: fresh.access_token,
    });
    assert.equal(expired.status, 401);
    fx.tokens[bruno.id] = (await obtainTokens(fx.sandbox, { agentId: bruno.id })).access_token;
  });
});
