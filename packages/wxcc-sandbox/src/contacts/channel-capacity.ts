// Which media an agent may be offered, and how many of each at once: their multimedia profile.
import type { ContactSeed, QueueChannel, SeedMultimediaProfile, SeedQueue } from './contact-seed';
import type { MediaType } from './contact-model';

const MEDIA: readonly MediaType[] = ['chat', 'email', 'social', 'telephony'];

/**
 * The agent's multimedia profile: their own, else the site's (Cisco's SDK config/index.ts reads
 * the user's multimediaProfileId, then the team's, then the site's).
 */
export function multimediaProfileOf(seed: ContactSeed, agentId: string): SeedMultimediaProfile {
  const own = seed.agentMultimediaProfiles[agentId];
  return seed.multimediaProfiles.find((p) => p.id === own) ?? seed.multimediaProfiles[0];
}

/** The user record's multimediaProfileId, only when the agent has one of their own. */
export function ownMultimediaProfileId(seed: ContactSeed, agentId: string): string | undefined {
  const own = seed.agentMultimediaProfiles[agentId];
  return seed.multimediaProfiles.some((p) => p.id === own) ? own : undefined;
}

/** How many contacts of this media the agent may hold at once (0: never offered one). */
export function capacityOf(seed: ContactSeed, agentId: string, media: MediaType): number {
  return multimediaProfileOf(seed, agentId)[media];
}

/**
 * `channelsMap` of AgentStationLoginSuccess and AgentReloginSuccess: one channel id per slot of
 * each media. Cisco's SDK destructures it from both events and counts each list into its
 * mmProfile (cc.ts stationLogin, handleWebsocketMessage): its lengths are the profile's capacities.
 */
export function channelsMapOf(seed: ContactSeed, agentId: string): Record<string, string[]> {
  const profile = multimediaProfileOf(seed, agentId);
  return Object.fromEntries(
    MEDIA.map((media) => [
      media,
      Array.from({ length: profile[media] }, (_, i) => `${profile.id}-${media}-${i + 1}`),
    ]),
  );
}

const QUEUE_CHANNEL: Record<MediaType, QueueChannel> = {
  telephony: 'TELEPHONY',
  chat: 'CHAT',
  email: 'EMAIL',
  social: 'SOCIAL_CHANNEL',
};

/** Whether the queue routes this media (a queue's channelType is one media). */
export function queueTakes(queue: SeedQueue, media: MediaType): boolean {
  return (queue.channelType ?? 'TELEPHONY') === QUEUE_CHANNEL[media];
}
