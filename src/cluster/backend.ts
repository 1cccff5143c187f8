// The few shared primitives several instances need (leases, values, a registry, pub/sub), one shape.
import type { Store as RateLimitStore } from 'express-rate-limit';

/**
 * Redis when REDIS_URL or REDIS_SENTINELS is set (every instance sees the same), memory otherwise
 * (one instance, or several in one test process sharing the object). Everything above it is written once.
 */
export interface ClusterBackend {
  readonly kind: 'memory' | 'redis';
  /** SET key holder NX PX ttl: true when the lease was free and is now ours. */
  acquire(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Extends the lease only while `holder` still holds it; false once it was lost. */
  renew(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Deletes the lease only if `holder` holds it, so a late release never frees another's. */
  release(key: string, holder: string): Promise<void>;
  /** Who holds each lease (undefined: free), in one round trip. */
  holders(keys: string[]): Promise<(string | undefined)[]>;
  getValue(key: string): Promise<string | undefined>;
  setValue(key: string, value: string, ttlMs?: number): Promise<void>;
  /**
   * Sets the value only while `holder` holds `lease`, in one step: a holder whose lease already
   * moved on (its loop stalled past the lease) cannot overwrite what the new holder stored.
   */
  setValueIfHolder(
    lease: string,
    holder: string,
    key: string,
    value: string,
    ttlMs: number,
  ): Promise<boolean>;
  deleteValue(key: string): Promise<void>;
  /** A small hash (agent id → record), for the registry of signed-in agents. */
  setField(hash: string, field: string, value: string): Promise<void>;
  getField(hash: string, field: string): Promise<string | undefined>;
  /** The given fields' values (undefined: none), in one round trip. */
  fieldsOf(hash: string, fields: string[]): Promise<(string | undefined)[]>;
  deleteField(hash: string, field: string): Promise<void>;
  fields(hash: string): Promise<Map<string, string>>;
  /** Adds a member scored by time, and removes and returns the oldest beyond `keep`. */
  pushCapped(key: string, member: string, score: number, keep: number): Promise<string[]>;
  removeMember(key: string, member: string): Promise<void>;
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the subscription is live, so nothing published after it is missed. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  /**
   * Hears the subscriptions come back after a dropped connection (Redis): whatever was published
   * meanwhile reached no one on this instance. Never called by a backend that cannot drop.
   */
  onResubscribed(listener: () => void): void;
  /** A store for express-rate-limit whose counts every instance shares (Redis only). */
  rateLimitStore?(prefix: string): RateLimitStore;
  /** Resolves when the backend answers (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Drops the connections at once, as a crash would (tests of fail-over). */
  destroy(): void;
}

/** The key names, in one place, so a reader of Redis can tell what each is. */
export const keys = {
  owner: (agentId: string) => `wxcc-desktop:owner:${agentId}`,
  refresh: (agentId: string) => `wxcc-desktop:refresh:${agentId}`,
  snapshot: (agentId: string) => `wxcc-desktop:snapshot:${agentId}`,
  events: (agentId: string) => `wxcc-desktop:events:${agentId}`,
  streams: (scope: string) => `wxcc-desktop:streams:${scope}`,
  agents: 'wxcc-desktop:agents',
  wrapUpDeadline: (agentId: string, interactionId: string) =>
    `wxcc-desktop:wrapup-deadline:${agentId}:${interactionId}`,
  /** Held while one writer adds to the agent's statistics (agent-statistics/statistics-store.ts). */
  statisticsLock: (agentId: string) => `wxcc-desktop:stats-lock:${agentId}`,
  wrapUpSent: (agentId: string, interactionId: string) =>
    `wxcc-desktop:wrapup-sent:${agentId}:${interactionId}`,
};
