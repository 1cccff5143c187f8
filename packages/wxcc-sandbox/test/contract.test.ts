// The sandbox against the contract: its responses match Cisco's specs, its events the event schemas.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NOTIFICATION_TYPES, validateNotification } from './fixtures/notification-schemas';
import { validateResponse } from '../src/spec-check/openapi-validator';
import type { RunningSandbox } from '../src';
import { defaultSeed } from '../src/seed';
import { call, control, openAgentSocket, wxcc } from './support/sandbox-client';
import { AGENTS, obtainTokens, ORG_ID, startTestSandbox } from './support/sandbox-oauth';

const alice = AGENTS[0]!;

describe('sandbox contract conformance', () => {
  let sandbox: RunningSandbox;
  let token: string;
  before(async () => {
    sandbox = await startTestSandbox();
    token = (await obtainTokens(sandbox, { agentId: alice.id })).access_token;
  });
  after(() => sandbox.close());

  /** Calls the sandbox and checks the answer against the spec, with the mount prefix stripped. */
  async function checked(method: string, url: string, body?: unknown, withToken = token) {
    const reply = await call(url, { method, token: withToken, body });
    const path = new URL(url).pathname.replace(/^\/(webex\/v1|wxcc)/, '');
    const issues = validateResponse({ method, path, status: reply.status, body: reply.body });
    assert.deepEqual(issues, [], `${method} ${path} ${reply.status}`);
    return reply;
  }

  it('when each documented endpoint answers, then the body matches the spec', async () => {
    const org = `${sandbox.wxccApiBase}/organization/${ORG_ID}`;
    await checked('GET', `${sandbox.webexApiBase}/people/me`);
    await checked('POST', wxcc(sandbox, '/v1/notification/subscribe'), { clientType: 'Check' });
    await checked('GET', `${org}/v2/team?page=0&pageSize=2`);
    await checked('GET', `${org}/v2/auxiliary-code`);
    await checked('GET', `${org}/v2/user/by-ci-user-id/${alice.id}`);
    await checked('GET', `${org}/user/by-ci-user-id/${alice.id}`);
    await checked('GET', `${org}/dial-plan?agentView=true`);
    // Not v2/dial-plan: its spec envelope types every meta value as an object (page, totalPages…),
    // which no paged answer of the configuration API is.
    for (const profile of defaultSeed.desktopProfiles) {
      await checked('GET', `${org}/agent-profile/${profile.id}`);
    }
    await checked('GET', `${org}/agent-profile/unknown`);
    await checked('GET', `${org}/v2/team`, undefined, 'bad-token');
    const narrow = await obtainTokens(sandbox, { scopes: ['cjp:user'] });
    await checked('GET', `${org}/v2/team`, undefined, narrow.access_token);
    await checked('POST', wxcc(sandbox, '/v1/agents/reload'));
  });

  it('when a whole station session runs, then every websocket frame matches the event schemas', async () => {
    const socket = await openAgentSocket(sandbox, token);
    const agents = (path: string, method: string, body?: unknown) =>
      call(wxcc(sandbox, `/v1/agents${path}`), { method, token, body });
    const login = {
      dialNumber: '+14155550188',
      teamId: alice.teamIds[0],
      deviceType: 'AGENT_DN',
      roles: ['agent'],
    };
    await agents('/reload', 'POST');
    await agents('/login', 'POST', { ...login, dialNumber: '!bad' });
    await agents('/login', 'POST', login);
    await agents('/session/state', 'PUT', { state: 'Available', auxCodeId: '0' });
    await agents('/session/state', 'PUT', { state: 'Idle', auxCodeId: 'nope' });
    await agents('/reload', 'POST');
    await control(sandbox, 'POST', `/agents/${alice.id}/interaction`, { active: true });
    await agents('/logout', 'POST', { logoutReason: 'too early' });
    await control(sandbox, 'POST', `/agents/${alice.id}/interaction`, { active: false });
    await control(sandbox, 'POST', `/agents/${alice.id}/state`, { state: 'Idle' });
    await agents('/logout', 'PUT', { logoutReason: 'end of shift' });
    await socket.inner('AgentLogoutSuccess');
    await control(sandbox, 'POST', `/agents/${alice.id}/multi-login`);
    await agents('/logout', 'PUT', { logoutReason: 'again' });
    await socket.next(
      (f) => f.data?.type === 'AgentLogoutFailed' && f.data.logoutReason === 'again',
    );
    const inner = socket.frames.map((f) => f.data?.type ?? f.type);
    assert.deepEqual(inner, [
      'Welcome',
      'AgentReloginFailed',
      'AgentStationLoginFailed',
      'AgentStationLoginSuccess',
      'AgentStateChangeSuccess',
      'AgentStateChangeFailed',
      'AgentReloginSuccess',
      'AgentContactReserved',
      'AgentOfferContact',
      'AgentContactAssigned',
      'AgentLogoutFailed',
      'ContactEnded',
      'AgentStateChangeSuccess',
      'AgentLogoutSuccess',
      'AGENT_MULTI_LOGIN',
      'AgentLogoutFailed',
    ]);
    for (const frame of socket.frames) {
      assert.deepEqual(validateNotification(frame), [], JSON.stringify(frame));
    }
    // Every station event the schemas describe was sent, so none of them goes unchecked; contact
    // and buddy-list events have their own run (contacts-contract.test.ts).
    const sent = new Set(socket.frames.flatMap((f) => [f.type, `${f.type}/${f.data?.type}`]));
    const contactTypes = new Set(['RoutingMessage', 'BuddyAgents']);
    for (const [outer, inners] of Object.entries(NOTIFICATION_TYPES)) {
      if (contactTypes.has(outer)) continue;
      for (const name of inners.length > 0 ? inners.map((inner) => `${outer}/${inner}`) : [outer]) {
        assert.ok(sent.has(name), `the run sent no ${name}`);
      }
    }
    socket.close();
  });
});
