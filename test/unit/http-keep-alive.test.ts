// Calls to Webex and WxCC reuse their connections instead of opening one per call.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, it } from 'node:test';
import { createHttp, httpCall } from '../../src/clients/http-call';

describe('upstream connections', () => {
  it('when calls follow one another, then they share one kept-alive connection', async () => {
    let connections = 0;
    const server = http.createServer((_req, res) => res.end('{"ok":true}'));
    server.on('connection', () => (connections += 1));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
    try {
      const client = createHttp(2000);
      for (let i = 0; i < 5; i += 1) {
        const result = await httpCall(
          client,
          { method: 'GET', url, service: 'WxCC', expect: [200] },
          () => undefined,
        );
        assert.deepEqual(result.body, { ok: true });
      }
      assert.equal(connections, 1);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('upstream connections: TCP keep-alive', () => {
  it('when a kept-alive connection carries another call, then its TCP keep-alive is not set again', async () => {
    const server = http.createServer((_req, res) => res.end('{"ok":true}'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
    const call = (client: ReturnType<typeof createHttp>) =>
      httpCall(client, { method: 'GET', url, service: 'WxCC', expect: [200] }, () => undefined);
    try {
      const client = createHttp(2000);
      await call(client);
      // The one connection, back in the agent's free list: count what reaches its socket handle.
      const agent = client.defaults.httpAgent as { freeSockets: Record<string, Socket[]> };
      const [socket] = Object.values(agent.freeSockets).flat();
      assert.ok(socket, 'a kept-alive connection');
      const handle = (
        socket as unknown as { _handle: { setKeepAlive: (...a: unknown[]) => unknown } }
      )._handle;
      let set = 0;
      const setKeepAlive = handle.setKeepAlive.bind(handle);
      handle.setKeepAlive = (...args: unknown[]) => {
        set += 1;
        return setKeepAlive(...args);
      };
      for (let i = 0; i < 3; i += 1) await call(client);
      assert.equal(set, 0);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
