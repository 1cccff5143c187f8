// Auto wrap-up on the server: the default code is sent when the profile's timer runs out, page open or not.
import type { ContactDirectoryService, WrapUpCode } from './contact-directory';
import type {
  ActionOutcome,
  SharedWrapUpTimers,
  StationContext,
  StationService,
} from './station-service';
import type { StationSnapshot } from './station-types';

export interface AutoWrapUpOptions {
  station: StationService;
  directory: ContactDirectoryService;
  sendWrapUp: (ctx: StationContext, id: string, code: WrapUpCode) => Promise<ActionOutcome>;
  log?: (event: string, details?: Record<string, unknown>) => void;
  now?: () => number;
  /** Shared deadlines and the one send across instances; default: the station service's. */
  shared?: SharedWrapUpTimers;
}

/** A timer that fires within this of a shared deadline has nothing left to wait for. */
const LATE_MS = 250;

/** One process alone: its own deadlines, and it always sends. */
function localTimers(): SharedWrapUpTimers {
  const deadlines = new Map<string, number>();
  return {
    deadline: (agentId, id) => Promise.resolve(deadlines.get(`${agentId}:${id}`)),
    setDeadline: (agentId, id, at) => Promise.resolve(void deadlines.set(`${agentId}:${id}`, at)),
    claim: () => Promise.resolve(true),
  };
}

interface Timer {
  deadline: number;
  handle: NodeJS.Timeout;
}

interface Tracked {
  /** The agent: the wrap-up may be sent long after the request ended (tokens: the token store). */
  ctx: StationContext;
  timers: Map<string, Timer>;
  /** Deadlines the agent pushed back; they win over the profile's timer. */
  extended: Map<string, number>;
  /** Contacts already auto-wrapped: a refused wrap-up is not retried in a loop. */
  fired: Set<string>;
  /** The newest snapshot heard: an older one resolving late must not undo what it says. */
  latest?: StationSnapshot;
  stop: () => void;
}

export function createAutoWrapUp(options: AutoWrapUpOptions) {
  const { station, directory } = options;
  const now = options.now ?? Date.now;
  const agents = new Map<string, Tracked>();
  const shared = options.shared ?? station.wrapUpTimers ?? localTimers();

  function track(ctx: StationContext): void {
    const agentId = ctx.agent.agentId;
    if (agents.has(agentId)) return;
    const entry: Tracked = {
      ctx: { agent: ctx.agent },
      timers: new Map(),
      extended: new Map(),
      fired: new Set(),
      stop: () => undefined,
    };
    agents.set(agentId, entry);
    station
      .watch(agentId, {
        onSnapshot: (snapshot) => {
          entry.latest = snapshot;
          void reconcile(entry, snapshot);
        },
        onEnd: () => forget(agentId),
      })
      .then(
        (stop) => {
          // Forgotten while the watch was being set up: let go at once.
          if (agents.get(agentId) === entry) entry.stop = stop;
          else stop();
        },
        () => forget(agentId),
      );
    // The first look; a snapshot the watch delivered meanwhile is newer and wins.
    station.snapshot(entry.ctx).then(
      (snapshot) => {
        if (entry.latest) return;
        entry.latest = snapshot;
        return reconcile(entry, snapshot);
      },
      () => undefined,
    );
  }

  async function reconcile(entry: Tracked, snapshot: StationSnapshot): Promise<void> {
    const wrapping = Object.values(snapshot.contacts.items).filter((c) => c.state === 'wrapup');
    const ids = new Set(wrapping.map((c) => c.interactionId));
    for (const [id, timer] of entry.timers) {
      if (!ids.has(id)) {
        clearTimeout(timer.handle);
        entry.timers.delete(id);
        entry.extended.delete(id);
      }
    }
    for (const id of entry.fired) if (!ids.has(id)) entry.fired.delete(id);
    if (wrapping.length === 0) return;
    const dir = await directory.forAgent(entry.ctx).catch(() => undefined);
    // A newer snapshot arrived while the directory loaded: it reconciles for itself (the contact
    // may already be wrapped up, and a timer set now would send a stale wrap-up).
    if (entry.latest !== snapshot) return;
    const seconds = dir?.autoWrapUpSeconds;
    const code = dir?.defaultWrapUp;
    if (!seconds || !code) return;
    for (const contact of wrapping) {
      const id = contact.interactionId;
      if (entry.timers.has(id) || entry.fired.has(id)) continue;
      const deadline =
        entry.extended.get(id) ?? (contact.wrapUpStartedAt ?? now()) + seconds * 1000;
      schedule(entry, id, deadline, code);
    }
  }

  function schedule(entry: Tracked, id: string, deadline: number, code: WrapUpCode): void {
    clearTimeout(entry.timers.get(id)?.handle);
    const handle = setTimeout(
      () => void fire(entry, id, code).catch(() => undefined),
      Math.max(0, deadline - now()),
    );
    handle.unref();
    entry.timers.set(id, { deadline, handle });
  }

  /**
   * Every instance that served the agent keeps a timer: "More time" may have been chosen on
   * another one (its deadline is shared), and only one of them sends the code.
   */
  async function fire(entry: Tracked, id: string, code: WrapUpCode): Promise<void> {
    const agentId = entry.ctx.agent.agentId;
    entry.timers.delete(id);
    const later = await shared.deadline(agentId, id).catch(() => undefined);
    if (later !== undefined && later > now() + LATE_MS) {
      entry.extended.set(id, later);
      return schedule(entry, id, later, code);
    }
    entry.fired.add(id);
    if (!(await shared.claim(agentId, id).catch(() => true))) return;
    options.log?.('auto wrap-up', { agentId, interactionId: id });
    await options.sendWrapUp(entry.ctx, id, code).catch((error: unknown) => {
      options.log?.('auto wrap-up failed', {
        agentId,
        interactionId: id,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  }

  /** Pushes the deadline back by the profile's full interval, from now. */
  function extend(agentId: string, id: string, seconds: number): void {
    const entry = agents.get(agentId);
    if (!entry) return;
    const deadline = now() + seconds * 1000;
    entry.extended.set(id, deadline);
    void shared.setDeadline(agentId, id, deadline).catch(() => undefined);
    directory.forAgent(entry.ctx).then(
      (dir) => {
        if (dir.defaultWrapUp && !entry.fired.has(id))
          schedule(entry, id, deadline, dir.defaultWrapUp);
      },
      // No directory, no new timer: the profile's own one stands.
      () => undefined,
    );
  }

  function deadlineOf(agentId: string, id: string): number | undefined {
    return agents.get(agentId)?.timers.get(id)?.deadline;
  }

  function forget(agentId: string): void {
    const entry = agents.get(agentId);
    if (!entry) return;
    for (const timer of entry.timers.values()) clearTimeout(timer.handle);
    entry.stop();
    agents.delete(agentId);
  }

  function close(): void {
    for (const agentId of [...agents.keys()]) forget(agentId);
  }

  return { track, extend, deadlineOf, close };
}
