// One Redis connection as the stores want it: fails fast while Redis is away, gives up at start
// on a wrong URL, and never holds the process open at shutdown. Sessions and the secure store each
// open their own.
import { createClient } from 'redis';

export type RedisConnection = ReturnType<typeof createClient>;

// At start a wrong REDIS_URL should stop the server, not leave it retrying silently forever.
const INITIAL_CONNECT_ATTEMPTS = 5;
const PING_TIMEOUT_MS = 2000;
const CLOSE_TIMEOUT_MS = 2000;

/** Connects; `onError` hears connection errors while Redis is away (dropped without it). */
export async function connectRedis(
  url: string,
  onError?: (err: Error) => void,
): Promise<RedisConnection> {
  let everReady = false;
  const client = createRedisClient(url, () => everReady);
  // node-redis emits 'error' on every failed (re)connect; an unheard 'error' would crash the process.
  client.on('error', (err: Error) => onError?.(err));
  client.once('ready', () => {
    everReady = true;
  });
  await client.connect();
  return client;
}

export async function pingRedis(client: RedisConnection): Promise<void> {
  await withTimeout(client.ping(), PING_TIMEOUT_MS);
}

/** Safe to call twice. */
export async function closeRedis(client: RedisConnection): Promise<void> {
  if (!client.isOpen) return;
  // A server that is away cannot answer what is in flight: drop it rather than wait.
  if (!client.isReady) return client.destroy();
  const closed = await withTimeout(client.close(), CLOSE_TIMEOUT_MS).then(
    () => true,
    () => false,
  );
  // A server that stops answering mid-close must not hold the process open.
  if (!closed) client.unref();
}

function createRedisClient(url: string, hasBeenReady: () => boolean): RedisConnection {
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
