// Opens the SQLite file the session store and the secure store share, each with its own table.
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** A database that lives as long as its connection: tests, and the memory store kinds. */
export const IN_MEMORY = ':memory:';

/** A user's hold on the file's connection: closing it closes the connection once none is left. */
export interface SqliteHandle {
  readonly db: Database.Database;
  close(): void;
}

/**
 * One connection per file in a process, shared by its stores: with a connection each, every write
 * by one cleared the other's page cache (SQLite resets a connection's cache when another changed
 * the file), so a page read after a session touch went back to the file (strace, soak of
 * 2026-12-02). Statements run one at a time in this thread, so sharing loses nothing.
 */
const connections = new Map<string, { db: Database.Database; users: number }>();

export function openSqliteFile(file: string): SqliteHandle {
  if (file === IN_MEMORY) {
    const db = configure(new Database(file));
    return { db, close: () => db.open && db.close() };
  }
  const path = resolve(file);
  let entry = connections.get(path);
  if (entry === undefined || !entry.db.open) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const db = new Database(path);
    // The file holds ciphertext only, but there is no reason for other users to read it.
    chmodSync(path, 0o600);
    entry = { db: configure(db), users: 0 };
    connections.set(path, entry);
  }
  entry.users += 1;
  const held = entry;
  let closed = false;
  return {
    db: held.db,
    close: () => {
      if (closed) return;
      closed = true;
      held.users -= 1;
      if (held.users > 0) return;
      if (connections.get(path) === held) connections.delete(path);
      if (held.db.open) held.db.close();
    },
  };
}

function configure(db: Database.Database): Database.Database {
  db.pragma('journal_mode = WAL');
  // Another process (a second instance in development, a restart overlapping the old one) may
  // write the same file: wait for its lock.
  db.pragma('busy_timeout = 5000');
  // With WAL, NORMAL syncs at checkpoints rather than on every commit: a crash of the process
  // loses nothing, a power cut at worst the last writes, and each write is no longer an fsync.
  db.pragma('synchronous = NORMAL');
  return db;
}
