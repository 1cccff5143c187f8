// The sandbox's notification websockets: subscribe, Welcome, fan-out, multi-login, keepalive drop.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { RunningSandbox } from '../src';
import {
  call,
  control,
  EventSocket,
  openAgentSocket,
  subscribe,
  wxcc,
} from './support/sandbox-client';
import { AGENTS, obtainTokens, startTestSandbox } from './support/sandbox-oauth';

const alice = AGENTS[0]!;

/**
 * A ping answered by the sandbox: every frame it sent before it read the ping (a close frame too)
 * has arrived by then. Resolves false if the socket closed instead.
 */
async function roundTrip(events: EventSocket): Promise<boolean> {
  if (events.socket.readyState !== WebSocket.OPEN) return events.closed.then(() => false);
  const pong = new Promise<boolean>((resolve) => events.socket.once('pong', () => resolve(true)));
  events.socket.ping();
  return Promise.race([pong, events.closed.then(() => false)]);
}

describe('sandbox notifications', () => {
  let sandbox: RunningSandbox;
  let token: string;
  before(async () => {
    sandbox = await startTestSandbox({ keepaliveTimeoutMs: 300 });
    token = (await obtainTokens(sandbox, { agentId: alice.id })).access_token;
  });
  after(() => sandbox.close());

  /** Until the sandbox has seen every socket of Alice's close, so later counts start from zero. */
  async function settled(): Promise<void> {
    for (let i = 0; i < 40; i += 1) {
      const agents = (await control(sandbox, 'GET', '/agents')).body as {
        id: string;
        websockets: unknown[];
      }[];
      if (agents.find((a) => a.id === alice.id)?.websockets.length === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(
      `sockets still open: ${JSON.stringify((await control(sandbox, 'GET', '/agents')).body)}`,
    );
  }

  const login = () =>
    call(wxcc(sandbox, '/v1/agents/login'), {
      method: 'POST',
      token,
      body: {
        dialNumber: '+14155550111',
        teamId: alice.teamIds[0],
        deviceType: 'AGENT_DN',
        roles: ['agent'],
      },
    });

  it('when subscribing, then a ws URL on the same host and path, and Welcome is the first frame', async () => {
    const { webSocketUrl, subscriptionId } = await subscribe(sandbox, token);
    const url = new URL(webSocketUrl);
    assert.equal(url.protocol, 'ws:');
    assert.equal(url.host, new URL(sandbox.url).host);
    assert.equal(url.pathname, `/wxcc/v1/notification/subscription/${subscriptionId}`);
    const events = await EventSocket.open(webSocketUrl);
    const welcome = await events.next(() => true);
    assert.deepEqual(welcome, { type: 'Welcome', data: { agentId: alice.id } });
    events.close();
  });

  it('when the subscribe body breaks the contract or the URL is reused, then 400 / refused', async () => {
    const reply = await call(wxcc(sandbox, '/v1/notification/subscribe'), {
      method: 'POST',
      token,
      body: { clientType: 'x'.repeat(21) },
    });
    assert.equal(reply.status, 400);
    assert.equal((reply.body as { field: string }).field, 'clientType');
    const { webSocketUrl } = await subscribe(sandbox, token);
    const first = await EventSocket.open(webSocketUrl);
    await assert.rejects(EventSocket.open(webSocketUrl), /404/);
    await assert.rejects(EventSocket.open(`${webSocketUrl}-nope`), /404/);
    first.close();
  });

  it('when two desktops allow multi-login, then both hear every event and nobody hears AGENT_MULTI_LOGIN', async () => {
    const body = { isKeepAliveEnabled: false, clientType: 'Multi', allowMultiLogin: true };
    const one = await openAgentSocket(sandbox, token, body);
    const two = await openAgentSocket(sandbox, token, body);
    await login();
    await one.inner('AgentStationLoginSuccess');
    await two.inner('AgentStationLoginSuccess');
    assert.ok(!one.frames.some((f) => f.type === 'AGENT_MULTI_LOGIN'));
    one.close();
    two.close();
    await control(sandbox, 'POST', `/agents/${alice.id}/logout`);
  });

  it('when a second desktop subscribes without multi-login, then the first hears AGENT_MULTI_LOGIN', async () => {
    const body = { isKeepAliveEnabled: false, clientType: 'Desk', allowMultiLogin: false };
    const first = await openAgentSocket(sandbox, token, body);
    const second = await openAgentSocket(sandbox, token, body);
    const taken = await first.next((f) => f.type === 'AGENT_MULTI_LOGIN');
    assert.equal(taken.data.type, 'AGENT_MULTI_LOGIN');
    assert.equal(taken.data.eventType, 'AgentDesktopMessage');
    assert.equal(taken.data.agentId, alice.id);
    assert.ok(taken.orgId);
    assert.ok(!second.frames.some((f) => f.type === 'AGENT_MULTI_LOGIN'));
    const forced = await openAgentSocket(sandbox, token, { ...body, force: true });
    await second.next((f) => f.type === 'AGENT_MULTI_LOGIN');
    await second.closed;
    await first.closed;
    forced.close();
  });

  it('when another application (another clientType) subscribes without multi-login, even with force, then the older socket is told AGENT_MULTI_LOGIN but not dropped', async () => {
    const ours = await openAgentSocket(sandbox, token, { clientType: 'SrvAgentDesktop' });
    const cisco = await openAgentSocket(sandbox, token, {
      clientType: 'AgentDesktop',
      allowMultiLogin: false,
      force: true,
    });
    await ours.next((f) => f.type === 'AGENT_MULTI_LOGIN');
    // The sandbox would close right after telling: a round trip, not a fixed wait, shows it did not.
    assert.equal(await roundTrip(ours), true, 'answered, not closed');
    assert.equal(ours.socket.readyState, WebSocket.OPEN);
    ours.close();
    cisco.close();
    await settled();
  });

  it('when a clientType allows multi-login and has 10 sockets, then an 11th hears AGENT_MAX_CONNECTIONS_EXCEEDED and closes; with force the oldest goes instead', async () => {
    const body = { clientType: 'Many', allowMultiLogin: true };
    const open = [];
    for (let i = 0; i < 10; i += 1) open.push(await openAgentSocket(sandbox, token, body));
    const refused = await openAgentSocket(sandbox, token, body);
    await refused.next((f) => f.type === 'AGENT_MAX_CONNECTIONS_EXCEEDED');
    await refused.closed;
    const forced = await openAgentSocket(sandbox, token, { ...body, force: true });
    await open[0]!.closed;
    assert.equal(open[1]!.socket.readyState, WebSocket.OPEN);
    for (const socket of [...open, forced]) socket.close();
    await settled();
  });

  it('when an Available agent’s last socket drops, then WxCC idles them with agent-wss-disconnect, and reload says so', async () => {
    await settled();
    const first = await openAgentSocket(sandbox, token, { clientType: 'Loss' });
    await login();
    await first.inner('AgentStationLoginSuccess');
    await call(wxcc(sandbox, '/v1/agents/session/state'), {
      method: 'PUT',
      token,
      body: { state: 'Available', auxCodeId: '0' },
    });
    await first.inner('AgentStateChangeSuccess');
    await control(sandbox, 'POST', `/agents/${alice.id}/drop-websocket`);
    await first.closed;
    const again = await openAgentSocket(sandbox, token, { clientType: 'Loss', force: true });
    await call(wxcc(sandbox, '/v1/agents/reload'), { method: 'POST', token });
    const reloaded = await again.inner('AgentReloginSuccess');
    assert.equal(reloaded.data.subStatus, 'Idle');
    assert.equal(reloaded.data.lastStateChangeReason, 'agent-wss-disconnect');
    again.close();
    await control(sandbox, 'POST', `/agents/${alice.id}/logout`);
    await settled();
  });

  it('when the control API simulates a second desktop, then the open socket hears AGENT_MULTI_LOGIN', async () => {
    const socket = await openAgentSocket(sandbox, token);
    const reply = await control(sandbox, 'POST', `/agents/${alice.id}/multi-login`);
    assert.deepEqual(reply.body, { notified: 1 });
    await socket.next((f) => f.type === 'AGENT_MULTI_LOGIN');
    socket.close();
  });

  it('when a keepalive socket goes silent, then it is dropped; one that sends keepalives stays', async (t) => {
    // The watchdog (300 ms here) is the timer under test: mocked, so the test moves its time on
    // instead of waiting it out. Sockets and their I/O stay real.
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const silent = await openAgentSocket(sandbox, token, {
      isKeepAliveEnabled: true,
      clientType: 'Silent',
    });
    const chatty = await openAgentSocket(sandbox, token, {
      isKeepAliveEnabled: true,
      clientType: 'Chatty',
    });
    /** A keepalive every 100 ms of the mocked clock, each one read by the sandbox before the next. */
    const beat = async (times: number) => {
      for (let i = 0; i < times; i += 1) {
        chatty.socket.send(JSON.stringify({ keepalive: 'true' }));
        assert.equal(await roundTrip(chatty), true, 'chatty still answers');
        t.mock.timers.tick(100);
      }
    };
    await beat(4);
    assert.equal(await roundTrip(silent), false, 'the silent socket was dropped');
    // Four more beats: well past the watchdog's 300 ms since the silent one went.
    await beat(4);
    assert.equal(await roundTrip(chatty), true);
    assert.equal(chatty.socket.readyState, WebSocket.OPEN);
    // Silent from here on: the watchdog drops it too.
    t.mock.timers.tick(300);
    assert.equal(await roundTrip(chatty), false, 'dropped once it went silent');
  });

  it('when the control API drops the websocket, then the socket closes', async () => {
    const socket = await openAgentSocket(sandbox, token, { clientType: 'Drop' });
    const reply = await control(sandbox, 'POST', `/agents/${alice.id}/drop-websocket`);
    assert.deepEqual(reply.body, { dropped: 1 });
    await socket.closed;
  });

  it('when the sandbox closes, then its websockets close too', async () => {
    const own = await startTestSandbox();
    const ownToken = (await obtainTokens(own)).access_token;
    const socket = await openAgentSocket(own, ownToken, { clientType: 'Close' });
    await own.close();
    await socket.closed;
  });
});
