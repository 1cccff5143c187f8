// `npm run bench -- soak`: the built desktop (its sandbox in another process) holds BENCH_AGENTS
// agents for BENCH_MINUTES while each runs a contact cycle about every BENCH_CYCLE_SECONDS; every
// minute reports the desktop's memory, event-loop delay, event lag, requests and errors (read from
// its /metrics and from this client), and the run passes only if the minutes stay flat with no error.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { build, freePort, startDesktopProcess, startSandboxProcess } from './processes';
import { SoakAgent, type Tally } from './soak-agent';
import {
  bucketsOf,
  judge,
  parseMetrics,
  quantileBetween,
  valueOf,
  type Minute,
  type Sample,
} from './soak-figures';
import { mib, round, runConcurrent } from './stats';

export interface SoakOptions {
  agents: number;
  minutes: number;
  /** Mean seconds between the starts of one agent's contact cycles (each is jittered ±50%). */
  cycleSeconds: number;
  /**
   * After these minutes, asks the desktop for a V8 heap snapshot (`--heapsnapshot-signal`),
   * written into test-results/heap/. Each pauses the desktop for seconds
   * (on a loaded machine long enough for its WxCC sockets to reconnect), so compare the snapshots
   * taken after the last minute of a short and of a longer run rather than two of one run.
   */
  heapSnapshotMinutes?: number[];
  /** Extra node flags for the desktop (BENCH_DESKTOP_ARGS), e.g. `--cpu-prof --cpu-prof-dir=…`. */
  desktopArgs?: string[];
}

const SAMPLE_EVERY_MS = 5000;
const P = 'wxcc_desktop_';

export async function benchSoak(options: SoakOptions) {
  const { agents, minutes, cycleSeconds } = options;
  build();
  const port = await freePort();
  const sandbox = await startSandboxProcess(`http://127.0.0.1:${port}/oauth`, agents);
  const token = randomBytes(16).toString('hex');
  const desktop = await startDesktopProcess(port, sandbox.url, { METRICS_TOKEN: token }, [
    ...(options.heapSnapshotMinutes?.length
      ? ['--heapsnapshot-signal=SIGUSR2', '--diagnostic-dir=test-results/heap']
      : []),
    ...(options.desktopArgs ?? []),
  ]);
  const scrape = async (): Promise<Sample[]> => {
    const response = await fetch(`${desktop.url}/metrics`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
    return parseMetrics(await response.text());
  };
  const tally: Tally = { requests: 0, errors: 0, reasons: {} };
  const soakAgents: SoakAgent[] = [];
  try {
    const setupFailures: Record<string, number> = {};
    const setup = await runConcurrent(agents, 10, async (i) => {
      const agent = new SoakAgent(
        desktop.url,
        sandbox.url,
        sandbox.agentIds[i]!,
        `+1415700${String(i).padStart(4, '0')}`,
        tally,
        '127.0.0.1',
      );
      try {
        await agent.start();
        soakAgents.push(agent);
      } catch (error) {
        // Counted and judged as errors; the soak goes on with the agents that are in.
        const reason = error instanceof Error ? error.message : String(error);
        setupFailures[reason] = (setupFailures[reason] ?? 0) + 1;
        agent.close();
      }
    });
    const failedToStart = Object.values(setupFailures).reduce((a, b) => a + b, 0);
    console.log(
      `${agents - failedToStart} of ${agents} agents connected in ${round(setup.seconds, 1)} s; soaking ${minutes} min`,
    );

    const started = Date.now();
    const deadline = started + minutes * 60_000;
    let cyclesDone = 0;
    const shifts = soakAgents.map(async (agent) => {
      // Spread over the first cycle, so the load is steady from the start.
      await sleep(Math.random() * cycleSeconds * 1000);
      while (Date.now() < deadline) {
        const begun = Date.now();
        await agent.cycle();
        cyclesDone += 1;
        const pause = cycleSeconds * 1000 * (0.5 + Math.random()) - (Date.now() - begun);
        await sleep(Math.min(Math.max(0, pause), Math.max(0, deadline - Date.now())));
      }
    });

    const report: Minute[] = [];
    let previous = await scrape();
    let seen = { requests: 0, errors: 0, cycles: 0 };
    for (let minute = 1; minute <= minutes; minute += 1) {
      const rss: number[] = [];
      const acceptQueue: number[] = [];
      const scrapeMs: number[] = [];
      const heap: number[] = [];
      const loopP99: number[] = [];
      let now = previous;
      while (Date.now() < started + minute * 60_000) {
        await sleep(Math.min(SAMPLE_EVERY_MS, started + minute * 60_000 - Date.now()));
        // RSS comes from /proc whatever the desktop answers; a scrape it does not answer leaves
        // the minute's other figures blind (judge() says so).
        rss.push(desktop.rssMiB());
        acceptQueue.push(acceptQueueOf(port));
        const asked = performance.now();
        const answered = await scrape().catch(() => undefined);
        scrapeMs.push(performance.now() - asked);
        if (answered === undefined) continue;
        now = answered;
        heap.push(valueOf(now, `${P}nodejs_heap_size_used_bytes`));
        loopP99.push(valueOf(now, `${P}nodejs_eventloop_lag_p99_seconds`));
      }
      const upstream = (samples: Sample[], failedOnly: boolean) =>
        samples
          .filter((s) => s.name === `${P}upstream_requests_total`)
          .filter(
            (s) =>
              !failedOnly ||
              s.labels.status === 'error' ||
              /^(5\d\d|429)$/.test(s.labels.status ?? ''),
          )
          .reduce((sum, s) => sum + s.value, 0);
      const lag = `${P}event_lag_seconds`;
      const row: Minute = {
        minute,
        rssMiB: median(rss),
        heapUsedFloorMiB: mib(Math.min(...heap)),
        eventLoopP99Ms: round(Math.max(...loopP99) * 1000, 1),
        eventLagP99Ms: round(
          quantileBetween(bucketsOf(previous, lag), bucketsOf(now, lag), 0.99) * 1000,
          1,
        ),
        eventsPushed: valueOf(now, `${lag}_count`) - valueOf(previous, `${lag}_count`),
        requests: tally.requests - seen.requests,
        errors: tally.errors - seen.errors,
        upstreamCalls: upstream(now, false) - upstream(previous, false),
        upstreamFailures: upstream(now, true) - upstream(previous, true),
        cyclesDone: cyclesDone - seen.cycles,
        loadAverage: round(loadavg()[0]!, 1),
        sqliteMiB: filesMiB(desktop.dataDir),
        acceptQueueMax: Math.max(...acceptQueue),
        scrapeMsMax: round(Math.max(...scrapeMs), 0),
      };
      report.push(row);
      if (options.heapSnapshotMinutes?.includes(minute)) {
        process.kill(desktop.pid, 'SIGUSR2');
        console.log(
          `heap snapshot asked of the desktop (pid ${desktop.pid}) after minute ${minute}`,
        );
      }
      console.log(JSON.stringify(row));
      seen = { requests: tally.requests, errors: tally.errors, cycles: cyclesDone };
      previous = now;
    }
    // Cycles still running at the deadline finish; their failures count against the last minute.
    await Promise.all(shifts);
    report[report.length - 1]!.errors += tally.errors - seen.errors;
    const soaked = judge(report);
    const verdict = {
      ...soaked,
      pass: soaked.pass && failedToStart === 0,
      why: `${soaked.why}; ${failedToStart} agents failed to start`,
    };
    return {
      agents,
      minutes,
      cycleSeconds,
      setupSeconds: round(setup.seconds, 1),
      setupFailures,
      perMinute: report,
      errorReasons: tally.reasons,
      sandboxRssMiB: sandbox.rssMiB(),
      desktopLog: desktop.logFile,
      verdict,
    };
  } finally {
    for (const agent of soakAgents) agent.close();
    await Promise.all([desktop.stop(), sandbox.stop()]);
  }
}

/** The minutes as an aligned table for the terminal. */
export function soakTable(minutes: Minute[]): string {
  const columns: [keyof Minute, string][] = [
    ['minute', 'min'],
    ['rssMiB', 'RSS MiB'],
    ['heapUsedFloorMiB', 'heap floor MiB'],
    ['eventLoopP99Ms', 'loop p99 ms'],
    ['eventLagP99Ms', 'event lag p99 ms'],
    ['eventsPushed', 'events'],
    ['requests', 'requests'],
    ['errors', 'errors'],
    ['upstreamCalls', 'upstream'],
    ['upstreamFailures', 'upstream failed'],
    ['cyclesDone', 'cycles'],
    ['loadAverage', 'load'],
    ['sqliteMiB', 'SQLite MiB'],
    ['acceptQueueMax', 'accept queue'],
    ['scrapeMsMax', 'scrape ms'],
  ];
  const rows = [
    columns.map(([, title]) => title),
    ...minutes.map((m) => columns.map(([k]) => String(m[k]))),
  ];
  const widths = columns.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padStart(widths[i]!)).join('  ')).join('\n');
}

/** Size of the files in `dir` (the SQLite file, its WAL and shared memory index). */
function filesMiB(dir: string): number {
  const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
  return mib(bytes);
}

/**
 * Connections waiting in the listening socket's accept queue (handshake done, not yet accepted
 * by the process): the rx_queue of the LISTEN row of /proc/net/tcp; -1 when it cannot be read.
 */
function acceptQueueOf(port: number): number {
  try {
    const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
    for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f[1] === local && f[3] === '0A') return parseInt(f[4]!.split(':')[1]!, 16);
    }
  } catch {
    // Not Linux: the figure is missing, the soak goes on.
  }
  return -1;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
