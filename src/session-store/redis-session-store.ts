// Sessions in Redis (connect-redis over node-redis), so several instances can share them.
// connect-redis is loaded when such a store is made (import() below), never on SQLite.
import type { RedisStore } from 'connect-redis';
import type { SessionData } from 'express-session';
import { connectRedis, type RedisAddress, type RedisConnection } from './redis-connection';
import type { SessionCipher } from './session-cipher';
import { DEFAULT_SESSION_TTL_MS } from './sqlite-session-store';

export type RedisSessionStoreOptions = RedisAddress & {
  cipher: SessionCipher;
  prefix?: string;
  /** Connection errors (Redis down, reconnecting). Without it they are dropped. */
  onError?: (err: Error) => void;
};

export interface RedisSessionStore {
  store: RedisStore;
  ping(): Promise<void>;
  close(): Promise<void>;
}

type Callback = (err: unknown, value?: SessionData[] | null) => void;

// connect-redis's all() assumes every record parses; ours skips those that fail to decrypt.
const encryptedRedisStore = (Base: typeof RedisStore) =>
  class EncryptedRedisStore extends Base {
    override async all(callback?: Callback): Promise<SessionData[] | null> {
      try {
        const ids: string[] = await this.ids();
        const sessions: SessionData[] = [];
        for (const id of ids) {
          const sess: SessionData | null = await this.get(id);
          if (sess !== null) sessions.push({ ...sess, id } as SessionData);
        }
        callback?.(null, sessions);
        return sessions;
      } catch (err) {
        if (callback === undefined) throw err;
        callback(err, null);
        return null;
      }
    }
  };

export async function createRedisSessionStore(
  options: RedisSessionStoreOptions,
): Promise<RedisSessionStore> {
  const connection = await connectRedis(options, options.onError);
  const { RedisStore } = await import('connect-redis');
  const EncryptedRedisStore = encryptedRedisStore(RedisStore);

  const store = new EncryptedRedisStore({
    // connect-redis's calls over the one connection interface, so it runs on Sentinel too; its
    // types name node-redis's client, which this stands in for. The client seals each record
    // with its Redis key as associated data: connect-redis's serializer never sees the key, and a
    // record copied under another session id must not open there.
    client: connectRedisClient(connection, options.cipher) as unknown as ConstructorParameters<
      typeof RedisStore
    >[0]['client'],
    prefix: options.prefix ?? 'wxcc-desktop:sess:',
    ttl: DEFAULT_SESSION_TTL_MS / 1000,
    // The session object goes to the client as it is (sealing serializes it once); connect-redis
    // hands a null from get() straight back as "no session", which an unopenable record must be.
    serializer: {
      stringify: (sess: SessionData) => sess as unknown as string,
      parse: (opened: string) => opened as unknown as SessionData,
    },
  });

  return {
    store,
    ping: () => connection.ping(),
    close: () => connection.close(),
  };
}

/**
 * The calls connect-redis makes on its client (get, set with EX, expire, del, scan), sealing and
 * opening records bound to their key.
 */
function connectRedisClient(connection: RedisConnection, cipher: SessionCipher) {
  const open = (key: string, raw: unknown) =>
    raw === null || raw === undefined ? null : openRecord(cipher, String(raw), key);
  return {
    get: async (key: string) => open(key, await connection.sendCommand(['GET', key])),
    set: (
      key: string,
      session: SessionData,
      options?: { expiration?: { type: 'EX'; value: number } },
    ) => {
      const value = cipher.seal(session, key);
      return connection.sendCommand(
        options?.expiration
          ? ['SET', key, value, 'EX', String(options.expiration.value)]
          : ['SET', key, value],
      );
    },
    expire: (key: string, seconds: number) =>
      connection.sendCommand(['EXPIRE', key, String(seconds)]),
    del: (keys: string | string[]) =>
      connection.sendCommand(['DEL', ...(Array.isArray(keys) ? keys : [keys])]),
    scanIterator: (options: { MATCH: string; COUNT: number }) =>
      connection.scan(options.MATCH, options.COUNT),
  };
}

/**
 * A record sealed for its key. One sealed before records were bound to keys (no context) still
 * opens, so an upgrade signs nobody out mid-shift; it is re-sealed bound on its next write, and a
 * copy of it cannot outlive the absolute session timeout (session-timeouts.ts ends a session by
 * its `connectedAt`, which the copy carries).
 */
function openRecord(cipher: SessionCipher, raw: string, key: string): SessionData | null {
  return cipher.open(raw, key) ?? cipher.open(raw);
}
