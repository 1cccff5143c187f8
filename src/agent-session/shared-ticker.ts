// One timer per period for every periodic task of that period (each WxCC socket's keepalive, each
// live page stream's heartbeat): 1,000 agents cost one interval, not 2,000, and no timer objects
// of their own. A task's first run comes within one period of joining, not exactly one after.
//
// The tasks of a period are spread over SLICES turns of the timer, each task in one turn: walked
// all at once, 1,000 keepalives were one burst of socket writes every 4 s that held every WxCC
// event arriving meanwhile (the fan-out bench's slowest pushes); now each turn writes a sixteenth.

type Task = () => void;

/** Turns per period: the timer fires this many times a period and runs one slice each time. */
const SLICES = 16;

interface Ticker {
  slices: Set<Task>[];
  size: number;
  timer: NodeJS.Timeout;
}

const tickers = new Map<number, Ticker>();

/** Runs `task` every `periodMs` (to within SLICES ms) until the returned function is called. */
export function everyPeriod(periodMs: number, task: Task): () => void {
  let ticker = tickers.get(periodMs);
  if (ticker === undefined) {
    const slices = Array.from({ length: SLICES }, () => new Set<Task>());
    let turn = 0;
    const timer = setInterval(
      () => {
        const slice = slices[turn]!;
        turn = (turn + 1) % SLICES;
        // A task may leave (or another join) while the slice is walked: walk a copy.
        for (const run of [...slice]) {
          try {
            run();
          } catch {
            // One task's failure (a socket closed under it) must not skip the others.
          }
        }
      },
      Math.max(1, Math.floor(periodMs / SLICES)),
    );
    // Periodic upkeep never keeps the process alive at shutdown.
    timer.unref();
    ticker = { slices, size: 0, timer };
    tickers.set(periodMs, ticker);
  }
  const mine = ticker;
  // A Set keeps one entry per function: wrapped, the same function may join twice.
  const entry: Task = () => task();
  // The slice with the fewest tasks, so the turns stay even as agents come and go.
  const slice = mine.slices.reduce((a, b) => (b.size < a.size ? b : a));
  slice.add(entry);
  mine.size += 1;
  return () => {
    if (!slice.delete(entry)) return;
    mine.size -= 1;
    if (mine.size === 0 && tickers.get(periodMs) === mine) {
      clearInterval(mine.timer);
      tickers.delete(periodMs);
    }
  };
}

/** How many tasks share each period's timer (tests, benchmarks). */
export function tickerLoad(): Record<number, number> {
  return Object.fromEntries([...tickers].map(([period, t]) => [period, t.size]));
}
