// The sessions' SQLite file has one connection per process, shared by the session store and the
// secure store: a write by one no longer clears the other's page cache.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { IN_MEMORY, openSqliteFile } from '../../src/session-store/sqlite-file';
import { sqliteRecords } from '../../src/secure-store/sqlite-records';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the sessions SQLite file', () => {
  it('when two stores open one file, then they share one connection, closed only when both are', () => {
    const file = join(dir, 'a', 'sessions.db');
    const first = openSqliteFile(file);
    const second = openSqliteFile(join(dir, 'a', '.', 'sessions.db'));
    assert.equal(first.db, second.db, 'one connection for the file');
    first.close();
    first.close();
    assert.equal(
      second.db.open,
      true,
      'still open for the other store (a double close counts once)',
    );
    assert.deepEqual(second.db.prepare('SELECT 1 AS ok').get(), { ok: 1 });
    second.close();
    assert.equal(second.db.open, false, 'closed with its last user');
    const again = openSqliteFile(file);
    assert.notEqual(again.db, first.db, 'a new connection after the last close');
    assert.equal(again.db.open, true);
    again.close();
  });

  it('when the secure store writes while the session table is read, then both see every row', async () => {
    const file = join(dir, 'b', 'sessions.db');
    const sessions = openSqliteFile(file);
    sessions.db.exec('CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v TEXT)');
    const records = sqliteRecords(file);
    await records.set('key-1', 'sealed-1', 60_000);
    sessions.db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('s', 'x');
    assert.equal(await records.get('key-1'), 'sealed-1');
    assert.deepEqual(sessions.db.prepare('SELECT v FROM t').get(), { v: 'x' });
    await records.close();
    assert.equal(sessions.db.open, true, 'the secure store closing leaves the sessions open');
    sessions.close();
  });

  it('when each store asks for a database in memory, then each has its own', () => {
    const a = openSqliteFile(IN_MEMORY);
    const b = openSqliteFile(IN_MEMORY);
    assert.notEqual(a.db, b.db);
    a.close();
    assert.equal(b.db.open, true);
    b.close();
  });
});
