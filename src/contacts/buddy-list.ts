// The buddy list: the agents a contact can be transferred to or consulted with, asked for over the
// socket per media, as Cisco's store asks (`@webex/cc-store` getBuddyAgents(mediaType = the task's)).
//
// One list per desktop profile and media, shared by every agent of that profile on this instance:
// WxCC answers from the profile's buddy teams (`agentProfileId` is the request's only scope, SDK
// services/agent/types.ts BuddyAgents), so two agents of one profile are offered the same agents
// but themselves. Kept per agent, 1,000 agents of one team held 1,000 lists of 1,000 agents and
// asked WxCC for one each every 20 s (the soak of 2026-12-02 in docs/MEASUREMENTS.md).
import { buddyAgents } from '../clients/wxcc-event-schemas';
import type { BuddyMedia } from '../clients/tasks-api';
import type { ContactDirectoryService } from './contact-directory';
import type { StationContext, StationService } from '../station/station-service';
import { msg, type Message } from '../i18n/message';

export interface BuddyAgent {
  readonly agentId: string;
  readonly name: string;
  readonly state: string;
}

/** WxCC's routing states in the agent's words; any other state as WxCC names it. */
export function buddyState(state: string): Message | string {
  if (state === 'Available') return msg('state.available');
  if (state === 'Idle') return msg('state.idle');
  return state;
}

/** Fresh for a page view, a form's check and the directory. */
const BUDDY_TTL_MS = 20_000;
/**
 * A live update may show an older list (its states a little behind) while a fresh one loads: every
 * target is checked against a fresh list before anything is sent.
 */
const BUDDY_STALE_MS = 5 * 60_000;

export interface BuddyListOptions {
  station: StationService;
  directory: ContactDirectoryService;
  now: () => number;
  log?: (event: string, details?: Record<string, unknown>) => void;
}

interface Entry {
  at: number;
  /** Everyone the profile's agents may reach, the agent who asked included; frozen, shared. */
  list?: readonly BuddyAgent[];
  loading?: Promise<readonly BuddyAgent[] | undefined>;
  /** When the last request failed or went unanswered: live updates do not ask again before TTL. */
  failedAt?: number;
}

const NONE: readonly BuddyAgent[] = Object.freeze([]);

export function createBuddyList(options: BuddyListOptions) {
  const { station, directory, now } = options;
  // Per organization, profile and media; swept when older than the stale window.
  const cache = new Map<string, Entry>();
  // The answer event names no media (SDK services/agent/types.ts BuddyAgentsSuccess): one request
  // per agent at a time, so a chat list is never taken for the telephony one.
  const inFlight = new Map<string, Promise<unknown>>();
  let sweptAt = now();

  function oneAtATime<T>(agentId: string, run: () => Promise<T>): Promise<T> {
    const before = inFlight.get(agentId) ?? Promise.resolve();
    const next = before.then(run, run);
    const settled = next.catch(() => undefined);
    inFlight.set(agentId, settled);
    void settled.then(() => inFlight.get(agentId) === settled && inFlight.delete(agentId));
    return next;
  }

  function sweep(t: number): void {
    if (t - sweptAt < BUDDY_STALE_MS) return;
    sweptAt = t;
    for (const [key, e] of cache) if (!e.loading && t - e.at >= BUDDY_STALE_MS) cache.delete(key);
  }

  /**
   * The shared list without the agent looking at it (WxCC never lists the asker). Made per call and
   * not kept: a kept view per agent would bring back the agents² memory the sharing removes.
   */
  function without(list: readonly BuddyAgent[], agentId: string): readonly BuddyAgent[] {
    return list.some((b) => b.agentId === agentId)
      ? list.filter((b) => b.agentId !== agentId)
      : list;
  }

  /** One load in flight per profile and media; an answer that did not come keeps the older list. */
  function refresh(ctx: StationContext, key: string, profileId: string, media: BuddyMedia) {
    const entry = cache.get(key) ?? { at: 0 };
    if (entry.loading) return entry.loading;
    const failed = () => cache.set(key, { ...entry, loading: undefined, failedAt: now() });
    const loading = oneAtATime(ctx.agent.agentId, () => load(ctx, profileId, media)).then(
      (list) => {
        if (list !== undefined) cache.set(key, { at: now(), list });
        else failed();
        return list;
      },
      (error: unknown) => {
        failed();
        throw error;
      },
    );
    cache.set(key, { ...entry, loading });
    return loading;
  }

  /**
   * Answered by a `BuddyAgents` event, not the HTTP call: briefly cached, so page views stay quick.
   * `wait: false` (a live update being rendered) takes a list up to a few minutes old and refreshes
   * it in the background, so pushes never ask WxCC each; it waits only when there is none yet, so
   * a consult form pushed live has its agents too.
   */
  async function forAgent(
    ctx: StationContext,
    { wait = true, media = 'telephony' }: { wait?: boolean; media?: BuddyMedia } = {},
  ): Promise<readonly BuddyAgent[]> {
    const t = now();
    sweep(t);
    const profileId = (await directory.forAgent(ctx)).agentProfileId;
    if (!profileId) return NONE;
    const key = `${ctx.agent.orgId}:${profileId}:${media}`;
    const me = ctx.agent.agentId;
    const entry = cache.get(key);
    const age = entry?.list ? t - entry.at : Infinity;
    if (entry?.list && age < BUDDY_TTL_MS) return without(entry.list, me);
    // A list WxCC just failed to give: live updates go on without it until a page view asks again.
    if (!wait && entry?.failedAt !== undefined && t - entry.failedAt < BUDDY_TTL_MS) {
      return entry.list && age < BUDDY_STALE_MS ? without(entry.list, me) : NONE;
    }
    if (!wait && entry?.list && age < BUDDY_STALE_MS) {
      // load() has said why it failed; the render goes on with the older list.
      refresh(ctx, key, profileId, media).catch(() => undefined);
      return without(entry.list, me);
    }
    const list = (await refresh(ctx, key, profileId, media)) ?? entry?.list ?? NONE;
    return without(list, me);
  }

  async function load(
    ctx: StationContext,
    profileId: string,
    media: BuddyMedia,
  ): Promise<readonly BuddyAgent[] | undefined> {
    const [event, asker] = await Promise.all([
      station
        .sendAndWait(
          ctx,
          (e) => e.outer === 'BuddyAgents' || e.inner.startsWith('BuddyAgents'),
          (wxcc) => wxcc.requestBuddyList({ agentProfileId: profileId, mediaType: media }),
        )
        .catch((err: unknown) => {
          options.log?.('buddy list not loaded', { agentId: ctx.agent.agentId, media, err });
          throw err;
        }),
      station.snapshot(ctx).catch(() => undefined),
    ]);
    if (event?.inner !== 'BuddyAgents') return undefined;
    const data = buddyAgents.parse(event.data);
    const me = ctx.agent.agentId;
    const list = (data.agentList ?? []).flatMap((b): BuddyAgent[] => {
      const agentId = b?.agentId;
      if (!agentId || agentId === me) return [];
      return [{ agentId, name: b.agentName ?? agentId, state: b.state ?? '' }];
    });
    // WxCC leaves out the agent who asked; the others of the profile may reach them, so the shared
    // list carries them as their own session knows them (logged in, with their routing state).
    if (asker?.loggedIn && !asker.takenOver && asker.subStatus) {
      list.push({ agentId: me, name: ctx.agent.displayName || me, state: asker.subStatus });
    }
    return Object.freeze(list.map((b) => Object.freeze(b)));
  }

  return { forAgent };
}
