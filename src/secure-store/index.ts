// The desktop's encrypted key-value store, for what is not a browser session: the agents' tokens
// and their last station. It has the session store's three kinds (SQLite, Redis, memory) and key,
// but its own table or key prefix, so nothing in it pretends to be a session.
import type { SecureRecords } from './records';
import { randomBytes } from 'node:crypto';
import { createJsonCipher } from '../session-store/session-cipher';
import { openedRecords } from './opened-records';
import { addressOf, type RedisAddress } from '../session-store/redis-connection';
import { redisRecords } from './redis-records';
import { sqliteRecords } from './sqlite-records';

/** Anything JSON can carry back, except null: a value that cannot be opened reads as absent. */
export type Storable = object | string | number | boolean;

/**
 * `remember: false` for records that grow and are read seldom (an agent's statistics): opened on
 * every read rather than kept in memory (opened-records.ts says why). Default: kept.
 */
export interface MemoOptions {
  remember?: boolean;
}

export interface SecureStore {
  /** Undefined when absent, expired, or the record cannot be opened (tampered, moved, old key). */
  get(key: string, options?: MemoOptions): Promise<unknown>;
  /** Replaces the value under `key`; it reads as absent after `ttlMs`. */
  set(key: string, value: Storable, ttlMs: number, options?: MemoOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Resolves when the backend answers a query; for /readyz. */
  ping(): Promise<void>;
  /** Stops timers and connections; safe to call twice. */
  close(): Promise<void>;
}

export type { SecureRecords };

export type SecureStoreOptions =
  | { kind: 'sqlite'; file: string; encryptionKey: Buffer; pruneIntervalMs?: number }
  | ({
      kind: 'redis';
      encryptionKey: Buffer;
      prefix?: string;
      /** Connection errors while Redis is away; pass the logger's, or they are dropped. */
      onError?: (err: Error) => void;
    } & RedisAddress)
  // Tests and SESSION_STORE=memory: nothing survives the process.
  | { kind: 'memory'; encryptionKey?: Buffer };

export async function createSecureStore(options: SecureStoreOptions): Promise<SecureStore> {
  switch (options.kind) {
    case 'sqlite':
      return sealRecords(sqliteRecords(options.file, options), options.encryptionKey);
    case 'memory':
      // SQLite in memory rather than a Map: tests run the code production runs, expiry included.
      return sealRecords(sqliteRecords(':memory:'), options.encryptionKey ?? randomBytes(32));
    case 'redis':
      return sealRecords(await redisRecords(addressOf(options), options), options.encryptionKey);
  }
}

/**
 * Seals every value with AES-256-GCM under `encryptionKey`, bound to its key as associated data:
 * a record copied under another key, or one altered at rest, opens to nothing.
 */
export function sealRecords(
  records: SecureRecords,
  encryptionKey: Buffer,
): SecureStore & { rememberedChars(): number } {
  const cipher = createJsonCipher(encryptionKey);
  // Its own context, so neither a session record nor a bus message can be passed off as one.
  const context = (key: string) => `secure-store:${key}`;
  // The store stays the one truth (read on every get); only the decryption of a record already
  // opened here is spared.
  const memo = openedRecords();
  return {
    async get(key, options) {
      const sealed = await records.get(key);
      if (sealed === undefined) return undefined;
      const remember = options?.remember !== false;
      const known = remember ? memo.recall(key, sealed) : undefined;
      if (known !== undefined) return known;
      const value = cipher.open(sealed, context(key)) ?? undefined;
      if (value !== undefined && remember) memo.remember(key, sealed, value);
      return value;
    },
    async set(key, value, ttlMs, options) {
      memo.forget(key);
      // An expiry already past is a delete: no backend is asked to keep a record for 0 ms.
      if (!(ttlMs > 0)) return records.delete(key);
      const sealed = cipher.seal(value, context(key));
      await records.set(key, sealed, Math.ceil(ttlMs));
      if (options?.remember !== false) memo.remember(key, sealed, value);
    },
    delete: (key) => {
      memo.forget(key);
      return records.delete(key);
    },
    ping: () => records.ping(),
    close: () => records.close(),
    rememberedChars: () => memo.chars(),
  };
}
