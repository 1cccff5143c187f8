// Sessions in Redis (connect-redis over node-redis), so several instances can share them.
import { RedisStore } from 'connect-redis';
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
class EncryptedRedisStore extends RedisStore {
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
}

export async function createRedisSessionStore(
  options: RedisSessionStoreOptions,
): Promise<RedisSessionStore> {
  const connection = await connectRedis(options, options.onError);

  const cipher = options.cipher;
  const store = new EncryptedRedisStore({
    // connect-redis's calls over the one connection interface, so it runs on Sentinel too; its
    // types name node-redis's client, which this stands in for.
    client: connectRedisClient(connection) as unknown as ConstructorParameters<
      typeof RedisStore
    >[0]['client'],
    prefix: options.prefix ?? 'wxcc-desktop:sess:',
    ttl: DEFAULT_SESSION_TTL_MS / 1000,
    serializer: {
      stringify: (sess: SessionData) => cipher.seal(sess),
      // connect-redis hands a null straight back from get() as "no session", which is what an
      // undecryptable record must be; its Serializer type just does not admit it.
      parse: (raw: string) => cipher.open(raw) as SessionData,
    },
  });

  return {
    store,
    ping: () => connection.ping(),
    close: () => connection.close(),
  };
}

/** The calls connect-redis makes on its client (get, set with EX, expire, del, mGet, scan). */
function connectRedisClient(connection: RedisConnection) {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    get: async (key: string) => text(await connection.sendCommand(['GET', key])),
    set: (key: string, value: string, options?: { expiration?: { type: 'EX'; value: number } }) =>
      connection.sendCommand(
        options?.expiration
          ? ['SET', key, value, 'EX', String(options.expiration.value)]
          : ['SET', key, value],
      ),
    expire: (key: string, seconds: number) =>
      connection.sendCommand(['EXPIRE', key, String(seconds)]),
    del: (keys: string | string[]) =>
      connection.sendCommand(['DEL', ...(Array.isArray(keys) ? keys : [keys])]),
    mGet: async (keys: string[]) =>
      ((await connection.sendCommand(['MGET', ...keys])) as unknown[]).map(text),
    scanIterator: (options: { MATCH: string; COUNT: number }) =>
      connection.scan(options.MATCH, options.COUNT),
  };
}
