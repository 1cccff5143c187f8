// The buddy list: the agents a call can be transferred to or consulted with, asked for over the socket.
import { buddyAgents } from '../clients/wxcc-event-schemas';
import { createAgentCache } from '../agent-configuration/agent-cache';
import type { ContactDirectoryService } from './contact-directory';
import type { StationContext, StationService } from '../station/station-service';

export interface BuddyAgent {
  agentId: string;
  name: string;
  state: string;
}

const BUDDY_TTL_MS = 20_000;

export interface BuddyListOptions {
  station: StationService;
  directory: ContactDirectoryService;
  now: () => number;
  log?: (event: string, details?: Record<string, unknown>) => void;
}

export function createBuddyList(options: BuddyListOptions) {
  const { station, directory, now } = options;
  // Per agent, swept like the configuration caches; an answer that did not come is not kept.
  const cache = createAgentCache<BuddyAgent[] | undefined>({
    ttlMs: BUDDY_TTL_MS,
    now,
    keep: (list) => list !== undefined,
  });

  /**
   * Answered by a `BuddyAgents` event, not the HTTP call: briefly cached, so page views stay
   * quick. `wait: false` (a live update being rendered) never waits on WxCC: it takes what is
   * cached and, when nothing is, asks in the background for the next render.
   */
  async function forAgent(
    ctx: StationContext,
    { wait = true }: { wait?: boolean } = {},
  ): Promise<BuddyAgent[]> {
    const id = ctx.agent.agentId;
    const cached = cache.peek(id);
    if (cached) return (await cached) ?? [];
    const loading = cache.get(id, () => load(ctx));
    if (!wait) {
      // load() has said why it failed; the render goes on without the list.
      loading.catch(() => undefined);
      return [];
    }
    return (await loading) ?? [];
  }

  async function load(ctx: StationContext): Promise<BuddyAgent[] | undefined> {
    const dir = await directory.forAgent(ctx);
    const profileId = dir.agentProfileId;
    if (!profileId) return [];
    const event = await station
      .sendAndWait(
        ctx,
        (e) => e.outer === 'BuddyAgents' || e.inner.startsWith('BuddyAgents'),
        (wxcc) => wxcc.requestBuddyList({ agentProfileId: profileId, mediaType: 'telephony' }),
      )
      .catch((err: unknown) => {
        options.log?.('buddy list not loaded', { agentId: ctx.agent.agentId, err });
        throw err;
      });
    if (event?.inner !== 'BuddyAgents') return undefined;
    const list = buddyAgents.parse(event.data).agentList ?? [];
    return list.flatMap((b): BuddyAgent[] => {
      const agentId = b?.agentId;
      if (!agentId || agentId === ctx.agent.agentId) return [];
      return [{ agentId, name: b.agentName ?? agentId, state: b.state ?? '' }];
    });
  }

  return { forAgent };
}
