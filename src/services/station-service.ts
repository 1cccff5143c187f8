// The agent's station: login, state, logout, each confirmed by its own WxCC notification event.
import type { WebexClient } from '../clients/webex-client';
import type { LoginRequest } from '../clients/webex-types';
import type { Person } from '../domain/agent';
import { AppError } from '../errors';
import { NotificationChannel } from './notification-channel';
import type { OAuthService, TokenSlot } from './oauth-service';
import { describeFailure } from './station-failures';
import type { NotificationEvent, StationChoice, StationSnapshot } from './station-types';

export interface StationContext {
  slot: TokenSlot;
  agent: Person;
}

/** `pending`: WxCC accepted the request but its outcome event has not arrived yet. */
export type ActionOutcome = 'confirmed' | 'pending';

/** WxCC moves an Available agent to Idle with this reason when its notification socket is lost. */
export const WSS_DISCONNECT_REASON = 'agent-wss-disconnect';

/** How long Cisco's SDK waits for an action's result event (TIMEOUT_REQ) before giving up. */
export const RESULT_TIMEOUT_MS = 20_000;

/** The result of `POST /reload`: outer AgentRelogin…, or state control v2's AgentChannelRelogin…. */
const isReloadResult = (e: NotificationEvent) =>
  e.outer.startsWith('AgentRelogin') || /^Agent(Channel)?Relogin/.test(e.inner);

export interface StationServiceOptions {
  client: WebexClient;
  oauth: OAuthService;
  wxccApiBase: string;
  /** Default RESULT_TIMEOUT_MS, as Cisco's SDK. */
  resultTimeoutMs?: number;
  reloadWaitMs?: number;
  keepaliveMs?: number;
  log?: (event: string, details?: Record<string, unknown>) => void;
}

export type StationService = ReturnType<typeof createStationService>;

export function createStationService(options: StationServiceOptions) {
  const { client, oauth } = options;
  const resultTimeoutMs = options.resultTimeoutMs ?? RESULT_TIMEOUT_MS;
  const reloadWaitMs = options.reloadWaitMs ?? 3000;
  const channels = new Map<string, { channel: NotificationChannel; slot: TokenSlot }>();
  const restoring = new WeakSet<NotificationChannel>();

  /** The channel holds its own copy of the tokens so it can reconnect between requests. */
  function entryFor(ctx: StationContext) {
    let entry = channels.get(ctx.agent.agentId);
    if (entry === undefined) {
      const slot: TokenSlot = { tokens: ctx.slot.tokens };
      const channel = new NotificationChannel({
        agentId: ctx.agent.agentId,
        wxccApiBase: options.wxccApiBase,
        keepaliveMs: options.keepaliveMs,
        subscribe: (force) => oauth.withAccessToken(slot, (t) => client.subscribe(t, force)),
        log: options.log,
      });
      const own: StationContext = { slot, agent: ctx.agent };
      // After a gap the state may have changed without us: ask WxCC again, and undo the Idle
      // WxCC imposed for the lost socket, as Cisco's SDK does (silentRelogin).
      channel.on('reconnected', () => void refresh(own).then(() => restoreAfterDisconnect(own)));
      // A contact started or ended: its events do not list the agent's interactions, reload does.
      channel.on('event', (e) => {
        if (e.data.eventType === 'RoutingMessage' && channel.snapshot.loggedIn) void refresh(own);
      });
      channel.on('stopped', () => channels.delete(ctx.agent.agentId));
      entry = { channel, slot };
      channels.set(ctx.agent.agentId, entry);
    }
    const own = ctx.slot.tokens;
    if (
      own &&
      (!entry.slot.tokens || own.accessTokenExpiresAt > entry.slot.tokens.accessTokenExpiresAt)
    ) {
      entry.slot.tokens = own;
    }
    return entry;
  }

  async function reload(slot: TokenSlot): Promise<void> {
    await oauth.withAccessToken(slot, (t) => client.reloadAgent(t));
  }

  /** Sends a request and waits for its own result event, listening before sending. */
  async function act(
    ctx: StationContext,
    isResult: (event: NotificationEvent) => boolean,
    send: (token: string) => Promise<unknown>,
  ): Promise<ActionOutcome> {
    const { channel } = entryFor(ctx);
    await channel.start();
    if (channel.status === 'taken_over') {
      throw new AppError(
        'station_failed',
        'Another desktop has your session. Choose "Use this desktop again" first.',
      );
    }
    const wait = channel.waitFor(isResult, resultTimeoutMs);
    try {
      await oauth.withAccessToken(ctx.slot, send);
    } catch (error) {
      wait.cancel();
      throw error;
    }
    const event = await wait.promise;
    if (event === undefined) return 'pending';
    if (event.inner.endsWith('Failed')) throw describeFailure(event);
    return 'confirmed';
  }

  /** Asks WxCC for the agent's session and waits (briefly) until the answer is folded in. */
  async function reloadAndWait(ctx: StationContext): Promise<void> {
    const { channel } = entryFor(ctx);
    const wait = channel.waitFor(isReloadResult, reloadWaitMs);
    await reload(ctx.slot).catch((error: unknown) => {
      wait.cancel();
      throw error;
    });
    await wait.promise;
  }

  /** A reload in the background: failures only mean the page stays as it was. */
  function refresh(ctx: StationContext): Promise<void> {
    return reloadAndWait(ctx).catch(() => undefined);
  }

  /**
   * WxCC moved the agent to Idle because the socket was lost: make them Available again, as
   * Cisco's SDK does, and leave a note so the page tells the agent what happened.
   */
  async function restoreAfterDisconnect(ctx: StationContext): Promise<void> {
    const { channel } = entryFor(ctx);
    const s = channel.snapshot;
    if (!s.loggedIn || s.subStatus !== 'Idle' || s.lastStateChangeReason !== WSS_DISCONNECT_REASON)
      return;
    // A reconnect and a page view may both notice it: one restore is enough.
    if (restoring.has(channel)) return;
    restoring.add(channel);
    try {
      const outcome = await setState(ctx, 'Available', '0', WSS_DISCONNECT_REASON).catch(
        () => undefined,
      );
      channel.annotate(
        outcome === 'confirmed'
          ? { restoredAfterDisconnectAt: Date.now(), idledByDisconnect: undefined }
          : { idledByDisconnect: true },
      );
    } finally {
      restoring.delete(channel);
    }
  }

  /** The agent's real station state; after a restart it is recovered with `reload`. */
  async function snapshot(ctx: StationContext): Promise<StationSnapshot> {
    const { channel } = entryFor(ctx);
    await channel.start();
    if (!channel.snapshot.known) {
      await reloadAndWait(ctx);
      // The app was away (a restart) and WxCC may have idled the agent meanwhile.
      void restoreAfterDisconnect(ctx);
    }
    return channel.snapshot;
  }

  /** Dial number or extension only: a BROWSER station needs a WebRTC line this desktop lacks. */
  async function login(ctx: StationContext, choice: StationChoice): Promise<ActionOutcome> {
    const request: LoginRequest = {
      dialNumber: choice.dialNumber,
      teamId: choice.teamId,
      deviceType: choice.deviceType,
      isExtension: choice.deviceType === 'EXTENSION',
      deviceId: choice.dialNumber,
      roles: ['agent'],
    };
    return act(
      ctx,
      (e) => e.outer === 'StationLogin',
      (t) => client.loginAgent(t, request),
    );
  }

  async function logout(ctx: StationContext, reason: string): Promise<ActionOutcome> {
    const { channel } = entryFor(ctx);
    await channel.start();
    // Contacts come and go between page views: ask WxCC what is open right now (unless another
    // desktop holds the session: act() refuses then, and no answer would reach us).
    if (channel.status !== 'taken_over') await reloadAndWait(ctx);
    if (channel.snapshot.interactionIds.length > 0) {
      throw new AppError(
        'station_failed',
        'You have an active customer interaction. Finish it before you log out.',
      );
    }
    return act(
      ctx,
      (e) => e.outer === 'Logout',
      (t) => client.logoutAgent(t, ctx.agent.agentId, reason),
    );
  }

  async function setState(
    ctx: StationContext,
    state: 'Available' | 'Idle',
    auxCodeId: string,
    lastStateChangeReason?: string,
  ): Promise<ActionOutcome> {
    return act(
      ctx,
      // A supervisor's change arrives with the same type: only our own (or a failure) answers us.
      (e) =>
        (e.outer === 'AgentStateChange' || e.inner === 'AgentChannelStateChanged') &&
        (e.inner.endsWith('Failed') ||
          (e.data.changedById ?? ctx.agent.agentId) === ctx.agent.agentId),
      (t) =>
        client.setAgentState(t, {
          state,
          auxCodeId: state === 'Available' ? '0' : auxCodeId,
          ...(lastStateChangeReason ? { lastStateChangeReason } : {}),
          agentId: ctx.agent.agentId,
        }),
    );
  }

  /** Takes the session back from another desktop (AGENT_MULTI_LOGIN). */
  async function takeBack(ctx: StationContext): Promise<void> {
    const { channel, slot } = entryFor(ctx);
    await channel.start(true);
    // The other desktop may have changed the state meanwhile: ask WxCC for the truth.
    await reload(slot);
  }

  function watch(
    agentId: string,
    listener: (snapshot: StationSnapshot) => void,
    onEnd: () => void,
  ): () => void {
    const entry = channels.get(agentId);
    if (entry === undefined) {
      onEnd();
      return () => undefined;
    }
    entry.channel.on('snapshot', listener);
    entry.channel.once('ended', onEnd);
    return () => {
      entry.channel.off('snapshot', listener);
      entry.channel.off('ended', onEnd);
    };
  }

  function release(agentId: string): void {
    channels.get(agentId)?.channel.close();
    channels.delete(agentId);
  }

  /** How many agents this process holds a notification socket for (benchmarks, health). */
  function stats(): { channels: number; open: number } {
    const all = [...channels.values()];
    return { channels: all.length, open: all.filter((e) => e.channel.status === 'open').length };
  }

  function close(): void {
    for (const agentId of [...channels.keys()]) release(agentId);
  }

  return { snapshot, login, logout, setState, takeBack, watch, release, stats, close };
}
