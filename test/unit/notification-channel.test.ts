// Unit tests of the notification channel: only the configured WxCC host, keepalives, reconnects.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import { isAppError } from '../../src/errors';
import { waitFor } from '../helpers/wait-for';
import { NotificationChannel } from '../../src/agent-session/wxcc-socket';

describe('NotificationChannel', () => {
  let server: WebSocketServer;
  let base: string;
  const sockets: WebSocket[] = [];
  const frames: string[] = [];

  before(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    server.on('connection', (socket) => {
      sockets.push(socket);
      socket.on('message', (data) => frames.push(String(data)));
    });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const channel = (
    url: string,
    extra: Partial<ConstructorParameters<typeof NotificationChannel>[0]> = {},
  ) =>
    new NotificationChannel({
      agentId: 'agent-1',
      wxccApiBase: base,
      subscribe: async () => ({ webSocketUrl: url, subscriptionId: 's' }),
      ...extra,
    });

  it('when the subscription points at another host, then no socket is opened', async () => {
    const before = sockets.length;
    const c = channel('ws://127.0.0.2:1/v1/notification/subscription/x');
    await assert.rejects(c.start(), { code: 'upstream_malformed' });
    assert.equal(sockets.length, before);
    c.close();
  });

  it('when the WxCC base is https, then a plain ws:// URL on the same host is refused', async () => {
    const c = new NotificationChannel({
      agentId: 'a',
      wxccApiBase: 'https://api.wxcc-us1.cisco.com',
      subscribe: async () => ({
        webSocketUrl: 'ws://api.wxcc-us1.cisco.com/v1/notification/subscription/x',
        subscriptionId: 's',
      }),
    });
    await assert.rejects(c.start(), { code: 'upstream_malformed' });
    c.close();
  });

  it('when open, then it sends keepalives and hands each event on, parsed', async () => {
    frames.length = 0;
    const c = channel(`${base.replace('http', 'ws')}/v1/notification/subscription/1`, {
      keepaliveMs: 20,
    });
    await c.start();
    // Waits only as long as two keepalives take (20 ms apart), not a fixed time.
    await waitFor(async () => frames.filter((f) => f === '{"keepalive":"true"}').length >= 2);
    const heard = once(c, 'event');
    sockets.at(-1)!.send(
      JSON.stringify({
        type: 'AgentReloginFailed',
        data: { type: 'AgentReloginFailed', reason: 'AGENT_NOT_FOUND' },
      }),
    );
    const [event] = (await heard) as [{ inner: string; data: { reason?: string } }];
    assert.deepEqual([event.inner, event.data.reason], ['AgentReloginFailed', 'AGENT_NOT_FOUND']);
    c.close();
  });

  it('when the socket drops, then it subscribes again and reconnects', async () => {
    let subscriptions = 0;
    const c = channel('', {
      backoffInitialMs: 10,
      subscribe: async () => {
        subscriptions += 1;
        return {
          webSocketUrl: `${base.replace('http', 'ws')}/v1/notification/subscription/${subscriptions}`,
          subscriptionId: String(subscriptions),
        };
      },
    });
    await c.start();
    const reconnected = once(c, 'reconnected');
    sockets.at(-1)!.terminate();
    await reconnected;
    assert.equal(subscriptions, 2);
    assert.equal(c.status, 'open');
    c.close();
  });

  it('when another desktop takes over, then it stops and does not reconnect on its own', async () => {
    let subscriptions = 0;
    const c = channel('', {
      backoffInitialMs: 10,
      subscribe: async () => {
        subscriptions += 1;
        return {
          webSocketUrl: `${base.replace('http', 'ws')}/v1/notification/subscription/m`,
          subscriptionId: 'm',
        };
      },
    });
    await c.start();
    const heard = once(c, 'event');
    sockets.at(-1)!.send(JSON.stringify({ type: 'AGENT_MULTI_LOGIN', data: {} }));
    await heard;
    // An absence (no resubscribe): nothing signals it, so a few backoff periods (10 ms) pass.
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(c.status, 'taken_over');
    assert.equal(subscriptions, 1);
    // Taking it back opens a socket of ours again, which the session reads as "no longer taken over".
    const opened = once(c, 'open');
    await c.start(true);
    await opened;
    assert.equal(c.status, 'open');
    c.close();
  });

  it('when two forced starts overlap (a double click), then one subscription is made', async () => {
    let subscriptions = 0;
    const c = channel('', {
      subscribe: async () => {
        subscriptions += 1;
        return {
          webSocketUrl: `${base.replace('http', 'ws')}/v1/notification/subscription/d`,
          subscriptionId: 'd',
        };
      },
    });
    await Promise.all([c.start(true), c.start(true)]);
    assert.equal(subscriptions, 1);
    assert.equal(c.status, 'open');
    c.close();
  });

  it('when the channel closes, then watchers are told it ended', async () => {
    const c = channel(`${base.replace('http', 'ws')}/v1/notification/subscription/e`);
    await c.start();
    const ended = once(c, 'ended');
    c.close();
    await ended;
  });
});

describe('NotificationChannel liveness', () => {
  it('when the server goes silent (no frames, no pongs), then the socket is dropped and reopened', async () => {
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
    await once(silent, 'listening');
    const address = silent.address();
    const url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/s`;
    let subscriptions = 0;
    const c = new NotificationChannel({
      agentId: 'a',
      wxccApiBase: url.replace('ws:', 'http:').replace('/s', ''),
      keepaliveMs: 20,
      backoffInitialMs: 10,
      subscribe: async () => {
        subscriptions += 1;
        return { webSocketUrl: url, subscriptionId: String(subscriptions) };
      },
    });
    try {
      await c.start();
      await once(c, 'reconnected');
      assert.ok(subscriptions >= 2);
    } finally {
      c.close();
      for (const client of silent.clients) client.terminate();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('NotificationChannel compression', () => {
  it('when WxCC offers permessage-deflate, then the socket asks for none (no zlib per agent)', async () => {
    // A server that would compress if asked, as a real tenant may.
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: true });
    await once(server, 'listening');
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const asked: (string | undefined)[] = [];
    const negotiated: string[] = [];
    server.on('connection', (socket, req) => {
      asked.push(req.headers['sec-websocket-extensions']);
      negotiated.push(socket.extensions);
    });
    const c = new NotificationChannel({
      agentId: 'agent-1',
      wxccApiBase: base,
      subscribe: async () => ({
        webSocketUrl: `${base.replace('http', 'ws')}/v1/notification/subscription/1`,
        subscriptionId: 's',
      }),
    });
    try {
      await c.start();
      while (negotiated.length === 0) await new Promise((r) => setTimeout(r, 5));
      assert.deepEqual(asked, [undefined]);
      assert.deepEqual(negotiated, ['']);
    } finally {
      c.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('NotificationChannel open failures', () => {
  /** A server on 127.0.0.1 that answers upgrades with `answer` (or never, when undefined). */
  async function upgradeServer(answer?: string) {
    const server = http.createServer();
    const upgrades: Duplex[] = [];
    server.on('upgrade', (_req, socket: Duplex) => {
      upgrades.push(socket);
      if (answer) socket.end(answer);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const c = new NotificationChannel({
      agentId: 'agent-1',
      wxccApiBase: base,
      connectTimeoutMs: 100,
      subscribe: async () => ({
        webSocketUrl: `${base.replace('http', 'ws')}/v1/notification/subscription/1`,
        subscriptionId: 's',
      }),
    });
    return {
      c,
      close() {
        c.close();
        // Upgraded sockets are no longer the server's to close: destroy them, or close() waits.
        for (const socket of upgrades) socket.destroy();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  it('when WxCC never finishes the handshake (overloaded), then starting fails as a timeout, not a 500', async () => {
    const s = await upgradeServer();
    try {
      await assert.rejects(s.c.start(), (error: unknown) => {
        assert.ok(isAppError(error));
        assert.equal(error.code, 'upstream_timeout');
        assert.equal(error.status, 504);
        assert.match(error.message, /did not open the live connection in time/);
        return true;
      });
    } finally {
      await s.close();
    }
  });

  it('when WxCC answers the handshake with 503, then starting fails as unavailable', async () => {
    const s = await upgradeServer('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
    try {
      await assert.rejects(s.c.start(), { code: 'upstream_unavailable', status: 503 });
    } finally {
      await s.close();
    }
  });
});
