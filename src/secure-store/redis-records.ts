// Sealed records in Redis under their own key prefix, expired by Redis itself (PX).
import { connectRedis, type RedisAddress } from '../session-store/redis-connection';
import type { SecureRecords } from './records';

export const DEFAULT_SECURE_PREFIX = 'wxcc-desktop:kv:';

export async function redisRecords(
  address: RedisAddress | string,
  options: { prefix?: string; onError?: (err: Error) => void } = {},
): Promise<SecureRecords> {
  const client = await connectRedis(address, options.onError);
  const prefix = options.prefix ?? DEFAULT_SECURE_PREFIX;
  return {
    get: async (key) => {
      const value = await client.sendCommand(['GET', prefix + key]);
      return value === null || value === undefined ? undefined : String(value);
    },
    set: async (key, sealed, ttlMs) =>
      void (await client.sendCommand(['SET', prefix + key, sealed, 'PX', String(ttlMs)])),
    delete: async (key) => void (await client.sendCommand(['DEL', prefix + key])),
    ping: () => client.ping(),
    close: () => client.close(),
  };
}
