// The cluster primitives on a real redis-server: leases, capped sets, pub/sub, tokens encrypted.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ClusterBackend } from '../../src/cluster/backend';
import { createRedisBackend } from '../../src/cluster/redis-backend';
import { secureStoreTokens } from '../../src/cluster/token-store';
import { createSecureStore } from '../../src/secure-store';
import { startRedisServer, type RedisServer } from '../session-store/redis-server';

describe('redis cluster backend', () => {
  let redis: RedisServer;
  let one: ClusterBackend;
  let two: ClusterBackend;
  before(async () => {
    redis = await startRedisServer();
    one = await createRedisBackend({ url: redis.url });
    two = await createRedisBackend({ url: redis.url });
  });
  after(async () => {
    await one.close();
    await two.close();
    await redis.stop();
  });

  it('when two instances race for a lease, then exactly one gets it and only it may renew or free it', async () => {
    const wins = await Promise.all([one.acquire('l1', 'a', 5000), two.acquire('l1', 'b', 5000)]);
    assert.deepEqual(wins.sort(), [false, true]);
    const [holder] = await one.holders(['l1']);
    const other = holder === 'a' ? 'b' : 'a';
    assert.equal(await two.renew('l1', other, 5000), false);
    await two.release('l1', other);
    assert.deepEqual(await one.holders(['l1', 'nothing']), [holder, undefined]);
    assert.equal(await one.renew('l1', holder!, 5000), true);
    await one.release('l1', holder!);
    assert.deepEqual(await one.holders(['l1']), [undefined]);
  });

  it('when a value is written for a lease, then only its holder writes it, in one step', async () => {
    assert.equal(await one.acquire('l3', 'a', 5000), true);
    assert.equal(await one.setValueIfHolder('l3', 'a', 'v3', 'from a', 5000), true);
    assert.equal(await two.setValueIfHolder('l3', 'b', 'v3', 'from b', 5000), false);
    assert.equal(await two.getValue('v3'), 'from a', 'the late writer changed nothing');
    await one.release('l3', 'a');
    assert.equal(await one.setValueIfHolder('l3', 'a', 'v3', 'late a', 5000), false);
    assert.equal(await two.getValue('v3'), 'from a');
  });

  it('when a lease is not renewed, then it expires by itself', async () => {
    assert.equal(await one.acquire('l2', 'a', 50), true);
    // Redis's own clock expires the lease: poll until it is gone rather than sleep past it.
    const started = Date.now();
    let holder: string | undefined = 'a';
    while (holder !== undefined && Date.now() - started < 2000) {
      [holder] = await two.holders(['l2']);
      if (holder !== undefined) await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(await two.acquire('l2', 'b', 5000), true);
  });

  it('when a subscription has resolved, then a message published from another instance reaches it', async () => {
    const heard: string[] = [];
    const stop = await one.subscribe('ch', (m) => heard.push(m));
    await two.publish('ch', 'hello');
    await waitUntil(() => heard.length === 1);
    await stop();
    // A fence instead of a sleep: one publisher, one subscriber connection, so Redis delivers in
    // order; once the fence message is heard, 'after' would have been heard had it still listened.
    const fenced: string[] = [];
    const stopFence = await one.subscribe('fence', (m) => fenced.push(m));
    await two.publish('ch', 'after');
    await two.publish('fence', 'done');
    await waitUntil(() => fenced.length === 1);
    await stopFence();
    assert.deepEqual(heard, ['hello']);
  });

  it('when several fields are asked for at once, then each comes back in order, a missing one undefined', async () => {
    await one.setField('h1', 'a', '1');
    await one.setField('h1', 'c', '3');
    assert.deepEqual(await two.fieldsOf('h1', ['c', 'b', 'a']), ['3', undefined, '1']);
    assert.deepEqual(await two.fieldsOf('no-such-hash', ['a']), [undefined]);
    assert.deepEqual(await two.fieldsOf('h1', []), []);
  });

  it('when a capped set grows past its cap, then the oldest members come back to be closed', async () => {
    assert.deepEqual(await one.pushCapped('cap', 's1', 1, 2), []);
    assert.deepEqual(await two.pushCapped('cap', 's2', 2, 2), []);
    assert.deepEqual(await one.pushCapped('cap', 's3', 3, 2), ['s1']);
    await one.removeMember('cap', 's2');
    assert.deepEqual(await one.pushCapped('cap', 's4', 4, 2), []);
  });

  it('when tokens are stored in the Redis secure store, then they are encrypted at rest and readable by another instance', async () => {
    const key = randomBytes(32);
    const first = await createSecureStore({ kind: 'redis', url: redis.url, encryptionKey: key });
    const second = await createSecureStore({ kind: 'redis', url: redis.url, encryptionKey: key });
    try {
      const tokens = {
        accessToken: 'secret-access-token',
        accessTokenExpiresAt: Date.now() + 3600_000,
        refreshToken: 'secret-refresh-token',
        refreshTokenExpiresAt: Date.now() + 86_400_000,
      };
      await secureStoreTokens(first).put('agent-9', tokens);
      assert.deepEqual(await secureStoreTokens(second).get('agent-9'), tokens);
      const raw = await one.getValue('wxcc-desktop:kv:tokens:agent-9');
      assert.ok(raw?.startsWith('v1.'), 'sealed by the shared cipher');
      assert.equal(await one.getValue('wxcc-desktop:sess:tokens:agent-9'), undefined, 'no session');
      assert.doesNotMatch(raw ?? '', /secret-/);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check());
}
