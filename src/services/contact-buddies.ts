// The buddy list: the agents a call can be transferred to or consulted with, asked for over the socket.
import type { WebexClient } from '../clients/webex-client';
import { buddyAgents } from '../clients/wxcc-event-schemas';
import type { ContactDirectoryService } from './contact-directory';
import type { StationContext, StationService } from './station-service';

export interface BuddyAgent {
  agentId: string;
  name: string;
  state: string;
}

const BUDDY_TTL_MS = 20_000;

export interface BuddyListOptions {
  client: WebexClient;
  station: StationService;
  directory: ContactDirectoryService;
  now: () => number;
}

export function createBuddyList(options: BuddyListOptions) {
  const { client, station, directory, now } = options;
  const cache = new Map<string, { at: number; value: Promise<BuddyAgent[]> }>();

  /** Answered by a `BuddyAgents` event, not the HTTP call: briefly cached, so page views stay quick. */
  function forAgent(ctx: StationContext): Promise<BuddyAgent[]> {
    const key = ctx.agent.agentId;
    const hit = cache.get(key);
    if (hit && now() - hit.at < BUDDY_TTL_MS) return hit.value;
    const value = load(ctx);
    cache.set(key, { at: now(), value });
    return value;
  }

  async function load(ctx: StationContext): Promise<BuddyAgent[]> {
    const dir = await directory.forAgent(ctx);
    const profileId = dir.agentProfileId;
    if (!profileId) return [];
    const event = await station
      .sendAndWait(
        ctx,
        (e) => e.outer === 'BuddyAgents' || e.inner.startsWith('BuddyAgents'),
        (t) => client.requestBuddyList(t, { agentProfileId: profileId, mediaType: 'telephony' }),
      )
      .catch(() => undefined);
    const list =
      event?.inner === 'BuddyAgents' ? buddyAgents.parse(event.data).agentList : undefined;
    if (list === undefined) {
      // A failed or missing answer is not worth keeping: the next page view asks again.
      cache.delete(ctx.agent.agentId);
      return [];
    }
    return list.flatMap((b): BuddyAgent[] => {
      const agentId = b?.agentId;
      if (!agentId || agentId === ctx.agent.agentId) return [];
      return [{ agentId, name: b.agentName ?? agentId, state: b.state ?? '' }];
    });
  }

  return { forAgent };
}
