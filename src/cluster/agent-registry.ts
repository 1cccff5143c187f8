// Which agents are signed in, and when they were last active: what the instances keep a socket for,
// and what the idle and absolute timeouts are measured against when no browser is left to ask.
import { keys, type ClusterBackend } from './backend';

export interface AgentActivity {
  /** Epoch ms of the latest Webex sign-in (absolute timeout). */
  connectedAt: number;
  /** Epoch ms of the agent's latest own request on any instance (idle timeout). */
  lastSeenAt: number;
  /** The agent's organization: the session's jobs read the tenant's configuration with it. */
  orgId?: string;
}

export type AgentRegistry = ReturnType<typeof createAgentRegistry>;

export function createAgentRegistry(backend: ClusterBackend) {
  const parse = (raw: string | undefined): AgentActivity | undefined => {
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as AgentActivity;
    } catch {
      return undefined;
    }
  };
  /** The records that parse, by agent id; one that does not reads as not signed in. */
  const readable = (entries: Iterable<[string, string | undefined]>) => {
    const out = new Map<string, AgentActivity>();
    for (const [agentId, raw] of entries) {
      const activity = parse(raw);
      if (activity) out.set(agentId, activity);
    }
    return out;
  };
  return {
    register(agentId: string, activity: AgentActivity): Promise<void> {
      return backend.setField(keys.agents, agentId, JSON.stringify(activity));
    },
    unregister(agentId: string): Promise<void> {
      return backend.deleteField(keys.agents, agentId);
    },
    async all(): Promise<Map<string, AgentActivity>> {
      return readable(await backend.fields(keys.agents));
    },
    async get(agentId: string): Promise<AgentActivity | undefined> {
      return parse(await backend.getField(keys.agents, agentId));
    },
    /** These agents' activity (absent: not signed in), in one read. */
    async some(agentIds: string[]): Promise<Map<string, AgentActivity>> {
      const raws = await backend.fieldsOf(keys.agents, agentIds);
      return readable(agentIds.map((agentId, i) => [agentId, raws[i]]));
    },
    /** The agent's own request, on any instance, keeps them from the idle timeout. */
    async touch(agentId: string, at: number): Promise<void> {
      const current = parse(await backend.getField(keys.agents, agentId));
      if (current === undefined || current.lastSeenAt >= at) return;
      await backend.setField(keys.agents, agentId, JSON.stringify({ ...current, lastSeenAt: at }));
    },
  };
}
