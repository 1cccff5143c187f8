// The agent's station: login, state, logout, each confirmed by its own WxCC notification event,
// from any instance (the socket lives on one; its events reach all).
import type { AgentCalls, AgentClients } from '../clients/agent-client';
import type { LoginRequest } from '../clients/webex-types';
import { keys, type ClusterBackend } from '../cluster/backend';
import { createMemoryBackend } from '../cluster/memory-backend';
import { createStreamCaps, type StreamCaps } from '../agent-session/stream-caps';
import type { AgentContext, Person } from '../domain/agent';
import { AppError } from '../errors';
import { msg } from '../i18n/message';
import type { DesktopMetrics } from '../metrics/metrics';
import type { SessionCipher } from '../session-store/session-cipher';
import {
  createAgentSessions,
  type AgentSessions,
  type WatchHandlers,
} from '../agent-session/agent-sessions';
import { WSS_DISCONNECT_REASON } from '../agent-session/agent-session';
import type { SessionFact } from '../agent-session/reduce';
import type { WrapUpCode } from '../domain/agent';
import type { OAuthService } from '../sign-in/oauth-service';
import { createDesktopExpiry } from '../agent-session/desktop-expiry';
import { describeFailure } from './station-failures';
import type { NotificationEvent, StationChoice, StationSnapshot } from '../agent-session/snapshot';
import type { StatisticsFact } from '../agent-session/session-facts';

/** Who acts. The agent's tokens are not here: the token store holds them, keyed by agent. */
export interface StationContext {
  agent: Person;
}

/** Who a background job acts for: WxCC needs the agent's id alone (the token store has the rest). */
type Actor = { agent: Pick<Person, 'agentId'> };

/** `pending`: WxCC accepted the request but its outcome event has not arrived yet. */
export type ActionOutcome = 'confirmed' | 'pending';

/** The profile's auto wrap-up for an agent, read in the background by the agent's session. */
export type AutoWrapUpSetting = (
  ctx: AgentContext,
) => Promise<{ seconds: number; code: WrapUpCode } | undefined>;

/** Long enough to outlive any wrap-up interval a profile allows. */
const WRAP_UP_KEY_TTL_MS = 6 * 3600 * 1000;

/** How long Cisco's SDK waits for an action's result event (TIMEOUT_REQ) before giving up. */
export const RESULT_TIMEOUT_MS = 20_000;

/** The result of `POST /reload`: outer AgentRelogin…, or state control v2's AgentChannelRelogin…. */
const isReloadResult = (e: NotificationEvent) =>
  e.outer.startsWith('AgentRelogin') || /^Agent(Channel)?Relogin/.test(e.inner);

export interface StationServiceOptions {
  /** WxCC calls made for an agent, tokens handled inside. */
  wxcc: AgentClients;
  /** Forgets an agent's tokens when their desktop ends. */
  oauth: Pick<OAuthService, 'forget'>;
  wxccApiBase: string;
  /** Shared by the instances (Redis) or this process's own (memory, the default). */
  backend?: ClusterBackend;
  /** Seals the agents' events and snapshots in the backend (the session store's cipher). */
  cipher?: SessionCipher;
  instanceId?: string;
  /** Default RESULT_TIMEOUT_MS, as Cisco's SDK. */
  resultTimeoutMs?: number;
  reloadWaitMs?: number;
  keepaliveMs?: number;
  /** Socket lease timings (fail-over is about `leaseMs`). */
  leaseMs?: number;
  renewEveryMs?: number;
  sweepEveryMs?: number;
  /** Open live page streams allowed per browser session and per agent (oldest closed first). */
  streamCaps?: { perSession: number; perAgent: number };
  /** The desktop's idle and absolute limits, applied even when no browser is left to ask. */
  timeouts?: { idleMs: number; absoluteMs: number };
  /** The profile's auto wrap-up (the contact directory); without it no contact is wrapped up. */
  autoWrapUp?: AutoWrapUpSetting;
  /** Keeps the facts the agent's session counted (agent-statistics); without it none are kept. */
  countStatistics?: (ctx: AgentContext, facts: StatisticsFact[]) => Promise<void>;
  now?: () => number;
  log?: (event: string, details?: Record<string, unknown>) => void;
  metrics?: Pick<DesktopMetrics, 'autoWrapUpsSent' | 'sessionAdopted' | 'wxccEvents'>;
}

/** What the routes and the contact use cases ask of the agent's station, from any instance. */
export interface StationService {
  /** The agent's station and contacts as WxCC last said; asked again when not known (a restart). */
  snapshot(ctx: StationContext): Promise<StationSnapshot>;
  login(ctx: StationContext, choice: StationChoice): Promise<ActionOutcome>;
  /** Refused while a customer contact is open. */
  logout(ctx: StationContext, reason: string): Promise<ActionOutcome>;
  setState(
    ctx: StationContext,
    state: 'Available' | 'Idle',
    auxCodeId: string,
    lastStateChangeReason?: string,
  ): Promise<ActionOutcome>;
  /** "Use this desktop again" after another desktop took the session. */
  takeBack(ctx: StationContext): Promise<void>;
  /** A new Webex sign-in: the agent is wanted on a socket; their timeouts start now. */
  signedIn(agent: AgentContext['agent']): Promise<void>;
  /** The agent's own activity, on any instance. */
  touch(agentId: string, at: number): Promise<void>;
  /** Ends the agent's desktop everywhere (sign-out, expiry, dead tokens). */
  release(agentId: string): Promise<void>;
  /** Ends the agent's desktop if it outlived its limits. */
  expireIfDue(agentId: string): Promise<boolean>;
  /** Live updates for a page stream on this instance, whichever instance holds the socket. */
  watch(agentId: string, handlers: WatchHandlers): Promise<() => void>;
  /** Caps on open page streams, per browser session and per agent. */
  streams: StreamCaps;
  /**
   * Sends a request for the agent and waits for its own result event, listening before sending;
   * a `…Failed` answer is thrown as the agent-facing error. The primitive of every agent action.
   */
  act(
    ctx: StationContext,
    isResult: (event: NotificationEvent) => boolean,
    send: (wxcc: AgentCalls) => Promise<unknown>,
    describe?: (failure: NotificationEvent) => Error,
  ): Promise<ActionOutcome>;
  /** The same, answering with the result event itself (undefined: it did not come in time). */
  sendAndWait(
    ctx: StationContext,
    isResult: (event: NotificationEvent) => boolean,
    send: (wxcc: AgentCalls) => Promise<unknown>,
  ): Promise<NotificationEvent | undefined>;
  /** Gives the agent's session a fact learned here; resolves once the snapshot `shows` it. */
  tell(
    ctx: StationContext,
    fact: SessionFact,
    shows: (snapshot: StationSnapshot) => boolean,
  ): Promise<void>;
  instanceId: string;
  /** Sockets this instance holds (health, benchmarks). */
  stats(): { channels: number; open: number };
  /** Shutdown: sessions closed, leases given back so survivors adopt at once. */
  close(): Promise<void>;
}

/** What only the composition root, the cluster tests and the benchmarks reach into. */
export interface StationInternals {
  sessions: AgentSessions;
  /** A crash, for tests: sockets cut, nothing released, nothing published. */
  halt(): void;
}

export function createStationService(
  options: StationServiceOptions,
): StationService & StationInternals {
  const { wxcc, oauth } = options;
  const resultTimeoutMs = options.resultTimeoutMs ?? RESULT_TIMEOUT_MS;
  const reloadWaitMs = options.reloadWaitMs ?? 3000;
  const now = options.now ?? Date.now;
  const backend = options.backend ?? createMemoryBackend();
  const log = options.log ?? (() => undefined);
  const sessions = createAgentSessions({
    wxcc,
    wxccApiBase: options.wxccApiBase,
    backend,
    cipher: options.cipher,
    instanceId: options.instanceId,
    keepaliveMs: options.keepaliveMs,
    leaseMs: options.leaseMs,
    renewEveryMs: options.renewEveryMs,
    sweepEveryMs: options.sweepEveryMs,
    now,
    reload,
    jobs: {
      autoWrapUp: async (agentId) => {
        const orgId = (await sessions.registry.get(agentId))?.orgId;
        return orgId && options.autoWrapUp
          ? options.autoWrapUp({ agent: { agentId, orgId } })
          : undefined;
      },
      countStatistics: async (agentId, facts) => {
        const orgId = (await sessions.registry.get(agentId))?.orgId;
        if (orgId && options.countStatistics)
          await options.countStatistics({ agent: { agentId, orgId } }, facts);
      },
      claimWrapUp: (agentId, interactionId) =>
        backend.acquire(
          keys.wrapUpSent(agentId, interactionId),
          sessions.instanceId,
          WRAP_UP_KEY_TTL_MS,
        ),
      // Not waited for here: its result event comes back to the session like any other.
      sendWrapUp: async (agentId, interactionId, code) => {
        await wxcc.forAgent(agentId).wrapUpTask(interactionId, code.name, code.id);
        options.metrics?.autoWrapUpsSent.inc();
      },
      // As Cisco's SDK (silentRelogin), with the reason WxCC gave, so reports tell the two apart.
      restoreAvailable: async (agentId) =>
        (await setState({ agent: { agentId } }, 'Available', '0', WSS_DISCONNECT_REASON)) ===
        'confirmed',
    },
    onSweep: (owned) => expiry.expireDue(owned),
    onAdopt: (reason) => options.metrics?.sessionAdopted.inc({ reason }),
    onEvent: () => options.metrics?.wxccEvents.inc(),
    log,
  });

  const streams = createStreamCaps(
    backend,
    sessions.bus,
    options.streamCaps ?? { perSession: 8, perAgent: 16 },
    now,
  );

  const expiry = createDesktopExpiry({
    registry: sessions.registry,
    limits: options.timeouts,
    now,
    current: (agentId) => sessions.current(agentId),
    logoutStation: (agentId, reason) =>
      act(
        { agent: { agentId } },
        (e) => e.outer === 'Logout',
        (wxcc) => wxcc.logoutAgent(agentId, reason),
      ),
    release,
    log: options.log,
  });

  async function reload(agentId: string): Promise<void> {
    await wxcc.forAgent(agentId).reloadAgent();
  }

  /**
   * Sends a request and waits for its own result event, listening before sending. Works from any
   * instance: the event comes from whichever one holds the agent's socket. The one primitive for
   * every agent action (station, contacts): `isResult` picks the answer, `send` makes the call
   * with a valid access token; a `…Failed` answer is thrown as the agent-facing error.
   */
  async function act(
    ctx: Actor,
    isResult: (event: NotificationEvent) => boolean,
    send: (wxcc: AgentCalls) => Promise<unknown>,
    describe: (failure: NotificationEvent) => Error = describeFailure,
  ): Promise<ActionOutcome> {
    const event = await sendAndWait(ctx, isResult, send);
    if (event === undefined) return 'pending';
    if (event.inner.endsWith('Failed')) throw describe(event);
    return 'confirmed';
  }

  /** The same, for callers that need the result event itself (undefined: it did not come in time). */
  async function sendAndWait(
    ctx: Actor,
    isResult: (event: NotificationEvent) => boolean,
    send: (wxcc: AgentCalls) => Promise<unknown>,
  ): Promise<NotificationEvent | undefined> {
    const agentId = ctx.agent.agentId;
    await sessions.ensure(agentId);
    if ((await sessions.current(agentId)).takenOver) {
      throw new AppError(
        'station_failed',
        msg('station.takenOverRefusal', { button: msg('bar.takenOver.button') }),
      );
    }
    const wait = await sessions.waitFor(agentId, isResult, resultTimeoutMs);
    try {
      await send(wxcc.forAgent(agentId));
    } catch (error) {
      wait.cancel();
      throw error;
    }
    return wait.promise;
  }

  /** The agent's real station state; unknown after a restart, it is recovered with `reload`. */
  async function snapshot(ctx: StationContext): Promise<StationSnapshot> {
    const agentId = ctx.agent.agentId;
    await sessions.ensure(agentId);
    const known = await sessions.current(agentId);
    if (known.known) return known;
    // The app was away (a restart): WxCC's answer is folded in by the agent's session, which also
    // repairs an Idle that WxCC imposed meanwhile for the lost socket.
    await reloadAndWait(agentId);
    return sessions.current(agentId);
  }

  /** Asks WxCC for the agent's session and waits (briefly) until the answer is folded in. */
  async function reloadAndWait(agentId: string): Promise<void> {
    const wait = await sessions.waitFor(agentId, isReloadResult, reloadWaitMs);
    await reload(agentId).catch((error: unknown) => {
      wait.cancel();
      throw error;
    });
    await wait.promise;
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
      (wxcc) => wxcc.loginAgent(request),
    );
  }

  async function logout(ctx: StationContext, reason: string): Promise<ActionOutcome> {
    const agentId = ctx.agent.agentId;
    await sessions.ensure(agentId);
    // Contacts come and go between page views: ask WxCC what is open right now (unless another
    // desktop holds the session: act() refuses then, and no answer would reach us).
    if (!(await sessions.current(agentId)).takenOver) await reloadAndWait(agentId);
    const current = await sessions.current(agentId);
    if (current.interactionIds.length > 0 || Object.keys(current.contacts.items).length > 0) {
      throw new AppError('station_failed', msg('station.busyNote'));
    }
    return act(
      ctx,
      (e) => e.outer === 'Logout',
      (wxcc) => wxcc.logoutAgent(ctx.agent.agentId, reason),
    );
  }

  async function setState(
    ctx: Actor,
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
      (wxcc) =>
        wxcc.setAgentState({
          state,
          auxCodeId: state === 'Available' ? '0' : auxCodeId,
          ...(lastStateChangeReason ? { lastStateChangeReason } : {}),
          agentId: ctx.agent.agentId,
        }),
    );
  }

  /** Takes the session back from another desktop (AGENT_MULTI_LOGIN), from any instance. */
  async function takeBack(ctx: StationContext): Promise<void> {
    await sessions.takeBack(ctx.agent.agentId, resultTimeoutMs);
  }

  /** A new Webex sign-in: the agent is wanted on a socket, and their timeouts start now. */
  async function signedIn(agent: AgentContext['agent']): Promise<void> {
    const { agentId, orgId } = agent;
    const t = now();
    await sessions.registry.register(agentId, { connectedAt: t, lastSeenAt: t, orgId });
    // A new sign-in starts from WxCC's truth, not from what an earlier desktop last saw (a
    // take-over long resolved, a station since logged out).
    await sessions.bus.forget(agentId);
  }

  /** The agent's own activity on any instance (written at most once a minute by the caller). */
  async function touch(agentId: string, at: number): Promise<void> {
    await sessions.registry.touch(agentId, at);
  }

  /**
   * Ends the agent's desktop everywhere (sign-out, expiry, dead tokens): the socket holder closes
   * the socket, every instance's page streams end, the tokens are forgotten. The station itself is
   * left as it is: callers that sign out log it out first.
   */
  async function release(agentId: string): Promise<void> {
    await sessions.end(agentId, 'signed out');
    await oauth.forget(agentId);
  }

  function watch(agentId: string, handlers: WatchHandlers): Promise<() => void> {
    return sessions.watch(agentId, handlers);
  }

  /**
   * Gives the agent's session (on whichever instance holds it) a fact learned here; resolves once
   * the snapshot shows it (`shows`), so the page rendered next does.
   */
  async function tell(
    ctx: StationContext,
    fact: SessionFact,
    shows: (snapshot: StationSnapshot) => boolean,
  ): Promise<void> {
    await sessions.ensure(ctx.agent.agentId);
    await sessions.tell(ctx.agent.agentId, fact, shows);
  }

  return {
    act,
    tell,
    sendAndWait,
    snapshot,
    login,
    logout,
    setState,
    takeBack,
    signedIn,
    touch,
    watch,
    release,
    expireIfDue: (agentId: string) => expiry.expireIfDue(agentId),
    streams,
    stats: sessions.stats,
    instanceId: sessions.instanceId,
    sessions,
    close: () => sessions.close(),
    halt: () => sessions.halt(),
  };
}
