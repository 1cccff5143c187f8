// A short per-agent cache of configuration reads: one load in flight per agent, failures not kept.

export interface AgentCacheOptions<T> {
  ttlMs?: number;
  now?: () => number;
  /** A value worth keeping; one that is not (a partial load) is dropped once it has been served. */
  keep?: (value: T) => boolean;
}

export function createAgentCache<T>(options: AgentCacheOptions<T> = {}) {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const keep = options.keep ?? (() => true);
  const cache = new Map<string, { at: number; value: Promise<T> }>();
  let sweptAt = now();

  /** Agents who went home are forgotten too: at most one pass over the cache per lifetime. */
  function sweep(t: number): void {
    if (t - sweptAt < ttlMs) return;
    sweptAt = t;
    for (const [agentId, entry] of cache) if (t - entry.at >= ttlMs) cache.delete(agentId);
  }

  /** The cached value, or `load()`'s: callers that ask while it loads share the one promise. */
  function get(agentId: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(agentId);
    if (hit && now() - hit.at < ttlMs) return hit.value;
    sweep(now());
    const value = load();
    const entry = { at: now(), value };
    cache.set(agentId, entry);
    // A failed or partial load is not worth keeping: the next page view tries again.
    const drop = () => cache.get(agentId) === entry && cache.delete(agentId);
    value.then((v) => keep(v) || drop(), drop);
    return value;
  }

  /** The cached value if there is a fresh one; never loads. */
  function peek(agentId: string): Promise<T> | undefined {
    const hit = cache.get(agentId);
    return hit && now() - hit.at < ttlMs ? hit.value : undefined;
  }

  return {
    get,
    peek,
    forget: (agentId: string) => cache.delete(agentId),
    size: () => cache.size,
  };
}
