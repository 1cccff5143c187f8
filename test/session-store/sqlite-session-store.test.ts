// The SQLite session store: round trips, expiry and pruning, encryption at rest, restarts.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { createSessionStore } from '../../src/session-store';
import type { SessionStoreHandle } from '../../src/session-store';
import {
  SqliteSessionStore,
  TOUCH_RESOLUTION_MS,
} from '../../src/session-store/sqlite-session-store';
import { makeSession, PLANTED_TOKEN, storeOps } from './store-helpers';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
const key = randomBytes(32);
const open: SessionStoreHandle[] = [];
let fileCount = 0;

async function openStore(file: string, encryptionKey = key, pruneIntervalMs?: number) {
  const handle = await createSessionStore({ kind: 'sqlite', file, encryptionKey, pruneIntervalMs });
  open.push(handle);
  return { handle, ops: storeOps(handle.store) };
}
const newFile = (): string => join(dir, `s${++fileCount}`, 'sessions.db');

/** Expiry and pruning are timers under test: the store's clock and interval move only on tick. */
function mockClock(t: TestContext): void {
  t.mock.timers.enable({ apis: ['setInterval', 'Date'], now: Date.now() });
}

function rawRows(file: string): { sid: string; expires: number; data: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT sid, expires, data FROM sessions').all() as {
      sid: string;
      expires: number;
      data: string;
    }[];
  } finally {
    db.close();
  }
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite session store', () => {
  test('when a session is set, then get returns it until it is destroyed', async () => {
    const { ops } = await openStore(newFile());
    await ops.set('sid-1', makeSession(60_000, { n: 1 }));

    const loaded = await ops.get('sid-1');
    assert.equal((loaded as unknown as { n: number }).n, 1);
    assert.equal(await ops.length(), 1);

    await ops.destroy('sid-1');
    assert.equal(await ops.get('sid-1'), null);
    assert.equal(await ops.get('never-set'), null);
  });

  test('when a session is touched, then its expiry moves later', async () => {
    const file = newFile();
    const { ops } = await openStore(file);
    await ops.set('sid-t', makeSession(400));

    await ops.touch('sid-t', makeSession(TOUCH_RESOLUTION_MS * 2));

    assert.notEqual(await ops.get('sid-t'), null);
    assert.ok(rawRows(file)[0]!.expires > Date.now() + TOUCH_RESOLUTION_MS);
  });

  test('when a touch would move the expiry by less than a minute, then the row is not rewritten', async () => {
    const file = newFile();
    const { ops } = await openStore(file);
    await ops.set('sid-t', makeSession(600_000));
    const stored = rawRows(file)[0]!.expires;

    await ops.touch('sid-t', makeSession(600_000 + TOUCH_RESOLUTION_MS / 2));

    assert.equal(rawRows(file)[0]!.expires, stored);
  });

  test('when a session has expired, then get returns null and prune deletes the row', async (t) => {
    const file = newFile();
    const { handle, ops } = await openStore(file);
    mockClock(t);
    await ops.set('old', makeSession(50));
    await ops.set('fresh', makeSession(60_000));
    t.mock.timers.tick(100);

    assert.equal(await ops.get('old'), null);
    assert.equal(await ops.length(), 1);
    assert.ok(handle.store instanceof SqliteSessionStore);
    assert.equal(handle.store.prune(), 1);
    assert.deepEqual(
      rawRows(file).map((r) => r.sid),
      ['fresh'],
    );
  });

  test('when the prune interval passes, then expired rows are removed without a read', async (t) => {
    const file = newFile();
    // The clock is mocked before the store opens, so its prune interval is a mocked timer too.
    mockClock(t);
    const { ops } = await openStore(file, key, 50);
    await ops.set('short', makeSession(20));
    t.mock.timers.tick(60);

    assert.equal(rawRows(file).length, 0);
  });

  test('when the cookie has no expiry, then the row gets the default lifetime', async () => {
    const file = newFile();
    const { ops } = await openStore(file);
    await ops.set('browser-session', makeSession(null));

    const [row] = rawRows(file);
    const dayMs = 24 * 60 * 60 * 1000;
    assert.ok(row && Math.abs(row.expires - (Date.now() + dayMs)) < 10_000);
  });

  test('when a session holds a token, then no file on disk holds it in plaintext', async () => {
    const file = newFile();
    const { handle, ops } = await openStore(file);
    await ops.set('secret', makeSession(60_000));
    assert.ok((await ops.get('secret')) !== null);

    const folder = join(file, '..');
    const bytesBeforeClose = readdirSync(folder).map((f) => readFileSync(join(folder, f)));
    await handle.close();
    const bytesAfterClose = readdirSync(folder).map((f) => readFileSync(join(folder, f)));

    for (const bytes of [...bytesBeforeClose, ...bytesAfterClose]) {
      assert.equal(bytes.includes(PLANTED_TOKEN), false);
    }
    assert.match(rawRows(file)[0]!.data, /^v1\./);
  });

  test('when the key changes, then the old sessions read as none', async () => {
    const file = newFile();
    const first = await openStore(file);
    await first.ops.set('sid-k', makeSession(60_000));
    await first.handle.close();

    const second = await openStore(file, randomBytes(32));
    assert.equal(await second.ops.get('sid-k'), null);
    assert.deepEqual(await second.ops.all(), {});
  });

  test('when a record is tampered with or moved to another id, then it reads as none', async () => {
    const file = newFile();
    const { ops } = await openStore(file);
    await ops.set('victim', makeSession(60_000));
    await ops.set('attacker', makeSession(60_000));
    const db = new Database(file);
    const data = (
      db.prepare('SELECT data FROM sessions WHERE sid = ?').get('victim') as {
        data: string;
      }
    ).data;
    const flipped = data.slice(0, -2) + (data.at(-2) === 'A' ? 'B' : 'A') + data.slice(-1);
    db.prepare('UPDATE sessions SET data = ? WHERE sid = ?').run(flipped, 'victim');
    db.prepare('UPDATE sessions SET data = ? WHERE sid = ?').run(data, 'attacker');
    db.close();

    assert.equal(await ops.get('victim'), null);
    assert.equal(await ops.get('attacker'), null);
  });

  test('when the server restarts on the same file, then the session is still there', async () => {
    const file = newFile();
    const first = await openStore(file);
    await first.ops.set('survivor', makeSession(60_000, { n: 7 }));
    await first.handle.close();

    const second = await openStore(file);
    const loaded = await second.ops.get('survivor');
    assert.equal((loaded as unknown as { n: number }).n, 7);
  });

  test('when sessions are listed and cleared, then all, length and clear agree', async () => {
    const { ops } = await openStore(newFile());
    await ops.set('a', makeSession(60_000));
    await ops.set('b', makeSession(60_000));

    assert.deepEqual(Object.keys(await ops.all()).sort(), ['a', 'b']);
    await ops.clear();
    assert.equal(await ops.length(), 0);
  });

  test('when the store is closed, then ping rejects and a second close is harmless', async () => {
    const { handle } = await openStore(newFile());
    await handle.ping();

    await handle.close();
    await handle.close();
    await assert.rejects(handle.ping());
  });

  test('when the memory kind is used without a key, then sessions still round trip', async () => {
    const handle = await createSessionStore({ kind: 'memory' });
    open.push(handle);
    const ops = storeOps(handle.store);
    await ops.set('m', makeSession(60_000));

    assert.notEqual(await ops.get('m'), null);
    await handle.ping();
  });
});
