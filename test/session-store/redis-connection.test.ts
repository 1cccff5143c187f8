// A Redis connection's readiness on a real redis-server: its subscriber, which carries every
// action's result, reconnects on its own backoff after a drop, and the connection does not call
// itself ready (/readyz) until that one is back too.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { connectRedis } from '../../src/session-store/redis-connection';
import { waitFor } from '../helpers/wait-for';
import { startRedisServer, type RedisServer } from './redis-server';

/** A TCP relay in front of Redis that can cut one connection and refuse new ones for a while. */
async function startRelay(target: number) {
  const pairs: net.Socket[][] = [];
  const server = net.createServer((inbound) => {
    const outbound = net.connect(target, '127.0.0.1');
    const pair = [inbound, outbound];
    pairs.push(pair);
    for (const s of pair) s.on('error', () => pair.forEach((p) => p.destroy()));
    inbound.pipe(outbound).pipe(inbound);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get accepted() {
      return pairs.length;
    },
    /** Stops accepting (a reconnect is refused) and cuts the connection accepted `nth` (0-based). */
    cutAndRefuse(nth: number) {
      // Stops listening at once; its callback would wait for the open connections, not needed here.
      server.close();
      pairs[nth]!.forEach((s) => s.destroy());
    },
    async acceptAgain() {
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
    },
    close() {
      server.close();
      for (const pair of pairs) pair.forEach((s) => s.destroy());
    },
  };
}

describe('redis connection readiness', () => {
  let redis: RedisServer;
  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    await redis.stop();
  });

  it('when only the subscriber connection drops, then ping says not ready until it is back, its return is heard, and a message published then reaches the listener', async () => {
    const relay = await startRelay(Number(new URL(redis.url).port));
    const connection = await connectRedis(`redis://127.0.0.1:${relay.port}`);
    try {
      const heard: string[] = [];
      let resubscribed = 0;
      connection.onResubscribed(() => (resubscribed += 1));
      await connection.subscribe('readiness', (message) => heard.push(message));
      assert.equal(resubscribed, 0, 'the first connect is not a come-back');
      assert.equal(relay.accepted, 2, 'one connection for commands, one subscriber');
      await connection.ping();

      relay.cutAndRefuse(1);
      await waitFor(() =>
        connection.ping().then(
          () => false,
          () => true,
        ),
      );
      await assert.rejects(connection.ping(), /subscriber connection is not back yet/);
      assert.equal(await connection.sendCommand(['PING']), 'PONG', 'commands still run');

      await relay.acceptAgain();
      await waitFor(
        () =>
          connection.ping().then(
            () => true,
            () => false,
          ),
        8000,
      );
      assert.equal(resubscribed, 1, 'heard once its subscription is restored');
      await connection.sendCommand(['PUBLISH', 'readiness', 'back']);
      await waitFor(async () => heard.includes('back'));
    } finally {
      await connection.close();
      relay.close();
    }
  });
});
