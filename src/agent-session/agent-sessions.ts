// The agents' sessions across instances: the lease holder runs the agent's session (its socket,
// snapshot and jobs); every other instance reads the stored snapshot, waits for events and sends
// the owner commands and facts over the agent's bus channel.
import { randomBytes } from 'node:crypto';
import type { AgentClients } from '../clients/agent-client';
import { keys, type ClusterBackend } from '../cluster/backend';
import { createAgentRegistry } from '../cluster/agent-registry';
import { createEventBus } from './event-bus';
import { createOwnership } from '../cluster/ownership';
import { isAppError } from '../errors';
import { emptySnapshot, type NotificationEvent, type StationSnapshot } from './snapshot';
import type { SessionCipher } from '../session-store/session-cipher';
import { AgentSession, type SessionJobs } from './agent-session';
import type { SessionFact } from './reduce';

export interface AgentSessionsOptions {
  wxcc: AgentClients;
  wxccApiBase: string;
  backend: ClusterBackend;
  /** Seals events and snapshots on their way through Redis (the session store's cipher). */
  cipher?: SessionCipher;
  instanceId?: string;
  keepaliveMs?: number;
  /** Socket lease: a dead holder's agents are adopted within about this long. */
  leaseMs?: number;
  renewEveryMs?: number;
  sweepEveryMs?: number;
  now: () => number;
  /** Asks WxCC for the agent's state again (take-back, and after a gap). */
  reload: (agentId: string) => Promise<void>;
  jobs: SessionJobs;
  /** Runs on every sweep with the agents this instance holds (the timeouts live there). */
  onSweep?: (owned: string[]) => Promise<void>;
  /** A session started here: for a fresh sign-in, or taken over from a holder that is gone. */
  onAdopt?: (reason: 'fresh' | 'failover') => void;
  /** A WxCC event heard on the socket of a session held here (once it is stored). */
  onEvent?: () => void;
  log?: (event: string, details?: Record<string, unknown>) => void;
}

export interface Waiter {
  promise: Promise<NotificationEvent | undefined>;
  cancel: () => void;
}

export interface WatchHandlers {
  /** The latest snapshot; with the WxCC event that made it, when one did. */
  onSnapshot: (snapshot: StationSnapshot, event?: NotificationEvent) => void;
  /** `evicted`: this stream was over a cap and should not come straight back. */
  onEnd: (why: 'ended' | 'evicted') => void;
  streamId?: string;
}

/** How long a fact sent to another instance's session may take to show in the snapshot. */
const FACT_WAIT_MS = 2000;

export type AgentSessions = ReturnType<typeof createAgentSessions>;

export function createAgentSessions(options: AgentSessionsOptions) {
  const { backend, wxcc } = options;
  const instanceId = options.instanceId ?? randomBytes(6).toString('hex');
  const bus = createEventBus(backend, options.cipher, options.log);
  const registry = createAgentRegistry(backend);
  const log = options.log ?? (() => undefined);
  const sessions = new Map<string, { session: AgentSession; unsubscribe: () => Promise<void> }>();
  /** A background step failed: said once, with what failed, never swallowed. */
  const failed = (event: string, agentId: string) => (err: unknown) => log(event, { agentId, err });

  const ownership = createOwnership({
    backend,
    instanceId,
    leaseMs: options.leaseMs,
    renewEveryMs: options.renewEveryMs,
    sweepEveryMs: options.sweepEveryMs,
    wanted: async () => (await registry.all()).keys(),
    onAdopt: adopt,
    onLost: (agentId) => closeLocal(agentId),
    onSweep: options.onSweep,
    log,
  });
  ownership.start();

  /** After a gap (reconnect, fail-over) the state may have changed without us: ask WxCC again. */
  function afterGap(agentId: string): void {
    options.reload(agentId).catch(failed('could not reload the agent after a gap', agentId));
  }

  /** The lease is ours: run the agent's session, starting from the last snapshot anyone stored. */
  async function adopt(agentId: string): Promise<void> {
    const stored = await bus.latest(agentId);
    const session = new AgentSession({
      agentId,
      bus,
      stored,
      now: options.now,
      jobs: options.jobs,
      wxccApiBase: options.wxccApiBase,
      keepaliveMs: options.keepaliveMs,
      holder: instanceId,
      subscribe: (force) => wxcc.forAgent(agentId).subscribe(force),
      // Our own instance adopting the agent is never "another desktop": if the lease moved, the
      // new holder's socket caused the multi-login, and ours just bows out.
      isOurOwnTakeOver: async () => {
        const [holder] = await backend.holders([keys.owner(agentId)]);
        return holder !== undefined && holder !== instanceId;
      },
      log,
    });
    if (options.onEvent) session.on('event', options.onEvent);
    session.on('superseded', () => closeLocal(agentId));
    session.on('reconnected', () => afterGap(agentId));
    // The refresh token died while reconnecting: the agent is signed out everywhere.
    session.on(
      'stopped',
      () =>
        void end(agentId, 'sign-in lost').catch(failed('could not end a lost sign-in', agentId)),
    );
    const unsubscribe = await bus.subscribe(agentId, (message) => {
      if (message.kind === 'take-back')
        takeBackHere(agentId).catch(failed('could not take the session back', agentId));
      if (message.kind === 'end') void releaseLocal(agentId);
      if (message.kind === 'fact') void sessions.get(agentId)?.session.tell(message.fact);
    });
    sessions.set(agentId, { session, unsubscribe });
    options.onAdopt?.(stored === undefined ? 'fresh' : 'failover');
    // Another desktop has the session: opening a socket would take it back unasked.
    if (stored?.takenOver) return;
    try {
      // Adopting from an earlier holder is this desktop reconnecting: `force`, as Cisco's own
      // clients reconnect, so a stale socket of a vanished holder is closed rather than competed
      // with. A fresh sign-in (nothing stored) subscribes plainly.
      await session.start(stored !== undefined);
    } catch (error) {
      closeLocal(agentId);
      if (isAppError(error) && ['not_connected', 'reconnect_required'].includes(error.code)) {
        await registry
          .unregister(agentId)
          .catch(failed('could not forget a signed-out agent', agentId));
      }
      throw error;
    }
    // A session from before the registry (or after Redis lost it) still wants its socket kept.
    const known = await registry.get(agentId).catch((err: unknown) => {
      log('could not read the agent registry; leaving it as it is', { agentId, err });
      return true;
    });
    if (!known) {
      const now = options.now();
      await registry
        .register(agentId, { connectedAt: now, lastSeenAt: now })
        .catch(failed('could not register an adopted agent', agentId));
    }
    // Taking over from a holder that died: what happened in the gap is only known by asking.
    if (stored) afterGap(agentId);
  }

  /** Resolves once what the session counted last is kept (its close checkpoint included). */
  function closeLocal(agentId: string): Promise<void> {
    const entry = sessions.get(agentId);
    if (!entry) return Promise.resolve();
    sessions.delete(agentId);
    const closed = entry.session.close();
    entry.unsubscribe().catch(failed('could not leave the agent channel', agentId));
    return closed;
  }

  async function releaseLocal(agentId: string): Promise<void> {
    closeLocal(agentId);
    await ownership.release(agentId);
  }

  async function takeBackHere(agentId: string): Promise<void> {
    const entry = sessions.get(agentId);
    if (!entry) return;
    await entry.session.start(true);
    await options.reload(agentId);
  }

  /** Makes sure some instance runs the agent's session; returns it if it is this one. */
  async function ensure(agentId: string): Promise<AgentSession | undefined> {
    const local = sessions.get(agentId);
    if (local) {
      await local.session.start();
      return local.session;
    }
    const [holder] = await backend.holders([keys.owner(agentId)]);
    if (holder !== undefined && holder !== instanceId) return undefined;
    await ownership.claim(agentId);
    return sessions.get(agentId)?.session;
  }

  /** The agent's snapshot as this instance can know it now (ours, or the owner's latest). */
  async function current(agentId: string): Promise<StationSnapshot> {
    const local = sessions.get(agentId);
    if (local) return local.session.snapshot;
    return (await bus.latest(agentId)) ?? emptySnapshot();
  }

  /**
   * Gives the owner's session a fact learned on this instance. `shows` says when the snapshot
   * has it; from another instance this waits (briefly) until the owner published it, so the page
   * rendered next already shows it.
   */
  async function tell(
    agentId: string,
    fact: SessionFact,
    shows: (snapshot: StationSnapshot) => boolean,
  ): Promise<void> {
    const local = sessions.get(agentId);
    if (local) return local.session.tell(fact);
    const seen = await bus.waitFor(
      agentId,
      (m) =>
        (m.kind === 'snapshot' || m.kind === 'event') && shows(m.snapshot) ? true : undefined,
      FACT_WAIT_MS,
    );
    await bus.publish(agentId, { kind: 'fact', fact });
    if ((await seen.promise) || shows(await current(agentId))) return;
    log('a fact did not reach the agent session in time', { agentId, fact: fact.type });
  }

  /** Listens for the first matching event from whichever instance holds the socket. */
  async function waitFor(
    agentId: string,
    matches: (event: NotificationEvent) => boolean,
    timeoutMs: number,
  ): Promise<Waiter> {
    const local = sessions.get(agentId);
    if (local) return local.session.waitFor(matches, timeoutMs);
    return bus.waitFor(
      agentId,
      (m) => (m.kind === 'event' && matches(m.event) ? m.event : undefined),
      timeoutMs,
    );
  }

  /**
   * The page streams watching on this instance, by agent: when the subscriptions come back after a
   * dropped Redis connection, each is handed the latest snapshot (an offer published meanwhile
   * reached no one here), read once per agent.
   */
  const watchers = new Map<string, Set<WatchHandlers>>();
  backend.onResubscribed(() => {
    for (const [agentId, handlers] of watchers)
      void current(agentId).then(
        (snapshot) => {
          if (snapshot.known) for (const h of handlers) h.onSnapshot(snapshot);
        },
        failed('could not read the snapshot after Redis came back', agentId),
      );
  });

  /** Live updates for a page stream on this instance, from whichever instance holds the socket. */
  async function watch(agentId: string, handlers: WatchHandlers): Promise<() => void> {
    const stop = await bus.subscribe(agentId, (message) => {
      if (message.kind === 'event') handlers.onSnapshot(message.snapshot, message.event);
      else if (message.kind === 'snapshot') handlers.onSnapshot(message.snapshot);
      else if (message.kind === 'end') handlers.onEnd('ended');
      else if (
        message.kind === 'close-streams' &&
        handlers.streamId &&
        message.ids.includes(handlers.streamId)
      ) {
        handlers.onEnd('evicted');
      }
    });
    // A change made after the watcher last read the snapshot but before it listened was published
    // to no one it could reach: the latest is handed over once listening (the watcher skips it
    // when it is what it has), so an offer in that gap is not left off the page. Not a snapshot
    // nobody knows yet (none stored): that says nothing of the agent.
    await current(agentId).then(
      (snapshot) => snapshot.known && handlers.onSnapshot(snapshot),
      failed('could not read the snapshot for a new watcher', agentId),
    );
    const mine = watchers.get(agentId) ?? new Set();
    watchers.set(agentId, mine.add(handlers));
    return () => {
      mine.delete(handlers);
      if (mine.size === 0 && watchers.get(agentId) === mine) watchers.delete(agentId);
      void stop().catch(failed('could not stop watching the agent channel', agentId));
    };
  }

  /** The agent asked for the session back: ours does it here, another instance's on request. */
  async function takeBack(agentId: string, timeoutMs: number): Promise<void> {
    const session = await ensure(agentId);
    if (session) return takeBackHere(agentId);
    const back = await bus.waitFor(
      agentId,
      (m) =>
        (m.kind === 'snapshot' || m.kind === 'event') && !m.snapshot.takenOver ? true : undefined,
      timeoutMs,
    );
    await bus.publish(agentId, { kind: 'take-back' });
    await back.promise;
  }

  /** Signed out or expired, wherever it happened: the owner closes the socket, streams end. */
  async function end(agentId: string, reason: string): Promise<void> {
    await registry.unregister(agentId);
    await bus.publish(agentId, { kind: 'end', reason });
    await releaseLocal(agentId);
    await bus.forget(agentId);
  }

  return {
    instanceId,
    bus,
    registry,
    ownership,
    ensure,
    current,
    tell,
    waitFor,
    watch,
    takeBack,
    end,
    /** Sockets this instance holds (benchmarks, health). */
    stats: () => ({
      channels: sessions.size,
      open: [...sessions.values()].filter((e) => e.session.socketStatus === 'open').length,
    }),
    /** Shutdown: close our sessions and give the leases back, so survivors adopt at once. */
    async close(): Promise<void> {
      await Promise.all([...sessions.keys()].map((agentId) => closeLocal(agentId)));
      await ownership.stop();
    },
    /** A crash, for tests: sockets cut, nothing released, nothing published. */
    halt(): void {
      ownership.halt();
      for (const { session } of sessions.values()) void session.close({ checkpoint: false });
      sessions.clear();
    },
  };
}
