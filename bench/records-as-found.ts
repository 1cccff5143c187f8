// The secure store's table of a SQLite file as it is found, whatever its shape: the benches read
// and write a running desktop's file (an older build's, for a baseline) and the earlier shape they
// compare with, and never create or move a table (src/session-store/sqlite-tables.ts does).
import Database from 'better-sqlite3';
import type { SecureRecords } from '../src/secure-store';

export function recordsAsFound(file: string): SecureRecords {
  const db = new Database(file);
  // As the desktop's own connection (src/session-store/sqlite-file.ts), so writes cost alike.
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  const get = db.prepare<[string, number], { value: string }>(
    'SELECT value FROM secure_store WHERE key = ? AND expires > ?',
  );
  const upsert = db.prepare<[string, number, string]>(
    `INSERT INTO secure_store (key, expires, value) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET expires = excluded.expires, value = excluded.value`,
  );
  return {
    get: async (key) => get.get(key, Date.now())?.value,
    set: async (key, sealed, ttlMs) => void upsert.run(key, Date.now() + ttlMs, sealed),
    delete: async () => undefined,
    ping: async () => undefined,
    close: async () => void db.close(),
  };
}
