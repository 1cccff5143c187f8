// Timers of one sandbox, so close() can cancel every pending event and delayed answer at once.
// The scheduler is injectable so tests can run long timers (RONA) at once instead of sleeping.

export interface Scheduler {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class Timers {
  private readonly pending = new Set<unknown>();

  constructor(private readonly scheduler: Scheduler = realScheduler) {}

  /** Runs `run` after `ms`; the returned function cancels it if it has not run yet. */
  set(run: () => void, ms: number): () => void {
    const handle = this.scheduler.setTimeout(() => {
      this.pending.delete(handle);
      // A failing callback (e.g. writing to a socket just closed) must not crash the process.
      try {
        run();
      } catch {
        // nothing to do: the sandbox keeps serving
      }
    }, ms);
    this.pending.add(handle);
    return () => {
      if (this.pending.delete(handle)) this.scheduler.clearTimeout(handle);
    };
  }

  clearAll(): void {
    for (const handle of this.pending) this.scheduler.clearTimeout(handle);
    this.pending.clear();
  }
}
