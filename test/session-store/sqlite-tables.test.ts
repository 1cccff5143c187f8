// The sealed records' tables are ordinary (rowid) tables; a file written by an earlier version,
// whose tables were WITHOUT ROWID, is moved into that shape when opened, every row kept.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createSecureStore } from '../../src/secure-store';
import { createSessionStore } from '../../src/session-store';
import { ensureKeyedTable } from '../../src/session-store/sqlite-tables';
import { makeSession, storeOps } from './store-helpers';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-tables-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const TABLES = [
  { table: 'sessions', key: 'sid', value: 'data' },
  { table: 'secure_store', key: 'key', value: 'value' },
] as const;

/** The table's definition and its indexes, as SQLite keeps them. */
function schemaOf(file: string, table: string) {
  const db = new Database(file, { readonly: true });
  try {
    const sql = db
      .prepare<[string], { sql: string }>(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
      )
      .get(table)?.sql;
    const indexes = db
      .prepare<[string], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
      )
      .all(table)
      .map((r) => r.name);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => r.name);
    return { sql: sql ?? '', indexes, tables };
  } finally {
    db.close();
  }
}

/** Rewrites the file's tables as the earlier version made them: WITHOUT ROWID, same rows. */
function asEarlierVersion(file: string): void {
  const db = new Database(file);
  try {
    for (const { table, key, value } of TABLES) {
      db.exec(`ALTER TABLE ${table} RENAME TO ${table}_now;
        DROP INDEX IF EXISTS ${table}_expires;
        CREATE TABLE ${table} (${key} TEXT PRIMARY KEY NOT NULL, expires INTEGER NOT NULL, ${value} TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX ${table}_expires ON ${table} (expires);
        INSERT INTO ${table} SELECT ${key}, expires, ${value} FROM ${table}_now;
        DROP TABLE ${table}_now;`);
    }
  } finally {
    db.close();
  }
}

async function openBoth(file: string, encryptionKey: Buffer) {
  const sessions = await createSessionStore({ kind: 'sqlite', file, encryptionKey });
  const secure = await createSecureStore({ kind: 'sqlite', file, encryptionKey });
  return {
    sessions: storeOps(sessions.store),
    secure,
    close: async () => {
      await sessions.close();
      await secure.close();
    },
  };
}

describe('the sealed records tables', () => {
  it('when a store makes its table, then it is a rowid table with its expiry index', async () => {
    const file = join(dir, 'fresh.db');
    const stores = await openBoth(file, randomBytes(32));
    await stores.close();
    for (const { table } of TABLES) {
      const { sql, indexes } = schemaOf(file, table);
      assert.ok(sql.startsWith(`CREATE TABLE ${table}`), sql);
      assert.doesNotMatch(sql, /WITHOUT\s+ROWID/i);
      assert.deepEqual(indexes, [`${table}_expires`]);
    }
  });

  it('when the file was written WITHOUT ROWID by an earlier version, then every session and record is still read after the move', async () => {
    const file = join(dir, 'earlier.db');
    const key = randomBytes(32);
    // A record of the size an agent's day reaches late in a shift, and a small one.
    const day = {
      periods: Array.from({ length: 300 }, (_, i) => ({ id: `p${i}`, from: i, to: i + 1 })),
    };
    const before = await openBoth(file, key);
    await before.sessions.set('sid-1', makeSession(60_000, { locale: 'de' }));
    await before.secure.set('agent-stats:a1:2026-12-03', day, 60_000);
    await before.secure.set('tokens:a1', { refreshToken: 'r1' }, 60_000);
    await before.close();
    asEarlierVersion(file);
    assert.match(
      schemaOf(file, 'secure_store').sql,
      /WITHOUT ROWID/,
      'the earlier shape, to begin with',
    );

    const after = await openBoth(file, key);
    try {
      assert.equal(
        ((await after.sessions.get('sid-1')) as { locale?: string } | null)?.locale,
        'de',
      );
      assert.deepEqual(await after.secure.get('agent-stats:a1:2026-12-03'), day);
      assert.deepEqual(await after.secure.get('tokens:a1'), { refreshToken: 'r1' });
      // Written and read again in the new shape.
      await after.secure.set('tokens:a2', { refreshToken: 'r2' }, 60_000);
      assert.deepEqual(await after.secure.get('tokens:a2'), { refreshToken: 'r2' });
    } finally {
      await after.close();
    }
    for (const { table } of TABLES) {
      const { sql, indexes, tables } = schemaOf(file, table);
      assert.doesNotMatch(sql, /WITHOUT\s+ROWID/i, `${table} moved`);
      assert.deepEqual(indexes, [`${table}_expires`], `${table} keeps its expiry index`);
      assert.ok(!tables.includes(`${table}_without_rowid`), 'no table left behind');
    }
  });

  it('when the table is already in its shape, then opening it again changes nothing', () => {
    const file = join(dir, 'again.db');
    const db = new Database(file);
    try {
      const spec = TABLES[1];
      ensureKeyedTable(db, spec);
      db.prepare('INSERT INTO secure_store (key, expires, value) VALUES (?, ?, ?)').run(
        'k',
        1,
        'v',
      );
      const sql = schemaOf(file, 'secure_store').sql;
      ensureKeyedTable(db, spec);
      assert.equal(schemaOf(file, 'secure_store').sql, sql);
      assert.deepEqual(db.prepare('SELECT key, expires, value FROM secure_store').all(), [
        { key: 'k', expires: 1, value: 'v' },
      ]);
    } finally {
      db.close();
    }
  });
});
