// Sealed records in Redis under their own key prefix, expired by Redis itself (PX).
import { closeRedis, connectRedis, pingRedis } from '../session-store/redis-connection';
import type { SecureRecords } from './index';

export const DEFAULT_SECURE_PREFIX = 'wxcc-desktop:kv:';

export async function redisRecords(
  url: string,
  options: { prefix?: string; onError?: (err: Error) => void } = {},
): Promise<SecureRecords> {
  const client = await connectRedis(url, options.onError);
  const prefix = options.prefix ?? DEFAULT_SECURE_PREFIX;
  return {
    get: async (key) => (await client.get(prefix + key)) ?? undefined,
    set: async (key, sealed, ttlMs) => void (await client.set(prefix + key, sealed, { PX: ttlMs })),
    delete: async (key) => void (await client.del(prefix + key)),
    ping: () => pingRedis(client),
    close: () => closeRedis(client),
  };
}
