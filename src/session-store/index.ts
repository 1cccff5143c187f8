// Builds the session store the config asks for: SQLite by default, Redis when shared, memory in tests.
import { randomBytes } from 'node:crypto';
import type session from 'express-session';
import { addressOf, type RedisAddress } from './redis-connection';
import { createRedisSessionStore } from './redis-session-store';
import { createSessionCipher } from './session-cipher';
import { SqliteSessionStore } from './sqlite-session-store';

export { deriveEncryptionKey } from './session-cipher';

export type SessionStoreOptions =
  | { kind: 'sqlite'; file: string; encryptionKey: Buffer; pruneIntervalMs?: number }
  | ({
      kind: 'redis';
      encryptionKey: Buffer;
      prefix?: string;
      /** Connection errors while Redis is away; pass the logger's, or they are dropped. */
      onError?: (err: Error) => void;
    } & RedisAddress)
  // Tests only: nothing survives the process.
  | { kind: 'memory'; encryptionKey?: Buffer };

export interface SessionStoreHandle {
  store: session.Store;
  /** Resolves when the store answers a query; for /readyz. */
  ping(): Promise<void>;
  /** Stops timers and connections; safe to call twice. */
  close(): Promise<void>;
}

export async function createSessionStore(opts: SessionStoreOptions): Promise<SessionStoreHandle> {
  switch (opts.kind) {
    case 'sqlite':
      return wrapSqlite(
        new SqliteSessionStore({
          file: opts.file,
          cipher: createSessionCipher(opts.encryptionKey),
          pruneIntervalMs: opts.pruneIntervalMs,
        }),
      );
    case 'memory':
      // The same code path as SQLite, so tests exercise what production runs, encryption included.
      return wrapSqlite(
        new SqliteSessionStore({
          file: ':memory:',
          cipher: createSessionCipher(opts.encryptionKey ?? randomBytes(32)),
        }),
      );
    case 'redis':
      return createRedisSessionStore({
        ...addressOf(opts),
        cipher: createSessionCipher(opts.encryptionKey),
        prefix: opts.prefix,
        onError: opts.onError,
      });
  }
}

function wrapSqlite(store: SqliteSessionStore): SessionStoreHandle {
  return {
    store,
    ping: async () => store.ping(),
    close: async () => store.close(),
  };
}
