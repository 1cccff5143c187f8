// The cluster primitives in memory: one instance without Redis, and the unit tests (injected clock).
import { EventEmitter } from 'node:events';
import type { ClusterBackend } from './backend';

interface Entry {
  value: string;
  expiresAt: number;
}

export function createMemoryBackend(now: () => number = Date.now): ClusterBackend {
  const values = new Map<string, Entry>();
  const hashes = new Map<string, Map<string, string>>();
  const sorted = new Map<string, Map<string, number>>();
  const bus = new EventEmitter();
  bus.setMaxListeners(0);

  const read = (key: string): string | undefined => {
    const entry = values.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      values.delete(key);
      return undefined;
    }
    return entry.value;
  };
  const write = (key: string, value: string, ttlMs?: number) =>
    values.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : now() + ttlMs });

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
    async deleteField(hash, field) {
      hashes.get(hash)?.delete(field);
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
      sorted.get(key)?.delete(member);
    },
    async publish(channel, message) {
      // Asynchronous like Redis: a publisher never runs its subscribers inside its own call.
      queueMicrotask(() => bus.emit(channel, message));
    },
    async subscribe(channel, listener) {
      bus.on(channel, listener);
      return async () => void bus.off(channel, listener);
    },
    async ping() {},
    async close() {
      bus.removeAllListeners();
    },
    destroy() {},
  };
}
