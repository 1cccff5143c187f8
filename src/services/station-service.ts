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

export interface StationServiceOptions {
  client: WebexClient;
  oauth: OAuthService;
  wxccApiBase: string;
  resultTimeoutMs?: number;
  reloadWaitMs?: number;
  keepaliveMs?: number;
  log?: (event: string, details?: Record<string, unknown>) => void;
}

export type StationService = ReturnType<typeof createStationService>;

export function createStationService(options: StationServiceOptions) {
  const { client, oauth } = options;
  const resultTimeoutMs = options.resultTimeoutMs ?? 10000;
  const reloadWaitMs = options.reloadWaitMs ?? 3000;
  const channels = new Map<string, { channel: NotificationChannel; slot: TokenSlot }>();

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
      // After a gap the state may have changed without us: ask WxCC again.
      channel.on('reconnected', () => void reload(slot).catch(() => undefined));
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
    describe: (failure: NotificationEvent) => Error = describeFailure,
  ): Promise<ActionOutcome> {
    const event = await sendAndWait(ctx, isResult, send);
    if (event === undefined) return 'pending';
    if (event.inner.endsWith('Failed')) throw describe(event);
    return 'confirmed';
  }

  /** The same, for callers that need the result event itself (undefined: it did not come in time). */
  async function sendAndWait(
    ctx: StationContext,
    isResult: (event: NotificationEvent) => boolean,
    send: (token: string) => Promise<unknown>,
  ): Promise<NotificationEvent | undefined> {
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
    return wait.promise;
  }

  /** The agent's real station state; after a restart it is recovered with `reload`. */
  async function snapshot(ctx: StationContext): Promise<StationSnapshot> {
    const { channel } = entryFor(ctx);
    await channel.start();
    if (!channel.snapshot.known) {
      const wait = channel.waitFor((e) => e.outer.startsWith('AgentRelogin'), reloadWaitMs);
      await reload(ctx.slot).catch((error: unknown) => {
        wait.cancel();
        throw error;
      });
      await wait.promise;
    }
    return channel.snapshot;
  }

  async function login(ctx: StationContext, choice: StationChoice): Promise<ActionOutcome> {
    const browser = choice.deviceType === 'BROWSER';
    const request: LoginRequest = {
      dialNumber: browser ? `webrtc-${ctx.agent.agentId}` : choice.dialNumber,
      teamId: choice.teamId,
      deviceType: choice.deviceType,
      isExtension: choice.deviceType === 'EXTENSION',
      deviceId: browser ? `webrtc-${ctx.agent.agentId}` : choice.dialNumber,
      roles: ['agent'],
    };
    return act(
      ctx,
      (e) => e.outer === 'StationLogin',
      (t) => client.loginAgent(t, request),
    );
  }

  async function logout(ctx: StationContext, reason: string): Promise<ActionOutcome> {
    const current = await snapshot(ctx);
    if (current.interactionIds.length > 0 || Object.keys(current.contacts.items).length > 0) {
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
  ): Promise<ActionOutcome> {
    return act(
      ctx,
      // A supervisor's change arrives with the same type: only our own (or a failure) answers us.
      (e) =>
        e.outer === 'AgentStateChange' &&
        (e.inner.endsWith('Failed') ||
          (e.data.changedById ?? ctx.agent.agentId) === ctx.agent.agentId),
      (t) =>
        client.setAgentState(t, {
          state,
          auxCodeId: state === 'Available' ? '0' : auxCodeId,
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

  return {
    snapshot,
    login,
    logout,
    setState,
    takeBack,
    watch,
    release,
    stats,
    close,
    act,
    sendAndWait,
  };
}
