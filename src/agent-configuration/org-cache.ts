// Tenant configuration that every agent of an organization shares (aux codes, desktop profiles,
// tenant settings, dial plans, teams, queues): read once per organization and cache lifetime, not
// once per agent, so a shift of 1,000 agents signing in costs WxCC a handful of reads, not 5,000.
import { createAgentCache, type AgentCacheOptions } from './agent-cache';

export type OrgCache = ReturnType<typeof createOrgCache>;

/**
 * Keyed by organization and what was read (`aux-codes`, `profile:<id>`): the same answer for every
 * agent of the org, so it is shared, and one load in flight serves every agent who asks meanwhile.
 * Failures are not kept (agent-cache.ts), so an agent whose read fails does not spoil it for others.
 */
export function createOrgCache(options: Omit<AgentCacheOptions<unknown>, 'keep'> = {}) {
  let cache = createAgentCache<unknown>(options);
  return {
    get<T>(orgId: string, what: string, load: () => Promise<T>): Promise<T> {
      return cache.get(`${orgId}\n${what}`, load) as Promise<T>;
    },
    /** Everything read so far is read from WxCC again on its next use. */
    clear(): void {
      cache = createAgentCache<unknown>(options);
    },
    size: () => cache.size(),
  };
}
