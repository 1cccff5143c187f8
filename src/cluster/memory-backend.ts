// The cluster primitives in memory: one instance without Redis, and the unit tests (injected clock).
import { EventEmitter } from 'node:events';
import type { ClusterBackend } from './backend';

interface Entry {
  value: string;
  expiresAt: number;
}

/** Below this many values the map is not swept (a sweep of a few hundred entries is noise). */
const MIN_SWEEP_AT = 1024;

export interface MemoryBackend extends ClusterBackend {
  /** Keys held (expired ones not yet swept included): what a soak or a test watches for growth. */
  keyCount(): number;
}

export function createMemoryBackend(now: () => number = Date.now): MemoryBackend {
  const values = new Map<string, Entry>();
  const hashes = new Map<string, Map<string, string>>();
  const sorted = new Map<string, Map<string, number>>();
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  // Redis forgets an expired key by itself; here one never read again (a wrap-up claim, a lease
  // not renewed) would stay for good, so expired entries are swept whenever the map has doubled
  // since the last sweep: amortised O(1) per write, and never more than twice what is live.
  let sweepAt = MIN_SWEEP_AT;
  const sweep = () => {
    const t = now();
    for (const [key, entry] of values) if (entry.expiresAt <= t) values.delete(key);
    sweepAt = Math.max(MIN_SWEEP_AT, values.size * 2);
  };

  const read = (key: string): string | undefined => {
    const entry = values.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      values.delete(key);
      return undefined;
    }
    return entry.value;
  };
  const write = (key: string, value: string, ttlMs?: number) => {
    values.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : now() + ttlMs });
    if (values.size >= sweepAt) sweep();
  };

  return {
    kind: 'memory',
    async acquire(key, holder, ttlMs) {
      if (read(key) !== undefined) return false;
      write(key, holder, ttlMs);
      return true;
    },
    async renew(key, holder, ttlMs) {
      if (read(key) !== holder) return false;
      write(key, holder, ttlMs);
      return true;
    },
    async release(key, holder) {
      if (read(key) === holder) values.delete(key);
    },
    async holders(keys) {
      return keys.map(read);
    },
    async getValue(key) {
      return read(key);
    },
    async setValue(key, value, ttlMs) {
      write(key, value, ttlMs);
    },
    async setValueIfHolder(lease, holder, key, value, ttlMs) {
      if (read(lease) !== holder) return false;
      write(key, value, ttlMs);
      return true;
    },
    async deleteValue(key) {
      values.delete(key);
    },
    async setField(hash, field, value) {
      const map = hashes.get(hash) ?? new Map<string, string>();
      map.set(field, value);
      hashes.set(hash, map);
    },
    async getField(hash, field) {
      return hashes.get(hash)?.get(field);
    },
    async fieldsOf(hash, fields) {
      const map = hashes.get(hash);
      return fields.map((field) => map?.get(field));
    },
    async deleteField(hash, field) {
      const map = hashes.get(hash);
      map?.delete(field);
      // As Redis, which drops a hash with its last field.
      if (map?.size === 0) hashes.delete(hash);
    },
    async fields(hash) {
      return new Map(hashes.get(hash));
    },
    async pushCapped(key, member, score, keep) {
      const set = sorted.get(key) ?? new Map<string, number>();
      set.set(member, score);
      sorted.set(key, set);
      const oldest = [...set].sort((a, b) => a[1] - b[1]).slice(0, Math.max(0, set.size - keep));
      for (const [m] of oldest) set.delete(m);
      return oldest.map(([m]) => m);
    },
    async removeMember(key, member) {
      const set = sorted.get(key);
      set?.delete(member);
      // As Redis, which drops a sorted set with its last member (one per browser session here).
      if (set?.size === 0) sorted.delete(key);
    },
    async publish(channel, message) {
      // Asynchronous like Redis: a publisher never runs its subscribers inside its own call.
      queueMicrotask(() => bus.emit(channel, message));
    },
    async subscribe(channel, listener) {
      bus.on(channel, listener);
      return async () => void bus.off(channel, listener);
    },
    // In one process nothing is ever missed.
    onResubscribed() {},
    keyCount: () => values.size + hashes.size + sorted.size,
    async ping() {},
    async close() {
      bus.removeAllListeners();
    },
    destroy() {},
  };
}
