// Sealed records in their own table of the sessions' SQLite file (or of a database in memory).
import { openSqliteFile } from '../session-store/sqlite-file';
import { ensureKeyedTable } from '../session-store/sqlite-tables';
import type { SecureRecords } from './records';

const DEFAULT_PRUNE_INTERVAL_MS = 15 * 60 * 1000;

interface Row {
  value: string;
}

export function sqliteRecords(
  file: string,
  options: { pruneIntervalMs?: number } = {},
): SecureRecords {
  // The file's one connection, shared with the session store (sqlite-file.ts says why).
  const handle = openSqliteFile(file);
  const { db } = handle;
  ensureKeyedTable(db, { table: 'secure_store', key: 'key', value: 'value' });
  const sql = {
    get: db.prepare<[string, number], Row>(
      'SELECT value FROM secure_store WHERE key = ? AND expires > ?',
    ),
    upsert: db.prepare<[string, number, string]>(
      `INSERT INTO secure_store (key, expires, value) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET expires = excluded.expires, value = excluded.value`,
    ),
    delete: db.prepare<[string]>('DELETE FROM secure_store WHERE key = ?'),
    prune: db.prepare<[number]>('DELETE FROM secure_store WHERE expires <= ?'),
    ping: db.prepare<[], { ok: number }>('SELECT 1 AS ok'),
  };
  const prune = () => sql.prune.run(Date.now());
  prune();
  const pruneTimer = setInterval(() => {
    try {
      prune();
    } catch {
      // Reads already ignore expired rows, so a missed prune only costs disk; the next one retries.
    }
  }, options.pruneIntervalMs ?? DEFAULT_PRUNE_INTERVAL_MS);
  // Pruning must never be what keeps the process alive at shutdown.
  pruneTimer.unref();

  return {
    get: async (key) => sql.get.get(key, Date.now())?.value,
    set: async (key, sealed, ttlMs) => void sql.upsert.run(key, Date.now() + ttlMs, sealed),
    delete: async (key) => void sql.delete.run(key),
    ping: async () => void sql.ping.get(),
    close: async () => {
      clearInterval(pruneTimer);
      handle.close();
    },
  };
}
