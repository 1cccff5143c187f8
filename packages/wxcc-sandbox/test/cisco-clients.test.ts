// Replays the requests Cisco's own clients send, with their bodies as published, against the sandbox:
// @webex/contact-center 3.12.0 (src/cc.ts, services/agent, services/config), and the desktop
// sample's Postman collection (WebexSamples/webex-contact-center-api-samples, desktop-sample/).
// The sandbox must accept every one as WxCC does: never stricter than Cisco's clients.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../src';
import { defaultSeed, type SandboxSeed } from '../src/seed';
import { call, EventSocket, subscribe, wxcc } from './support/sandbox-client';
import { AGENTS, obtainTokens, ORG_ID, startTestSandbox } from './support/sandbox-oauth';

const alice = AGENTS[0]!;
const bruno = AGENTS[1]!;

describe('Cisco’s own clients against the sandbox', () => {
  let sandbox: RunningSandbox;
  const tokens: Record<string, string> = {};
  before(async () => {
    sandbox = await startTestSandbox();
    for (const agent of [alice, bruno]) {
      tokens[agent.id] = (await obtainTokens(sandbox, { agentId: agent.id })).access_token;
    }
  });
  after(() => sandbox.close());

  const agents = (agentId: string, method: string, path: string, body?: unknown) =>
    call(wxcc(sandbox, `/v1/agents${path}`), { method, token: tokens[agentId], body });
  const config = (agentId: string, path: string) =>
    call(`${sandbox.wxccApiBase}/organization/${ORG_ID}/${path}`, { token: tokens[agentId] });
  async function listen(agentId: string, body: Record<string, unknown>) {
    const { webSocketUrl } = await subscribe(sandbox, tokens[agentId]!, body);
    const socket = await EventSocket.open(webSocketUrl);
    await socket.next((f) => f.type === 'Welcome');
    return socket;
  }

  it('when the SDK signs in, then every configuration read it makes is answered', async () => {
    const profileId = alice.agentProfileId;
    const reads = [
      `user/by-ci-user-id/${alice.id}`,
      `agent-profile/${profileId}`,
      `v2/team?page=0&pageSize=100&filter=id=in=(${alice.teamIds.join(',')})`,
      'v2/auxiliary-code?page=0&pageSize=100&attributes=id,isSystemCode,name,defaultCode,workTypeCode,active',
      'v2/organization-setting?agentView=true',
      'v2/tenant-configuration?agentView=true',
      'dial-plan?agentView=true',
    ];
    for (const path of reads) {
      const reply = await config(alice.id, path);
      assert.equal(reply.status, 200, `${path}: ${reply.text.slice(0, 200)}`);
    }
    const teams = (await config(alice.id, reads[2]!)).body as { data: { id: string }[] };
    assert.deepEqual(teams.data.map((t) => t.id).sort(), [...alice.teamIds].sort());
    const settings = (await config(alice.id, reads[4]!)).body as {
      data: [{ webRtcEnabled: boolean }];
    };
    assert.equal(settings.data[0].webRtcEnabled, true);
    const tenant = (await config(alice.id, reads[5]!)).body as {
      data: [{ lostConnectionRecoveryTimeout: number }];
    };
    assert.equal(tenant.data[0].lostConnectionRecoveryTimeout, 50000);
    const plans = (await config(alice.id, reads[6]!)).body as { regularExpression: string }[];
    assert.ok(Array.isArray(plans) && plans.length >= 2);
  });

  it('when the SDK subscribes, logs in (AGENT_DN, its extra fields), changes state and logs out, then each is accepted', async () => {
    // SDK getConnectionConfig defaults (cc.ts) with config.ts's allowMultiLogin:false.
    const socket = await listen(alice.id, {
      force: true,
      isKeepAliveEnabled: false,
      clientType: 'WebexCCSDK',
      allowMultiLogin: false,
    });
    const login = await agents(alice.id, 'POST', '/login', {
      dialNumber: '18005551234',
      teamId: alice.teamIds[0],
      deviceType: 'AGENT_DN',
      isExtension: false,
      deviceId: '18005551234',
      roles: ['agent'],
      teamName: '',
      siteId: '',
      usesOtherDN: false,
      auxCodeId: '',
    });
    assert.equal(login.status, 202);
    await socket.inner('AgentStationLoginSuccess');
    const state = await agents(alice.id, 'PUT', '/session/state', {
      state: 'Available',
      auxCodeId: '0',
      lastStateChangeReason: '',
      agentId: alice.id,
    });
    assert.equal(state.status, 202);
    await socket.inner('AgentStateChangeSuccess');
    assert.equal((await agents(alice.id, 'POST', '/reload', {})).status, 202);
    await socket.inner('AgentReloginSuccess');
    // SDK stationLogout: POST (AqmReqs picks POST when there is a body), logoutReason only.
    const logout = await agents(alice.id, 'POST', '/logout', { logoutReason: 'User signed out' });
    assert.equal(logout.status, 202);
    await socket.inner('AgentLogoutSuccess');
    socket.close();
  });

  it('when the SDK logs in a browser station (dialNumber = agent id, deviceId webrtc-…), then WebRTC orgs accept it', async () => {
    const socket = await listen(alice.id, { clientType: 'WebexCCSDK', force: true });
    await agents(alice.id, 'POST', '/login', {
      dialNumber: alice.id,
      teamId: alice.teamIds[0],
      deviceType: 'BROWSER',
      isExtension: false,
      deviceId: `webrtc-${alice.id}`,
      roles: ['agent'],
      teamName: '',
      siteId: '',
      usesOtherDN: false,
      auxCodeId: '',
    });
    const success = await socket.inner('AgentStationLoginSuccess');
    assert.equal(success.data.deviceType, 'BROWSER');
    await agents(alice.id, 'POST', '/logout', { logoutReason: 'done' });
    await socket.inner('AgentLogoutSuccess');
    socket.close();
  });

  it('when the desktop sample’s Postman requests run (subscribe ?force=true, reload with no body, login with roles ["Agent"] and no deviceType, state without agentId, logout POST), then each is accepted', async () => {
    const subscribed = await call(wxcc(sandbox, '/v1/notification/subscribe?force=true'), {
      method: 'POST',
      token: tokens[bruno.id],
      body: {
        force: true,
        isKeepAliveEnabled: false,
        allowMultiLogin: true,
        clientType: 'AgentDesktopMessage',
      },
    });
    assert.equal(subscribed.status, 200);
    const socket = await EventSocket.open(
      (subscribed.body as { webSocketUrl: string }).webSocketUrl,
    );
    assert.equal((await agents(bruno.id, 'POST', '/reload')).status, 202);
    await socket.inner('AgentReloginFailed');
    const login = await agents(bruno.id, 'POST', '/login', {
      dialNumber: '0001',
      teamId: bruno.teamIds[0],
      isExtension: true,
      roles: ['Agent'],
    });
    assert.equal(login.status, 202);
    const success = await socket.inner('AgentStationLoginSuccess');
    assert.equal(success.data.deviceType, 'EXTENSION');
    const state = await agents(bruno.id, 'PUT', '/session/state', {
      state: 'Available',
      auxCodeId: '0',
    });
    assert.equal(state.status, 202);
    await socket.inner('AgentStateChangeSuccess');
    const logout = await agents(bruno.id, 'POST', '/logout', {
      logoutReason: 'Logout initiated by user',
      agentId: bruno.id,
    });
    assert.equal(logout.status, 202);
    await socket.inner('AgentLogoutSuccess');
    socket.close();
  });

  it('when the desktop sample sets an idle code in the older 20-character format, then it is accepted', async () => {
    const socket = await listen(alice.id, {
      clientType: 'AgentDesktopMessage',
      allowMultiLogin: true,
    });
    await agents(alice.id, 'POST', '/login', {
      dialNumber: '4711',
      teamId: alice.teamIds[1],
      isExtension: true,
      roles: ['Agent'],
    });
    await socket.inner('AgentStationLoginSuccess');
    const lunch = defaultSeed.auxCodes.find((c) => c.name === 'Lunch')!.id;
    assert.match(lunch, /^[A-Za-z0-9_-]{20}$/);
    await agents(alice.id, 'PUT', '/session/state', { state: 'Idle', auxCodeId: lunch });
    const idle = await socket.inner('AgentStateChangeSuccess');
    assert.equal(idle.data.auxCodeId, lunch);
    await agents(alice.id, 'POST', '/logout', { logoutReason: 'done' });
    await socket.inner('AgentLogoutSuccess');
    socket.close();
  });
});

describe('an organization without WebRTC', () => {
  const seed: SandboxSeed = {
    ...defaultSeed,
    organizationSettings: { ...defaultSeed.organizationSettings, webRtcEnabled: false },
  };
  let sandbox: RunningSandbox;
  let token: string;
  before(async () => {
    sandbox = await startTestSandbox({ seed });
    token = (await obtainTokens(sandbox, { agentId: alice.id })).access_token;
  });
  after(() => sandbox.close());

  it('when a browser station is asked for, then organization-setting says so and login fails INVALID_DEVICE_TYPE', async () => {
    const settings = await call(
      `${sandbox.wxccApiBase}/organization/${ORG_ID}/v2/organization-setting?agentView=true`,
      { token },
    );
    assert.equal(
      (settings.body as { data: [{ webRtcEnabled: boolean }] }).data[0].webRtcEnabled,
      false,
    );
    const { webSocketUrl } = await subscribe(sandbox, token, { clientType: 'WebexCCSDK' });
    const socket = await EventSocket.open(webSocketUrl);
    await call(wxcc(sandbox, '/v1/agents/login'), {
      method: 'POST',
      token,
      body: {
        dialNumber: alice.id,
        teamId: alice.teamIds[0],
        deviceType: 'BROWSER',
        deviceId: `webrtc-${alice.id}`,
        roles: ['agent'],
      },
    });
    const failed = await socket.inner('AgentStationLoginFailed');
    assert.equal(failed.data.reason, 'INVALID_DEVICE_TYPE');
    socket.close();
  });
});
