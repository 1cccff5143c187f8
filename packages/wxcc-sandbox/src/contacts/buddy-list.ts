// POST /v1/agents/buddyList: the other logged-in agents a consult or transfer can reach (SDK BuddyAgents).
import { agentEvent, type AgentEvent } from '../agents/events';
import type { SandboxContext } from '../context';
import { displayName, type SeedAgent } from '../seed';
import { capacityOf } from './channel-capacity';
import type { MediaType } from './contact-model';

const MEDIA: readonly MediaType[] = ['telephony', 'chat', 'email', 'social'];

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
  // Asked for by media (Cisco's store asks with the task's mediaType: `@webex/cc-store`
  // getBuddyAgents): an agent is a buddy for a media their multimedia profile takes.
  // The spec's values; a work item no sample profile takes.
  const media = body.mediaType ?? 'telephony';
  if (media !== 'workItem' && !MEDIA.some((m) => m === media)) {
    return fail('INVALID_MEDIA_TYPE', 1400);
  }
  // Every sample agent is a buddy of the others (profiles have accessBuddyTeam ALL).
  const agentList = ctx.seed.agents
    .filter((other) => other.id !== agent.id)
    .filter(
      (other) =>
        media !== 'workItem' && capacityOf(ctx.contacts.seed, other.id, media as MediaType) > 0,
    )
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
    mediaType: media,
    agentList,
  });
}
