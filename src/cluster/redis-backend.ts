// The cluster primitives on Redis: what several instances behind one load balancer share.
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';
import { AppError } from '../errors';
import type { ClusterBackend } from './backend';

export interface RedisBackendOptions {
  url: string;
  /** Connection errors while Redis is away; without it they are dropped. */
  onError?: (err: Error) => void;
}

// Compare-and-act scripts: only the holder may extend or free its lease.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const PUSH_CAPPED = `redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], 86400000)
local extra = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
if extra <= 0 then return {} end
local out = {}
for _, pair in ipairs(redis.call('ZPOPMIN', KEYS[1], extra)) do table.insert(out, pair) end
return out`;
const INITIAL_CONNECT_ATTEMPTS = 5;

export async function createRedisBackend(options: RedisBackendOptions): Promise<ClusterBackend> {
  let everReady = false;
  const client = createClient({
    url: options.url,
    // Fail fast while Redis is away: a request gets a clear error instead of hanging in a queue.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries, cause) =>
        !everReady && retries + 1 >= INITIAL_CONNECT_ATTEMPTS
          ? new Error(`Could not connect to Redis (REDIS_URL): ${cause.message}`)
          : Math.min(2 ** retries * 50, 2000) + Math.floor(Math.random() * 200),
    },
  });
  client.on('error', (err: Error) => options.onError?.(err));
  client.once('ready', () => (everReady = true));
  await client.connect();
  // A connection in subscriber mode can run nothing else (node-redis resubscribes after a drop).
  const subscriber = client.duplicate();
  subscriber.on('error', (err: Error) => options.onError?.(err));
  await subscriber.connect();

  // Redis away is a temporary outage the agent is told about (503), never an internal error.
  const unavailable = (cause: unknown) =>
    new AppError(
      'session_unavailable',
      'The desktop cannot reach its session storage right now. Please try again in a moment.',
      { cause, retryAfterSec: 5 },
    );
  const run = (args: string[]) =>
    (client.sendCommand(args) as Promise<unknown>).catch((cause: unknown) => {
      throw unavailable(cause);
    });
  const asText = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

  return {
    kind: 'redis',
    async acquire(key, holder, ttlMs) {
      return (await run(['SET', key, holder, 'NX', 'PX', String(ttlMs)])) === 'OK';
    },
    async renew(key, holder, ttlMs) {
      return Number(await run(['EVAL', RENEW, '1', key, holder, String(ttlMs)])) === 1;
    },
    async release(key, holder) {
      await run(['EVAL', RELEASE, '1', key, holder]);
    },
    async holders(keys) {
      if (keys.length === 0) return [];
      const values = (await run(['MGET', ...keys])) as unknown[];
      return values.map(asText);
    },
    async getValue(key) {
      return asText(await run(['GET', key]));
    },
    async setValue(key, value, ttlMs) {
      await run(
        ttlMs === undefined ? ['SET', key, value] : ['SET', key, value, 'PX', String(ttlMs)],
      );
    },
    async deleteValue(key) {
      await run(['DEL', key]);
    },
    async setField(hash, field, value) {
      await run(['HSET', hash, field, value]);
    },
    async getField(hash, field) {
      return asText(await run(['HGET', hash, field]));
    },
    async deleteField(hash, field) {
      await run(['HDEL', hash, field]);
    },
    async fields(hash) {
      const flat = (await run(['HGETALL', hash])) as unknown;
      const map = new Map<string, string>();
      if (Array.isArray(flat)) {
        for (let i = 0; i + 1 < flat.length; i += 2) map.set(String(flat[i]), String(flat[i + 1]));
      } else if (flat && typeof flat === 'object') {
        for (const [k, v] of Object.entries(flat)) map.set(k, String(v));
      }
      return map;
    },
    async pushCapped(key, member, score, keep) {
      const popped = (await run([
        'EVAL',
        PUSH_CAPPED,
        '1',
        key,
        member,
        String(score),
        String(keep),
      ])) as unknown[];
      // ZPOPMIN answers member, score, member, score…
      return popped.filter((_, i) => i % 2 === 0).map(String);
    },
    async removeMember(key, member) {
      await run(['ZREM', key, member]);
    },
    async publish(channel, message) {
      await run(['PUBLISH', channel, message]);
    },
    async subscribe(channel, listener) {
      await subscriber.subscribe(channel, listener).catch((cause: unknown) => {
        throw unavailable(cause);
      });
      return async () => {
        if (subscriber.isReady) await subscriber.unsubscribe(channel, listener);
      };
    },
    rateLimitStore(prefix) {
      return new RedisStore({
        prefix,
        sendCommand: (...args: string[]) => client.sendCommand(args) as Promise<never>,
      });
    },
    async ping() {
      await run(['PING']);
    },
    destroy() {
      for (const c of [subscriber, client]) if (c.isOpen) c.destroy();
    },
    async close() {
      for (const c of [subscriber, client]) {
        if (!c.isOpen) continue;
        if (c.isReady) await c.close().catch(() => c.destroy());
        else c.destroy();
      }
    },
  };
}
