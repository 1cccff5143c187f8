// POST /v1/agents/buddyList: the other logged-in agents a consult or transfer can reach (SDK BuddyAgents).
import { agentEvent, type AgentEvent } from '../agents/events';
import type { SandboxContext } from '../context';
import { displayName, type SeedAgent } from '../seed';

interface BuddyBody {
  agentProfileId?: string;
  mediaType?: string;
  state?: string;
}

export function buddyListEvent(
  ctx: SandboxContext,
  agent: SeedAgent,
  raw: unknown,
  trackingId: string,
): AgentEvent {
  const body = (raw ?? {}) as BuddyBody;
  const orgId = ctx.seed.organization.id;
  const session = ctx.state.sessions.get(agent.id);
  const fail = (reason: string, reasonCode: number) =>
    agentEvent('BuddyAgents', 'BuddyAgentsRetrieveFailed', agent, orgId, trackingId, {
      reason,
      reasonCode,
    });
  if (!session) return fail('AGENT_NOT_LOGGED_IN', 1006);
  if (!ctx.seed.desktopProfiles.some((p) => p.id === body.agentProfileId)) {
    return fail('INVALID_AGENT_PROFILE', 1010);
  }
  // Every sample agent is a buddy of the others (profiles have accessBuddyTeam ALL).
  const agentList = ctx.seed.agents
    .filter((other) => other.id !== agent.id)
    .flatMap((other) => {
      const s = ctx.state.sessions.get(other.id);
      if (!s || (body.state && body.state !== s.subStatus)) return [];
      return [
        {
          agentId: other.id,
          state: s.subStatus,
          teamId: s.teamId,
          dn: s.dn,
          agentName: displayName(other),
          siteId: ctx.seed.site.id,
        },
      ];
    });
  return agentEvent('BuddyAgents', 'BuddyAgents', agent, orgId, trackingId, {
    agentSessionId: session.agentSessionId,
    mediaType: body.mediaType ?? 'telephony',
    agentList,
  });
}
