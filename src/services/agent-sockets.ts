// One WxCC socket per agent across every instance: the lease holder opens it and publishes what it
// hears on the agent's events channel; any instance reads the latest snapshot and waits for results.
import { randomBytes } from 'node:crypto';
import type { WebexClient } from '../clients/webex-client';
import { keys, type ClusterBackend } from '../cluster/backend';
import { createAgentRegistry } from '../cluster/agent-registry';
import { createEventBus } from '../cluster/event-bus';
import { createOwnership } from '../cluster/ownership';
import { isAppError } from '../errors';
import type { SessionCipher } from '../session-store/session-cipher';
import type { NotificationChannel } from './notification-channel';
import { createOwnedChannel } from './owned-channel';
import type { OAuthService } from './oauth-service';
import { emptySnapshot, type NotificationEvent, type StationSnapshot } from './station-types';

export interface AgentSocketsOptions {
  client: WebexClient;
  oauth: OAuthService;
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
  /** Asks WxCC for the agent's state again (take-back). */
  reload: (agentId: string) => Promise<void>;
  /** After a gap (reconnect, fail-over): reload, and repair what WxCC did for the lost socket. */
  afterGap: (agentId: string) => Promise<void>;
  /** Runs on every sweep with the agents this instance holds (the timeouts live there). */
  onSweep?: (owned: string[]) => Promise<void>;
  log?: (event: string, details?: Record<string, unknown>) => void;
}

export interface Waiter {
  promise: Promise<NotificationEvent | undefined>;
  cancel: () => void;
}

export interface WatchHandlers {
  onSnapshot: (snapshot: StationSnapshot) => void;
  /** `evicted`: this stream was over a cap and should not come straight back. */
  onEnd: (why: 'ended' | 'evicted') => void;
  streamId?: string;
}

export type AgentSockets = ReturnType<typeof createAgentSockets>;

export function createAgentSockets(options: AgentSocketsOptions) {
  const { backend, oauth, client } = options;
  const instanceId = options.instanceId ?? randomBytes(6).toString('hex');
  const bus = createEventBus(backend, options.cipher);
  const registry = createAgentRegistry(backend);
  const log = options.log ?? (() => undefined);
  const channels = new Map<
    string,
    { channel: NotificationChannel; unsubscribe: () => Promise<void> }
  >();

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

  /** The lease is ours: open the socket, starting from the last snapshot anyone published. */
  async function adopt(agentId: string): Promise<void> {
    const stored = await bus.latest(agentId);
    const channel = createOwnedChannel({
      agentId,
      bus,
      stored,
      wxccApiBase: options.wxccApiBase,
      keepaliveMs: options.keepaliveMs,
      subscribe: (force) => oauth.withAccessToken(agentId, (t) => client.subscribe(t, force)),
      // Our own instance adopting the agent is never "another desktop": if the lease moved, the
      // new holder's socket caused the multi-login, and ours just bows out.
      isOurOwnTakeOver: async () => {
        const [holder] = await backend.holders([keys.owner(agentId)]);
        return holder !== undefined && holder !== instanceId;
      },
      onOwnTakeOver: () => closeLocal(agentId),
      log,
    });
    channel.on('reconnected', () => void options.afterGap(agentId).catch(() => undefined));
    // The refresh token died while reconnecting: the agent is signed out everywhere.
    channel.on('stopped', () => void end(agentId, 'sign-in lost').catch(() => undefined));
    const unsubscribe = await bus.subscribe(agentId, (message) => {
      if (message.kind === 'take-back') void takeBackHere(agentId).catch(() => undefined);
      if (message.kind === 'end') void releaseLocal(agentId);
      if (message.kind === 'annotate') channels.get(agentId)?.channel.annotate(message.patch);
    });
    channels.set(agentId, { channel, unsubscribe });
    if (stored?.takenOver) {
      // Another desktop has the session: opening a socket would take it back unasked.
      channel.status = 'taken_over';
      return;
    }
    try {
      // Adopting from an earlier holder is this desktop reconnecting: `force`, as Cisco's own
      // clients reconnect, so a stale socket of a vanished holder is closed rather than competed
      // with. A fresh sign-in (nothing stored) subscribes plainly.
      await channel.start(stored !== undefined);
    } catch (error) {
      closeLocal(agentId);
      if (isAppError(error) && ['not_connected', 'reconnect_required'].includes(error.code)) {
        await registry.unregister(agentId).catch(() => undefined);
      }
      throw error;
    }
    // A session from before the registry (or after Redis lost it) still wants its socket kept.
    const known = await registry.get(agentId).catch(() => true);
    if (!known) {
      const now = Date.now();
      await registry
        .register(agentId, { connectedAt: now, lastSeenAt: now })
        .catch(() => undefined);
    }
    // Taking over from a holder that died: what happened in the gap is only known by asking.
    if (stored) void options.afterGap(agentId).catch(() => undefined);
  }

  function closeLocal(agentId: string): void {
    const entry = channels.get(agentId);
    if (!entry) return;
    channels.delete(agentId);
    entry.channel.close();
    void entry.unsubscribe().catch(() => undefined);
  }

  async function releaseLocal(agentId: string): Promise<void> {
    closeLocal(agentId);
    await ownership.release(agentId);
  }

  async function takeBackHere(agentId: string): Promise<void> {
    const entry = channels.get(agentId);
    if (!entry) return;
    await entry.channel.start(true);
    await options.reload(agentId);
  }

  /** Makes sure some instance holds the agent's socket; returns ours if it is this one. */
  async function ensure(agentId: string): Promise<NotificationChannel | undefined> {
    const local = channels.get(agentId);
    if (local) {
      await local.channel.start();
      return local.channel;
    }
    const [holder] = await backend.holders([keys.owner(agentId)]);
    if (holder !== undefined && holder !== instanceId) return undefined;
    await ownership.claim(agentId);
    return channels.get(agentId)?.channel;
  }

  /** The agent's snapshot as this instance can know it now (ours, or the owner's latest). */
  async function current(agentId: string): Promise<StationSnapshot> {
    const local = channels.get(agentId);
    if (local) return local.channel.snapshot;
    return (await bus.latest(agentId)) ?? emptySnapshot();
  }

  /** Adds what the desktop learned itself (not from an event) to the snapshot, on the holder. */
  async function annotate(agentId: string, patch: Partial<StationSnapshot>): Promise<void> {
    const local = channels.get(agentId);
    if (local) local.channel.annotate(patch);
    else await bus.publish(agentId, { kind: 'annotate', patch });
  }

  /** Listens for the first matching event from whichever instance holds the socket. */
  async function waitFor(
    agentId: string,
    matches: (event: NotificationEvent) => boolean,
    timeoutMs: number,
  ): Promise<Waiter> {
    const local = channels.get(agentId);
    if (local) return local.channel.waitFor(matches, timeoutMs);
    return bus.waitFor(
      agentId,
      (m) => (m.kind === 'event' && matches(m.event) ? m.event : undefined),
      timeoutMs,
    );
  }

  /** Live updates for a page stream on this instance, from whichever instance holds the socket. */
  async function watch(agentId: string, handlers: WatchHandlers): Promise<() => void> {
    const stop = await bus.subscribe(agentId, (message) => {
      if (message.kind === 'event' || message.kind === 'snapshot')
        handlers.onSnapshot(message.snapshot);
      else if (message.kind === 'end') handlers.onEnd('ended');
      else if (
        message.kind === 'close-streams' &&
        handlers.streamId &&
        message.ids.includes(handlers.streamId)
      ) {
        handlers.onEnd('evicted');
      }
    });
    return () => void stop().catch(() => undefined);
  }

  /** The agent asked for the session back: ours does it here, another instance's on request. */
  async function takeBack(agentId: string, timeoutMs: number): Promise<void> {
    const channel = await ensure(agentId);
    if (channel) return takeBackHere(agentId);
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
    annotate,
    waitFor,
    watch,
    takeBack,
    end,
    /** Sockets this instance holds (benchmarks, health). */
    stats: () => ({
      channels: channels.size,
      open: [...channels.values()].filter((e) => e.channel.status === 'open').length,
    }),
    /** Shutdown: close our sockets and give the leases back, so survivors adopt at once. */
    async close(): Promise<void> {
      for (const agentId of [...channels.keys()]) closeLocal(agentId);
      await ownership.stop();
    },
    /** A crash, for tests: sockets cut, nothing released, nothing published. */
    halt(): void {
      ownership.halt();
      for (const { channel } of channels.values()) {
        channel.removeAllListeners();
        channel.close();
      }
      channels.clear();
    },
  };
}
