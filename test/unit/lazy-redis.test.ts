// Unit tests that an instance without Redis never loads Redis's clients: node-redis, connect-redis
// and rate-limit-redis cost about 6 MiB of RSS at start (docs/MEASUREMENTS.md, mem5), so they are
// imported when the first Redis connection is opened, not with the modules that use them. The
// Redis paths themselves are tested against a real redis-server (test/cluster/redis-backend.test.ts,
// test/session-store/redis-session-store.test.ts).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

const require = createRequire(import.meta.url);

/** The Redis packages Node has loaded so far (they are CommonJS: Node's require cache lists them). */
function loadedRedisPackages(): string[] {
  return Object.keys(require.cache).filter((file) =>
    /\/node_modules\/(@redis\/|redis\/|connect-redis\/|rate-limit-redis\/)/.test(file),
  );
}

describe('Redis loaded only when used', () => {
  it('when every module of the desktop is loaded, then no Redis client is', async () => {
    // start-desktop.ts wires every store and backend, the Redis ones included.
    await import('../../src/start-desktop');
    await import('../../src/secure-store/index');
    await import('../../src/session-store/index');
    assert.deepEqual(loadedRedisPackages(), []);
  });

  it('when a Redis connection is opened, then node-redis is loaded for it', async () => {
    const { connectRedis } = await import('../../src/session-store/redis-connection');
    // Nothing listens on port 1: node-redis is loaded, tries, and gives up after its attempts.
    await assert.rejects(connectRedis('redis://127.0.0.1:1'), /Could not connect to Redis/);
    assert.ok(loadedRedisPackages().some((file) => file.includes('/@redis/client/')));
  });
});
