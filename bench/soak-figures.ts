// The soak's arithmetic: reading the desktop's /metrics text, a histogram's p99 over one minute,
// and the rule that says whether the minutes stayed flat.
import { round } from './stats';

/** One sample line of the Prometheus text format: name, labels, value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]!] = pair[2]!;
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The one value of a metric without labels (or the sum over its labels). */
export function valueOf(samples: Sample[], name: string, where: Record<string, string> = {}) {
  return samples
    .filter((s) => s.name === name)
    .filter((s) => Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** The desktop's calls to Webex and WxCC (its upstream counter), by `METHOD /endpoint`. */
export function upstreamByEndpoint(samples: Sample[]): Map<string, number> {
  const byEndpoint = new Map<string, number>();
  for (const s of samples)
    if (s.name === 'wxcc_desktop_upstream_requests_total') {
      const key = `${s.labels.method ?? ''} ${s.labels.endpoint ?? ''}`;
      byEndpoint.set(key, (byEndpoint.get(key) ?? 0) + s.value);
    }
  return byEndpoint;
}

/** What each count of `after` grew by since `before`. */
export function countsBetween(
  before: Map<string, number>,
  after: Map<string, number>,
): Map<string, number> {
  return new Map([...after].map(([key, n]) => [key, n - (before.get(key) ?? 0)]));
}

/** A histogram's cumulative bucket counts by upper bound (`le`), +Inf last. */
export function bucketsOf(samples: Sample[], name: string): [number, number][] {
  return samples
    .filter((s) => s.name === `${name}_bucket`)
    .map((s): [number, number] => [
      s.labels.le === '+Inf' ? Infinity : Number(s.labels.le),
      s.value,
    ])
    .sort((a, b) => a[0] - b[0]);
}

/**
 * The q-quantile of what a histogram counted between two scrapes (cumulative buckets), found by
 * linear interpolation inside its bucket as Prometheus's histogram_quantile does. NaN when the
 * window counted nothing; the highest finite bound when the quantile falls in +Inf.
 */
export function quantileBetween(
  before: [number, number][],
  after: [number, number][],
  q: number,
): number {
  const counts = after.map(([le, n], i) => [le, n - (before[i]?.[1] ?? 0)] as [number, number]);
  const total = counts[counts.length - 1]?.[1] ?? 0;
  if (total <= 0) return NaN;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [le, cumulative] of counts) {
    if (cumulative >= rank) {
      if (le === Infinity) return lower;
      return lower + ((le - lower) * (rank - below)) / Math.max(1, cumulative - below);
    }
    lower = le;
    below = cumulative;
  }
  return lower;
}

/** Least-squares slope of `ys` against 0, 1, 2, … (units of y per step). */
export function slope(ys: number[]): number {
  const n = ys.length;
  if (n < 2) return NaN;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

/** What each minute of the soak reports. */
export interface Minute {
  minute: number;
  /** Median of the minute's samples of the desktop's resident set. */
  rssMiB: number;
  /** Lowest heap used the minute saw: the floor after collections, where a leak shows. */
  heapUsedFloorMiB: number;
  /** Event-loop delay p99, the worst of the minute's 5-second windows. */
  eventLoopP99Ms: number;
  /** WxCC event time → pushed to a page, p99 over the minute (desktop's histogram). */
  eventLagP99Ms: number;
  eventsPushed: number;
  /** Requests this client sent to the desktop, and those that failed (any cause). */
  requests: number;
  errors: number;
  /** Calls the desktop made to WxCC and Webex, and those that failed (5xx, 429, no answer). */
  upstreamCalls: number;
  upstreamFailures: number;
  cyclesDone: number;
  loadAverage: number;
  /**
   * Most connections seen waiting in the desktop's accept queue (sampled every 5 s), and the
   * slowest /metrics answer on a new connection: a desktop that answers its open connections but
   * leaves new ones waiting shows here (reported, not judged).
   */
  acceptQueueMax?: number;
  /**
   * The desktop's SQLite file with its WAL at the minute's end: SQLite's page cache (up to
   * 16 MiB per connection in better-sqlite3's build) fills with it, and counts in the RSS.
   */
  sqliteMiB?: number;
  scrapeMsMax?: number;
}

/**
 * The rule for "flat": from minute 2 on (minute 1 warms caches and V8's generations up), the
 * least-squares slope of the RSS medians stays below 1% of their mean per minute (at least
 * 2 MiB/min: a run of minutes on a shared machine moves by a few MiB), and the slope of the heap
 * floor below 1 MiB/min. A leak of 1 KiB per contact cycle at the default rate (1,000 agents, a cycle
 * each 2 minutes) grows the heap by 0.5 MiB a minute; the rule catches 2 KiB. At least 3 minutes
 * from minute 2 on are needed for a slope worth judging; shorter runs are "not judged".
 */
export function judge(minutes: Minute[]) {
  const steady = minutes.filter((m) => m.minute >= 2);
  const errors = minutes.reduce((sum, m) => sum + m.errors, 0);
  if (steady.length < 3) {
    return {
      flat: undefined,
      errors,
      pass: errors === 0,
      why: 'fewer than 3 minutes from minute 2 on: flatness not judged',
    };
  }
  const rss = steady.map((m) => m.rssMiB);
  const meanRss = rss.reduce((a, b) => a + b, 0) / rss.length;
  const rssLimit = Math.max(2, meanRss * 0.01);
  const rssSlope = slope(rss);
  const heapSlope = slope(steady.map((m) => m.heapUsedFloorMiB));
  const lagSlope = slope(steady.map((m) => m.eventLagP99Ms).filter(Number.isFinite));
  // A minute without one answer from /metrics is a desktop too busy to be measured: not flat.
  const blind = steady.filter((m) => !Number.isFinite(m.heapUsedFloorMiB)).map((m) => m.minute);
  const flat = blind.length === 0 && rssSlope <= rssLimit && heapSlope <= 1;
  const why = [
    ...(blind.length > 0 ? [`no /metrics answer in minutes ${blind.join(', ')}`] : []),
    `RSS slope ${round(rssSlope)} MiB/min (limit ${round(rssLimit)})`,
    `heap floor slope ${round(heapSlope)} MiB/min (limit 1)`,
    `event lag p99 slope ${round(lagSlope)} ms/min (reported, not judged)`,
    `${errors} errors`,
  ].join('; ');
  return {
    flat,
    errors,
    pass: flat && errors === 0,
    rssSlopeMiBPerMin: round(rssSlope),
    rssLimitMiBPerMin: round(rssLimit),
    heapFloorSlopeMiBPerMin: round(heapSlope),
    eventLagP99SlopeMsPerMin: round(lagSlope),
    why,
  };
}
