// What the idle and absolute timeouts end, wherever they are noticed: a desktop that outlived its
// limits does not leave the agent logged in and routable with nobody at it.
import type { AgentActivity, AgentRegistry } from '../cluster/agent-registry';
import type { StationSnapshot } from './snapshot';

export const EXPIRED_LOGOUT_REASON = 'Desktop session expired';

export interface DesktopExpiryOptions {
  registry: AgentRegistry;
  limits?: { idleMs: number; absoluteMs: number };
  now: () => number;
  current: (agentId: string) => Promise<StationSnapshot>;
  /** Logs the station out and waits for WxCC's answer. */
  logoutStation: (agentId: string, reason: string) => Promise<unknown>;
  /** Ends the desktop everywhere: socket, page streams, tokens. */
  release: (agentId: string) => Promise<void>;
  log?: (event: string, details?: Record<string, unknown>) => void;
}

/**
 * Like Cisco's Agent Desktop on inactivity, an expired desktop logs the station out, then ends.
 * Measured on the agent's activity across every browser and instance (the registry), so one idle
 * tab does not end a desktop the agent is using elsewhere. An agent with a customer interaction
 * open is left until it ends: dropping a customer is worse than a late logout.
 */
export function createDesktopExpiry(options: DesktopExpiryOptions) {
  const isDue = (activity: AgentActivity | undefined, t: number): boolean => {
    const { limits } = options;
    if (!limits || !activity) return false;
    return t - activity.lastSeenAt > limits.idleMs || t - activity.connectedAt > limits.absoluteMs;
  };

  async function expireIfDue(agentId: string): Promise<boolean> {
    if (!isDue(await options.registry.get(agentId), options.now())) return false;
    const current = await options.current(agentId);
    if (current.interactionIds.length > 0) return false;
    if (current.loggedIn) {
      await options
        .logoutStation(agentId, EXPIRED_LOGOUT_REASON)
        .catch((err: unknown) =>
          options.log?.('could not log out an expired desktop', { agentId, err }),
        );
    }
    await options.release(agentId);
    options.log?.('desktop session expired: station logged out, socket closed', { agentId });
    return true;
  }

  return {
    expireIfDue,
    /**
     * The socket holder's sweep: it notices desktops whose browser is long gone. Every owned
     * agent's activity is read at once (one round trip on Redis, where one read per agent, one
     * after the other, was a thousand round trips a sweep for a thousand agents); only an agent
     * found due is looked at again, alone, as a request would.
     */
    async expireDue(owned: string[]): Promise<void> {
      if (!options.limits || owned.length === 0) return;
      const activity = await options.registry.some(owned).catch((err: unknown) => {
        options.log?.('could not check the agents for expiry', { agents: owned.length, err });
        return new Map<string, AgentActivity>();
      });
      const t = options.now();
      for (const agentId of owned) {
        if (!isDue(activity.get(agentId), t)) continue;
        await expireIfDue(agentId).catch((err: unknown) =>
          options.log?.('could not check an agent for expiry', { agentId, err }),
        );
      }
    },
  };
}
