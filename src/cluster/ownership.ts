// Which instance holds each agent's WxCC socket: a lease per agent that its holder renews, and a
// sweep that adopts agents whose holder stopped renewing (crashed, killed, cut off).
import { keys, type ClusterBackend } from './backend';

export interface OwnershipOptions {
  backend: ClusterBackend;
  instanceId: string;
  /** How long a lease outlives its holder's last renewal: the longest fail-over takes. */
  leaseMs?: number;
  renewEveryMs?: number;
  sweepEveryMs?: number;
  /** The agents that should have a socket somewhere (signed in). */
  wanted: () => Promise<Iterable<string>>;
  /** The lease is ours now: open the agent's socket. */
  onAdopt: (agentId: string) => Promise<void>;
  /** The lease went to another instance: close our socket quietly, the new holder has one. */
  onLost: (agentId: string) => void;
  /** Runs on every sweep for the agents this instance holds (timeouts). */
  onSweep?: (owned: string[]) => Promise<void>;
  log?: (event: string, details?: Record<string, unknown>) => void;
}

export type Ownership = ReturnType<typeof createOwnership>;

const ADOPT_AT_ONCE = 8;

/**
 * A dead holder's agents are adopted at most a lease plus a sweep after its last renewal: 7 s
 * and a third of it, so within 10 s. It matters: WxCC makes an Available agent Idle (unroutable)
 * once their socket is lost, and only the new holder's session puts them back.
 */
export const DEFAULT_LEASE_MS = 7_000;

export function createOwnership(options: OwnershipOptions) {
  const { backend, instanceId } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const renewEveryMs = options.renewEveryMs ?? Math.floor(leaseMs / 3);
  const sweepEveryMs = options.sweepEveryMs ?? Math.floor(leaseMs / 3);
  const owned = new Set<string>();
  const claiming = new Map<string, Promise<boolean>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  /** True when this instance holds (or has just taken) the agent's lease. */
  function claim(agentId: string): Promise<boolean> {
    if (owned.has(agentId)) return Promise.resolve(true);
    let pending = claiming.get(agentId);
    if (pending === undefined) {
      pending = (async () => {
        if (stopped) return false;
        const key = keys.owner(agentId);
        const mine =
          (await backend.acquire(key, instanceId, leaseMs)) ||
          (await backend.holders([key]))[0] === instanceId;
        if (!mine) return false;
        owned.add(agentId);
        try {
          await options.onAdopt(agentId);
        } catch (error) {
          // Could not open the socket (WxCC down, tokens gone): free it for a later try.
          owned.delete(agentId);
          await backend
            .release(key, instanceId)
            .catch((err: unknown) => options.log?.('could not free a lease', { agentId, err }));
          throw error;
        }
        return true;
      })().finally(() => claiming.delete(agentId));
      claiming.set(agentId, pending);
    }
    return pending;
  }

  /** Gives the lease up (sign-out, shutdown): another instance may adopt at once. */
  async function release(agentId: string): Promise<void> {
    if (!owned.delete(agentId)) return;
    await backend
      .release(keys.owner(agentId), instanceId)
      .catch((err: unknown) => options.log?.('could not give a lease back', { agentId, err }));
  }

  async function renewAll(): Promise<void> {
    await Promise.all(
      [...owned].map(async (agentId) => {
        const key = keys.owner(agentId);
        let kept: boolean;
        try {
          kept =
            (await backend.renew(key, instanceId, leaseMs)) ||
            (await backend.acquire(key, instanceId, leaseMs));
        } catch {
          // Redis away: nobody else can take the lease either, so the socket stays as it is.
          return;
        }
        if (!kept && owned.delete(agentId)) {
          options.log?.('socket lease lost to another instance', { agentId });
          options.onLost(agentId);
        }
      }),
    );
  }

  async function sweep(): Promise<void> {
    const wanted = [...(await options.wanted())].filter((id) => !owned.has(id));
    const holders = await backend.holders(wanted.map(keys.owner));
    const orphans = wanted.filter((_, i) => holders[i] === undefined);
    // A few at a time: a survivor adopting hundreds of agents must not open them all at once.
    let next = 0;
    const worker = async () => {
      while (next < orphans.length) {
        const agentId = orphans[next++]!;
        await claim(agentId).then(
          (mine) =>
            mine && options.log?.('adopted an agent whose socket had no holder', { agentId }),
          () => undefined,
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(ADOPT_AT_ONCE, orphans.length) }, worker));
    await options.onSweep?.([...owned]);
  }

  function every(ms: number, task: () => Promise<void>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      void task()
        .catch((err: unknown) => options.log?.(`lease ${task.name} failed`, { err }))
        .finally(() => (running = false));
    }, ms);
    timer.unref();
    timers.push(timer);
  }

  return {
    claim,
    release,
    owns: (agentId: string) => owned.has(agentId),
    owned: () => [...owned],
    /** Starts renewing and sweeping; tests call the steps by hand instead. */
    start(): void {
      every(renewEveryMs, renewAll);
      every(sweepEveryMs, sweep);
    },
    renewAll,
    sweep,
    /** Graceful: stop and give every lease back so survivors adopt at once. */
    async stop(): Promise<void> {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.all([...owned].map(release));
    },
    /** A crash: stop renewing without giving anything back (tests of fail-over). */
    halt(): void {
      stopped = true;
      for (const t of timers) clearInterval(t);
      owned.clear();
    },
  };
}
