// The control API and console: the request log, token expiry, supervisor actions, bad input.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../src';
import { defaultSeed } from '../src/seed';
import { call, control, openAgentSocket, wxcc, type EventSocket } from './support/sandbox-client';
import { AGENTS, obtainTokens, startTestSandbox } from './support/sandbox-oauth';

const alice = AGENTS[0]!;
const supervisor = defaultSeed.supervisor;

describe('sandbox control API and console', () => {
  let sandbox: RunningSandbox;
  let token: string;
  let events: EventSocket;
  before(async () => {
    sandbox = await startTestSandbox();
    token = (await obtainTokens(sandbox, { agentId: alice.id })).access_token;
    events = await openAgentSocket(sandbox, token);
  });
  after(async () => {
    events.close();
    await sandbox.close();
  });

  const login = () =>
    call(wxcc(sandbox, '/v1/agents/login'), {
      method: 'POST',
      token,
      body: {
        dialNumber: '+14155550177',
        teamId: alice.teamIds[0],
        deviceType: 'AGENT_DN',
        roles: ['agent'],
      },
    });

  it('when calls are made, then the log records method, path, target, bearer, body and status', async () => {
    await control(sandbox, 'DELETE', '/requests');
    await login();
    await call(wxcc(sandbox, '/v1/agents/reload'), { method: 'POST', token: 'stale' });
    const log = (await control(sandbox, 'GET', '/requests')).body as Record<string, unknown>[];
    assert.equal(log.length, 2);
    const [first, second] = log;
    assert.equal(first?.method, 'POST');
    assert.equal(first?.path, '/wxcc/v1/agents/login');
    assert.equal(first?.target, 'login');
    assert.equal(first?.bearer, token);
    assert.equal((first?.body as { dialNumber: string }).dialNumber, '+14155550177');
    assert.equal(first?.status, 202);
    assert.ok(typeof first?.at === 'number');
    assert.equal(second?.target, 'reload');
    assert.equal(second?.status, 401);
    await control(sandbox, 'DELETE', '/requests');
    assert.deepEqual((await control(sandbox, 'GET', '/requests')).body, []);
  });

  it('when agents are listed, then each shows its current station session', async () => {
    const agents = (await control(sandbox, 'GET', '/agents')).body as Record<string, unknown>[];
    assert.equal(agents.length, AGENTS.length);
    const me = agents.find((a) => a.id === alice.id)!;
    assert.equal((me.session as { dn: string }).dn, '+14155550177');
    assert.equal((me.websockets as unknown[]).length, 1);
    assert.equal(agents.find((a) => a.id === AGENTS[1]!.id)?.session, null);
  });

  it('when a supervisor changes the state, then the event names the supervisor', async () => {
    events.frames.length = 0;
    const reply = await control(sandbox, 'POST', `/agents/${alice.id}/state`, {
      state: 'Available',
    });
    assert.equal(reply.status, 200);
    const change = await events.inner('AgentStateChangeSuccess');
    assert.equal(change.data.subStatus, 'Available');
    assert.equal(change.data.changedBy, supervisor.name);
    assert.equal(change.data.changedById, supervisor.id);
    assert.equal(change.data.changedByName, supervisor.name);
  });

  it('when an interaction starts and ends, then task events follow and the agent lists it meanwhile', async () => {
    events.frames.length = 0;
    await control(sandbox, 'POST', `/agents/${alice.id}/interaction`, { active: true });
    const assigned = await events.inner('AgentContactAssigned');
    assert.equal(assigned.type, 'RoutingMessage');
    const listed = (await control(sandbox, 'GET', '/agents')).body as {
      interactionIds: string[];
    }[];
    assert.deepEqual(listed[0]?.interactionIds, [assigned.data.interactionId]);
    await control(sandbox, 'POST', `/agents/${alice.id}/interaction`, { active: false });
    const ended = await events.inner('ContactEnded');
    assert.equal(ended.data.interactionId, assigned.data.interactionId);
    assert.deepEqual(ended.data.agentsPendingWrapUp, []);
    const after = (await control(sandbox, 'GET', '/agents')).body as { interactionIds: string[] }[];
    assert.deepEqual(after[0]?.interactionIds, []);
  });

  it('when a supervisor logs the agent out, then Logout names the supervisor; a second time is 409', async () => {
    events.frames.length = 0;
    await control(sandbox, 'POST', `/agents/${alice.id}/logout`);
    const out = await events.inner('AgentLogoutSuccess');
    assert.equal(out.data.loggedOutBy, supervisor.name);
    assert.equal(out.data.changedByName, supervisor.name);
    assert.equal((await control(sandbox, 'POST', `/agents/${alice.id}/logout`)).status, 409);
  });

  it('when control input is wrong, then 400/404 with a clear message and the sandbox keeps serving', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      [`/agents/${alice.id}/state`, { state: 'Asleep' }, 400, /state must be/],
      [`/agents/${alice.id}/interaction`, { active: 'yes' }, 400, /active must be/],
      [`/agents/${alice.id}/teleport`, {}, 404, /action must be one of/],
      ['/agents/nobody/logout', {}, 404, /no agent/],
      ['/tokens/expire', { agentId: 42 }, 400, /agentId must be a string/],
      ['/tokens/revoke', [1, 2], 400, /agentId must be a string/],
    ];
    for (const [path, body, status, message] of cases) {
      const reply = await control(sandbox, 'POST', path, body);
      assert.equal(reply.status, status, path);
      assert.match((reply.body as { error: string }).error, message);
    }
    assert.equal((await control(sandbox, 'GET', '/agents')).status, 200);
  });

  it('when the console is opened, then it lists agents with forms that work without JavaScript', async () => {
    await login();
    const page = await fetch(`${sandbox.url}/_sandbox/console`);
    assert.equal(page.status, 200);
    const html = await page.text();
    for (const agent of AGENTS) assert.ok(html.includes(`${agent.firstName} ${agent.lastName}`));
    assert.match(html, new RegExp(`action="/_sandbox/agents/${alice.id}/state"`));
    assert.doesNotMatch(html, /<script|style="/);
    const posted = await fetch(`${sandbox.url}/_sandbox/agents/${alice.id}/state`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'state=Available',
    });
    assert.equal(posted.status, 303);
    const next = await fetch(new URL(posted.headers.get('location') ?? '', sandbox.url));
    const after = await next.text();
    assert.match(after, /State change sent/);
    assert.match(after, /state-available/);
    const refused = await fetch(`${sandbox.url}/_sandbox/agents/${AGENTS[3]!.id}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    assert.equal(refused.status, 303);
    const back = new URL(refused.headers.get('location') ?? '', sandbox.url);
    assert.match(back.searchParams.get('error') ?? '', /not logged in/);
  });
});
