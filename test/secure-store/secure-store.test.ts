// The encrypted key-value store on each backend: values come back, expire, stay sealed at rest,
// and a record moved to another key, altered, or sealed under another key reads as absent.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  createSecureStore,
  sealRecords,
  type SecureRecords,
  type SecureStore,
} from '../../src/secure-store';
import { redisRecords } from '../../src/secure-store/redis-records';
import { sqliteRecords } from '../../src/secure-store/sqlite-records';
import { createSessionStore } from '../../src/session-store';
import { storeOps, makeSession } from '../session-store/store-helpers';
import { startRedisServer, type RedisServer } from '../session-store/redis-server';

const SECRET = 'PLANTED-refresh-token-1a2b3c4d';

/** A store of one backend, and a second handle on the very records it keeps, to meddle with. */
interface Backend {
  open(encryptionKey: Buffer): Promise<SecureStore>;
  raw(): Promise<SecureRecords>;
}

function contract(name: string, backend: () => Backend) {
  describe(`secure store on ${name}`, () => {
    const key = randomBytes(32);
    let store: SecureStore;
    let raw: SecureRecords;
    before(async () => {
      store = await backend().open(key);
      raw = await backend().raw();
    });
    after(async () => {
      await store.close();
      await raw.close();
    });

    it('when a value is set, then it reads back, sealed at rest, until it is deleted', async () => {
      await store.set('tokens:agent-1', { refreshToken: SECRET, n: 1 }, 60_000);

      assert.deepEqual(await store.get('tokens:agent-1'), { refreshToken: SECRET, n: 1 });
      const sealed = await raw.get('tokens:agent-1');
      assert.ok(sealed?.startsWith('v1.'), 'sealed by the shared cipher');
      assert.doesNotMatch(sealed ?? '', /PLANTED/);
      await store.delete('tokens:agent-1');
      assert.equal(await store.get('tokens:agent-1'), undefined);
      assert.equal(await raw.get('tokens:agent-1'), undefined);
    });

    it('when a value is set again, then the new one replaces it with its own lifetime', async () => {
      await store.set('replaced', 'first', 60);
      await store.set('replaced', 'second', 60_000);
      await sleep(120);
      assert.equal(await store.get('replaced'), 'second');
    });

    it('when its lifetime has passed, then the value reads as absent', async () => {
      await store.set('short', 'soon gone', 50);
      assert.equal(await store.get('short'), 'soon gone');
      await sleep(150);
      assert.equal(await store.get('short'), undefined);
    });

    it('when the lifetime is zero or less, then nothing is kept', async () => {
      await store.set('none', 'kept?', 60_000);
      await store.set('none', 'not kept', 0);
      assert.equal(await store.get('none'), undefined);
    });

    it('when a sealed value is moved to another key, then it does not open there', async () => {
      await store.set('tokens:agent-a', { refreshToken: 'of-a' }, 60_000);
      await raw.set('tokens:agent-b', (await raw.get('tokens:agent-a'))!, 60_000);

      assert.equal(await store.get('tokens:agent-b'), undefined);
      assert.deepEqual(await store.get('tokens:agent-a'), { refreshToken: 'of-a' });
    });

    it('when a stored value is tampered with or garbage, then it reads as absent, without a throw', async () => {
      await store.set('tampered', { refreshToken: SECRET }, 60_000);
      // Read once first: what was opened before is never served for a record altered since.
      assert.deepEqual(await store.get('tampered'), { refreshToken: SECRET });
      const sealed = (await raw.get('tampered'))!;
      const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
      await raw.set('tampered', flipped, 60_000);
      assert.equal(await store.get('tampered'), undefined);

      for (const garbage of ['', 'v1', 'not a record', '{"refreshToken":"plain"}', 'v1.a.b.c']) {
        await raw.set('garbage', garbage, 60_000);
        assert.equal(await store.get('garbage'), undefined, garbage);
      }
    });

    it('when the encryption key changed, then old values read as absent', async () => {
      await store.set('rekeyed', 'under the old key', 60_000);
      const other = await backend().open(randomBytes(32));
      try {
        assert.equal(await other.get('rekeyed'), undefined);
      } finally {
        await other.close();
      }
    });
  });
}

// Memory: one database that only its own connection sees, so the meddling handle is the store's.
{
  let records: SecureRecords | undefined;
  const shared = () => (records ??= sqliteRecords(':memory:'));
  contract('memory', () => ({
    // Stores opened on it leave it open: the meddling handle closes it, last.
    open: async (key) => sealRecords({ ...shared(), close: async () => undefined }, key),
    raw: async () => shared(),
  }));
}

describe('secure store on SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wxcc-secure-'));
  const file = path.join(dir, 'data', 'sessions.db');
  after(() => rmSync(dir, { recursive: true, force: true }));

  contract('a SQLite file', () => ({
    open: (key) => createSecureStore({ kind: 'sqlite', file, encryptionKey: key }),
    raw: async () => sqliteRecords(file),
  }));

  it('when the store is reopened on the same file, then its values are still there (a restart)', async () => {
    const key = randomBytes(32);
    const first = await createSecureStore({ kind: 'sqlite', file, encryptionKey: key });
    await first.set('station-memory:agent-1', { teamId: 't1' }, 60_000);
    await first.close();
    const second = await createSecureStore({ kind: 'sqlite', file, encryptionKey: key });
    try {
      assert.deepEqual(await second.get('station-memory:agent-1'), { teamId: 't1' });
    } finally {
      await second.close();
    }
  });

  it('when it shares the sessions file, then it keeps its own table, readable by the owner only', async () => {
    const key = randomBytes(32);
    const shared = path.join(dir, 'shared.db');
    const sessions = await createSessionStore({ kind: 'sqlite', file: shared, encryptionKey: key });
    const secure = await createSecureStore({ kind: 'sqlite', file: shared, encryptionKey: key });
    try {
      await storeOps(sessions.store).set('sid-1', makeSession(60_000));
      await secure.set('tokens:agent-1', { refreshToken: SECRET }, 60_000);

      assert.equal(await storeOps(sessions.store).length(), 1, 'no token record among sessions');
      assert.equal(statSync(shared).mode & 0o777, 0o600);
      const db = new Database(shared, { readonly: true });
      try {
        const rows = db.prepare('SELECT key FROM secure_store').all();
        assert.deepEqual(rows, [{ key: 'tokens:agent-1' }]);
      } finally {
        db.close();
      }
    } finally {
      await sessions.close();
      await secure.close();
    }
  });
});

describe('secure store on Redis', () => {
  let redis: RedisServer;
  before(async () => {
    redis = await startRedisServer();
  });
  after(() => redis.stop());

  contract('Redis', () => ({
    open: (key) => createSecureStore({ kind: 'redis', url: redis.url, encryptionKey: key }),
    raw: () => redisRecords(redis.url),
  }));

  it('when a value is set, then Redis keeps it under its own prefix and expires it itself', async () => {
    const store = await createSecureStore({
      kind: 'redis',
      url: redis.url,
      encryptionKey: randomBytes(32),
      prefix: 'test:kv:',
    });
    const raw = await redisRecords(redis.url, { prefix: 'test:kv:' });
    try {
      await store.set('tokens:agent-7', { refreshToken: SECRET }, 60);
      assert.ok((await raw.get('tokens:agent-7'))?.startsWith('v1.'));
      await sleep(150);
      assert.equal(await raw.get('tokens:agent-7'), undefined, 'gone from Redis, not just unread');
    } finally {
      await store.close();
      await raw.close();
    }
  });
});
