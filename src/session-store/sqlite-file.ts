// Opens the SQLite file the session store and the secure store share, each with its own table.
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** A database that lives as long as its connection: tests, and the memory store kinds. */
export const IN_MEMORY = ':memory:';

export function openSqliteFile(file: string): Database.Database {
  if (file !== IN_MEMORY) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  // The file holds ciphertext only, but there is no reason for other users to read it.
  if (file !== IN_MEMORY) chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  // Two connections (sessions, secure store) write the same file: wait for the other's lock.
  db.pragma('busy_timeout = 5000');
  // With WAL, NORMAL syncs at checkpoints rather than on every commit: a crash of the process
  // loses nothing, a power cut at worst the last writes, and each write is no longer an fsync.
  db.pragma('synchronous = NORMAL');
  return db;
}
