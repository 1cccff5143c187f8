// The cluster primitives on Redis: what several instances behind one load balancer share.
import { AppError } from '../errors';
import { msg } from '../i18n/message';
import type { ClusterBackend } from './backend';
import { addressOf, connectRedis, type RedisAddress } from '../session-store/redis-connection';

export type RedisBackendOptions = RedisAddress & {
  /** Connection errors while Redis is away; without it they are dropped. */
  onError?: (err: Error) => void;
};

// Compare-and-act scripts: only the holder may extend or free its lease.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const SET_IF_HOLDER = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end`;
const PUSH_CAPPED = `redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], 86400000)
local extra = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
if extra <= 0 then return {} end
local out = {}
for _, pair in ipairs(redis.call('ZPOPMIN', KEYS[1], extra)) do table.insert(out, pair) end
return out`;

export async function createRedisBackend(options: RedisBackendOptions): Promise<ClusterBackend> {
  // One connection for commands; its subscriber (a connection in subscriber mode runs nothing
  // else) is opened by the factory and follows a fail-over with it.
  const client = await connectRedis(addressOf(options), options.onError);
  // Loaded here, not at start: an instance without Redis never needs it.
  const { RedisStore } = await import('rate-limit-redis');

  // Redis away is a temporary outage the agent is told about (503), never an internal error.
  const unavailable = (cause: unknown) =>
    new AppError('session_unavailable', msg('error.sessionUnavailable'), {
      cause,
      retryAfterSec: 5,
    });
  const run = (args: string[]) =>
    client.sendCommand(args).catch((cause: unknown) => {
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
    async setValueIfHolder(lease, holder, key, value, ttlMs) {
      const set = await run(['EVAL', SET_IF_HOLDER, '2', lease, key, holder, value, String(ttlMs)]);
      return Number(set) === 1;
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
    async fieldsOf(hash, fields) {
      if (fields.length === 0) return [];
      const found = (await run(['HMGET', hash, ...fields])) as unknown;
      return fields.map((_, i) => (Array.isArray(found) ? asText(found[i]) : undefined));
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
      await client.subscribe(channel, listener).catch((cause: unknown) => {
        throw unavailable(cause);
      });
      return () => client.unsubscribe(channel, listener);
    },
    onResubscribed(listener) {
      client.onResubscribed(listener);
    },
    rateLimitStore(prefix) {
      return new RedisStore({
        prefix,
        sendCommand: (...args: string[]) => client.sendCommand(args) as Promise<never>,
      });
    },
    async ping() {
      // The connection's own check: its subscriber, which carries every result, counts too.
      await client.ping().catch((cause: unknown) => {
        throw unavailable(cause);
      });
    },
    destroy() {
      client.destroy();
    },
    close() {
      return client.close();
    },
  };
}
