// Sessions in Redis (connect-redis over node-redis), so several instances can share them.
import { RedisStore } from 'connect-redis';
import type { SessionData } from 'express-session';
import { closeRedis, connectRedis, pingRedis } from './redis-connection';
import type { SessionCipher } from './session-cipher';
import { DEFAULT_SESSION_TTL_MS } from './sqlite-session-store';

export interface RedisSessionStoreOptions {
  url: string;
  cipher: SessionCipher;
  prefix?: string;
  /** Connection errors (Redis down, reconnecting). Without it they are dropped. */
  onError?: (err: Error) => void;
}

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
  const client = await connectRedis(options.url, options.onError);

  const cipher = options.cipher;
  const store = new EncryptedRedisStore({
    client,
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
    ping: () => pingRedis(client),
    close: () => closeRedis(client),
  };
}
