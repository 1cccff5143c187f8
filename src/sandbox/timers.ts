// Timers of one sandbox, so close() can cancel every pending event and delayed answer at once.
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  set(run: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      // A failing callback (e.g. writing to a socket just closed) must not crash the process.
      try {
        run();
      } catch {
        // nothing to do: the sandbox keeps serving
      }
    }, ms);
    this.pending.add(timer);
  }

  clearAll(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
