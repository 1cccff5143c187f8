// Sessions in Redis (connect-redis over node-redis), so several instances can share them.
import { RedisStore } from 'connect-redis';
import type { SessionData } from 'express-session';
import { createClient } from 'redis';
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

// At start a wrong REDIS_URL should stop the server, not leave it retrying silently forever.
const INITIAL_CONNECT_ATTEMPTS = 5;
const PING_TIMEOUT_MS = 2000;
const CLOSE_TIMEOUT_MS = 2000;

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
  let everReady = false;
  const client = createRedisClient(options.url, () => everReady);
  // node-redis emits 'error' on every failed (re)connect; an unheard 'error' would crash the process.
  client.on('error', (err: Error) => options.onError?.(err));
  client.once('ready', () => {
    everReady = true;
  });
  await client.connect();

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
    async ping() {
      await withTimeout(client.ping(), PING_TIMEOUT_MS);
    },
    async close() {
      if (!client.isOpen) return;
      // A server that is away cannot answer what is in flight: drop it rather than wait.
      if (!client.isReady) return client.destroy();
      const closed = await withTimeout(client.close(), CLOSE_TIMEOUT_MS).then(
        () => true,
        () => false,
      );
      // A server that stops answering mid-close must not hold the process open.
      if (!closed) client.unref();
    },
  };
}

function createRedisClient(url: string, hasBeenReady: () => boolean) {
  try {
    return createClient({
      url,
      // Fail fast while Redis is away: a request should get an error, not hang in a queue.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 5000,
        reconnectStrategy: (retries, cause) => {
          if (!hasBeenReady() && retries + 1 >= INITIAL_CONNECT_ATTEMPTS) {
            // The URL may carry a password, so it stays out of the message.
            return new Error(`Could not connect to Redis (REDIS_URL): ${cause.message}`);
          }
          return Math.min(2 ** retries * 50, 2000) + Math.floor(Math.random() * 200);
        },
      },
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL (${reason})`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
