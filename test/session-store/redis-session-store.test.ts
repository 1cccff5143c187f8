// The Redis session store against a real redis-server: round trips, expiry, encryption, outages.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, test } from 'node:test';
import { createClient } from 'redis';
import { createSessionStore } from '../../src/session-store';
import { createSessionCipher } from '../../src/session-store/session-cipher';
import type { SessionStoreHandle } from '../../src/session-store';
import { startRedisServer } from './redis-server';
import type { RedisServer } from './redis-server';
import { makeSession, PLANTED_TOKEN, storeOps } from './store-helpers';

const PREFIX = 'test:sess:';
const key = randomBytes(32);

describe('Redis session store', () => {
  let server: RedisServer;
  let raw: ReturnType<typeof createClient>;
  const open: SessionStoreHandle[] = [];

  async function openStore(encryptionKey = key) {
    const handle = await createSessionStore({
      kind: 'redis',
      url: server.url,
      encryptionKey,
      prefix: PREFIX,
    });
    open.push(handle);
    return { handle, ops: storeOps(handle.store) };
  }

  before(async () => {
    server = await startRedisServer();
    raw = createClient({ url: server.url });
    await raw.connect();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
    await raw.flushAll();
  });
  after(async () => {
    await raw.close();
    await server.stop();
  });

  test('when a session is set, then get returns it until it is destroyed', async () => {
    const { ops } = await openStore();
    await ops.set('sid-1', makeSession(60_000, { n: 1 }));

    const loaded = await ops.get('sid-1');
    assert.equal((loaded as unknown as { n: number }).n, 1);
    assert.equal(await ops.length(), 1);

    await ops.destroy('sid-1');
    assert.equal(await ops.get('sid-1'), null);
  });

  test('when a session is touched, then its TTL in Redis is renewed', async () => {
    const { ops } = await openStore();
    await ops.set('sid-t', makeSession(5_000));
    assert.ok((await raw.ttl(`${PREFIX}sid-t`)) <= 5);

    await ops.touch('sid-t', makeSession(600_000));
    assert.ok((await raw.ttl(`${PREFIX}sid-t`)) > 500);
  });

  test('when a session expires, then get returns null and Redis has dropped the key', async () => {
    const { ops } = await openStore();
    await ops.set('short', makeSession(1_000));
    // Redis's own clock expires the key (a TTL in whole seconds): poll for it, up to 3 s, rather
    // than sleep a fixed time past it.
    const deadline = Date.now() + 3_000;
    while ((await ops.get('short')) !== null && Date.now() < deadline) await sleep(20);

    assert.equal(await ops.get('short'), null);
    assert.equal(await raw.exists(`${PREFIX}short`), 0);
  });

  test('when a session holds a token, then the raw Redis value does not contain it', async () => {
    const { ops } = await openStore();
    await ops.set('secret', makeSession(60_000));

    const stored = await raw.get(`${PREFIX}secret`);
    assert.ok(stored !== null);
    assert.equal(stored.includes(PLANTED_TOKEN), false);
    assert.match(stored, /^v1\./);
  });

  test('when the key changes, then the old sessions read as none', async () => {
    const first = await openStore();
    await first.ops.set('sid-k', makeSession(60_000));

    const second = await openStore(randomBytes(32));
    assert.equal(await second.ops.get('sid-k'), null);
    assert.deepEqual(await second.ops.all(), []);
  });

  test('when a record is tampered with, then it reads as none and all() skips it', async () => {
    const { ops } = await openStore();
    await ops.set('victim', makeSession(60_000));
    await ops.set('intact', makeSession(60_000));
    const stored = (await raw.get(`${PREFIX}victim`)) ?? '';
    const flipped = stored.slice(0, -2) + (stored.at(-2) === 'A' ? 'B' : 'A') + stored.slice(-1);
    await raw.set(`${PREFIX}victim`, flipped);

    assert.equal(await ops.get('victim'), null);
    const all = (await ops.all()) as { id?: string }[];
    assert.deepEqual(
      all.map((s) => s.id),
      ['intact'],
    );
  });

  test("when a victim's record is copied under the attacker's session id, then it opens as no session there", async () => {
    const { ops } = await openStore();
    await ops.set('victim', makeSession(60_000, { agent: 'victim' }));
    await ops.set('attacker', makeSession(60_000, { agent: 'attacker' }));
    // Someone who can write to Redis but has no key swaps the victim's sealed record in.
    await raw.set(`${PREFIX}attacker`, (await raw.get(`${PREFIX}victim`)) ?? '');

    assert.equal(await ops.get('attacker'), null);
    assert.equal(((await ops.get('victim')) as unknown as { agent: string }).agent, 'victim');
  });

  test('when a record was sealed before records were bound to their key, then it still opens and is bound on its next write', async () => {
    const { ops } = await openStore();
    const legacy = createSessionCipher(key).seal(makeSession(60_000, { agent: 'early' }));
    await raw.set(`${PREFIX}early`, legacy);

    const loaded = await ops.get('early');
    assert.equal((loaded as unknown as { agent: string }).agent, 'early');
    await ops.set('early', loaded as NonNullable<typeof loaded>);
    const rewritten = (await raw.get(`${PREFIX}early`)) ?? '';
    assert.equal(createSessionCipher(key).open(rewritten), null, 'no longer opens unbound');
    assert.notEqual(createSessionCipher(key).open(rewritten, `${PREFIX}early`), null);
  });

  test('when the app reconnects with a new client, then the session is still there', async () => {
    const first = await openStore();
    await first.ops.set('survivor', makeSession(60_000, { n: 7 }));
    await first.handle.close();

    const second = await openStore();
    const loaded = await second.ops.get('survivor');
    assert.equal((loaded as unknown as { n: number }).n, 7);
    await second.handle.ping();
  });
});

describe('Redis session store when Redis goes away', () => {
  test('when redis-server is killed, then ping and get reject without crashing', async () => {
    const server = await startRedisServer();
    const errors: Error[] = [];
    const unexpected: unknown[] = [];
    const onUnexpected = (err: unknown): void => void unexpected.push(err);
    process.on('unhandledRejection', onUnexpected);
    process.on('uncaughtException', onUnexpected);
    const handle = await createSessionStore({
      kind: 'redis',
      url: server.url,
      encryptionKey: key,
      onError: (err) => errors.push(err),
    });
    try {
      await handle.ping();
      await server.stop();
      // Until the client has noticed the closed connection (it reports it to onError).
      const deadline = Date.now() + 3_000;
      while (errors.length === 0 && Date.now() < deadline) await sleep(10);

      await assert.rejects(handle.ping());
      await assert.rejects(storeOps(handle.store).get('any'));
      assert.ok(errors.length > 0, 'connection errors reach onError');
    } finally {
      await handle.close();
      await server.stop();
      process.off('unhandledRejection', onUnexpected);
      process.off('uncaughtException', onUnexpected);
    }
    assert.deepEqual(unexpected, []);
  });

  test('when nothing listens at REDIS_URL at start, then creating the store fails clearly', async () => {
    const server = await startRedisServer();
    const url = server.url;
    await server.stop();

    await assert.rejects(
      createSessionStore({ kind: 'redis', url, encryptionKey: key }),
      /Could not connect to Redis \(REDIS_URL\)/,
    );
  });

  test('when REDIS_URL is not a redis URL, then the error says so without echoing it', async () => {
    await assert.rejects(
      createSessionStore({
        kind: 'redis',
        url: 'http://user:hunter2@127.0.0.1:1',
        encryptionKey: key,
      }),
      (err: Error) =>
        /REDIS_URL must be a redis:\/\//.test(err.message) && !err.message.includes('hunter2'),
    );
  });
});
