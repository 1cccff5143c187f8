// One timer per period for every periodic task of that period (each WxCC socket's keepalive, each
// live page stream's heartbeat): 1,000 agents cost one interval, not 2,000, and no timer objects
// of their own. A task's first run comes within one period of joining, not exactly one after.

type Task = () => void;

interface Ticker {
  tasks: Set<Task>;
  timer: NodeJS.Timeout;
}

const tickers = new Map<number, Ticker>();

/** Runs `task` every `periodMs` until the returned function is called. */
export function everyPeriod(periodMs: number, task: Task): () => void {
  let ticker = tickers.get(periodMs);
  if (ticker === undefined) {
    const tasks = new Set<Task>();
    const timer = setInterval(() => {
      // A task may leave (or another join) while the set is walked: walk a copy.
      for (const run of [...tasks]) {
        try {
          run();
        } catch {
          // One task's failure (a socket closed under it) must not skip the others.
        }
      }
    }, periodMs);
    // Periodic upkeep never keeps the process alive at shutdown.
    timer.unref();
    ticker = { tasks, timer };
    tickers.set(periodMs, ticker);
  }
  const mine = ticker;
  // A Set keeps one entry per function: wrapped, the same function may join twice.
  const entry: Task = () => task();
  mine.tasks.add(entry);
  return () => {
    mine.tasks.delete(entry);
    if (mine.tasks.size === 0 && tickers.get(periodMs) === mine) {
      clearInterval(mine.timer);
      tickers.delete(periodMs);
    }
  };
}

/** How many tasks share each period's timer (tests, benchmarks). */
export function tickerLoad(): Record<number, number> {
  return Object.fromEntries([...tickers].map(([period, t]) => [period, t.tasks.size]));
}
