// The desktop keeps idle client connections open longer than a load balancer or a scraper waits
// between requests (issue 19: with Node's 5 s, nearly every click was a new connection, and new
// connections wait their turn one per event-loop iteration on a busy desktop).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { KEEP_ALIVE_MS, listen } from '../../src/listen';

function get(port: number, agent: http.Agent) {
  return new Promise<{ keepAlive?: string; socket: unknown }>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ keepAlive: String(res.headers['keep-alive']), socket: req.socket }),
      );
    });
    req.on('error', reject);
  });
}

describe('listening server keep-alive', () => {
  it('when a client is idle between requests, then it is told it may keep its connection 65 s, above a 60 s balancer', async () => {
    const server = await listen((_req, res) => res.end('ok'), 0, '127.0.0.1');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const port = (server.address() as AddressInfo).port;
      const first = await get(port, agent);
      assert.equal(first.keepAlive, `timeout=${KEEP_ALIVE_MS / 1000}`);
      assert.ok(KEEP_ALIVE_MS > 60_000, 'longer than the usual balancer idle timeout');
      assert.ok(server.headersTimeout > KEEP_ALIVE_MS, 'a reused connection is not cut early');
      const second = await get(port, agent);
      assert.equal(second.socket, first.socket, 'the same connection served the second request');
    } finally {
      agent.destroy();
      server.closeAllConnections();
      server.close();
    }
  });
});
