// `npm run bench -- agents`: the built desktop alone in its process (the sandbox in another) under
// a shift-start storm: every agent connects and logs in to a station, then keeps its live page
// stream open; reports the storm's time and per-agent latency, every failure, the desktop's RSS
// and what each process (desktop, sandbox, this client) used of the shared CPU.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { AgentClient } from './agent-client';
import {
  build,
  freePort,
  memoryBreakdown,
  startDesktopProcess,
  startSandboxProcess,
} from './processes';
import { loginStation, signIn } from './sign-in';
import { inputValue } from '../test/helpers/http-browser';
import { PROJECT_ROOT } from '../src/project-root';
import { countsBetween, parseMetrics, upstreamByEndpoint } from './soak-figures';
import { randomBytes } from 'node:crypto';
import { kibPerAgent, round, runConcurrent, summarize } from './stats';
import { perUnit, retainedByKind, type HeapSnapshotJson } from './heap-retained';
import { measureConnectionFloor } from './connection-floor-bench';

export interface AgentsBenchOptions {
  agents: number;
  /** Agents that start at the same moment. */
  concurrency: number;
  /** Distinct client addresses (127.0.0.1 …); 1 is a whole office behind one address. */
  addresses: number;
  /** Extra node flags for the desktop (e.g. `--cpu-prof`), after npm start's so they win; BENCH_DESKTOP_ARGS. */
  desktopArgs?: string[];
  /** Extra environment for the desktop (e.g. MALLOC_ARENA_MAX), from BENCH_DESKTOP_ENV. */
  desktopEnv?: Record<string, string>;
  /** Writes a heap snapshot of the desktop with every agent connected (BENCH_HEAP_SNAPSHOT=1). */
  heapSnapshot?: boolean;
  /**
   * Other agents (BENCH_WARMUP_AGENTS) who sign in, log in and sign out before the storm: the
   * storm then meets a process whose hot code V8 has compiled already, as a shift start does on an
   * instance that served the shift before. 0 (the default) measures a process just started.
   */
  warmupAgents?: number;
  /** Another checkout's build to measure (BENCH_DESKTOP_ROOT, its dependencies installed). */
  desktopRoot?: string;
  /** Measures the connection floor after the storm (default; BENCH_FLOOR=0 leaves it out). */
  floor?: boolean;
}

/**
 * In this checkout, absolute: a desktop built in another (BENCH_DESKTOP_ROOT) runs from there, and
 * a relative directory put its snapshot where this bench did not look (it waited until killed).
 */
const SNAPSHOT_DIR = path.join(PROJECT_ROOT, 'test-results', 'heap');

/** Asks the desktop (started with --heapsnapshot-signal) for a snapshot; resolves with its file. */
async function writeHeapSnapshot(pid: number): Promise<string> {
  const before = new Set(existsSync(SNAPSHOT_DIR) ? readdirSync(SNAPSHOT_DIR) : []);
  process.kill(pid, 'SIGUSR2');
  let size = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const file = readdirSync(SNAPSHOT_DIR).find((f) => !before.has(f));
    if (!file) continue;
    const now = statSync(path.join(SNAPSHOT_DIR, file)).size;
    if (now === size && now > 0) return path.join(SNAPSHOT_DIR, file);
    size = now;
  }
}

function heapPerAgent(file: string, agents: number) {
  const { totalBytes, rows } = retainedByKind(
    JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshotJson,
  );
  return {
    liveMB: round(totalBytes / 1e6, 1),
    // "2 x WithAppPrototype: 8,551 B": two such objects an agent, keeping 8,551 bytes alive.
    kinds: perUnit(rows, agents).map(
      (r) =>
        `${round(r.count / agents, 1)} x ${r.kind}: ${Math.round(r.retainedBytes / agents).toLocaleString('en')} B`,
    ),
  };
}

/**
 * Signs each agent in, logs in a station and signs out (which logs the station out), 50 at a time;
 * resolves with how many made it through, once the desktop has let go of their sockets.
 */
async function warmUp(
  desktopUrl: string,
  agentIds: string[],
  fail: (error: unknown) => void,
): Promise<number> {
  let done = 0;
  await runConcurrent(agentIds.length, 50, async (i) => {
    const client = new AgentClient();
    try {
      const form = await signIn(client, desktopUrl, agentIds[i]);
      const page = await loginStation(client, form, `+1415800${String(i).padStart(4, '0')}`);
      const out = await client.post(`${desktopUrl}/signout`, {
        _csrf: inputValue(page.text, '_csrf') ?? '',
      });
      if (out.status !== 303) throw new Error(`warm-up sign-out answered ${out.status}`);
      done += 1;
    } catch (error) {
      fail(error);
    } finally {
      client.close();
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return done;
}

/** Samples the 1-minute load average every 5 s while the storm runs. */
function sampleLoad() {
  const samples = [loadavg()[0]!];
  const timer = setInterval(() => samples.push(loadavg()[0]!), 5000);
  return () => {
    clearInterval(timer);
    samples.push(loadavg()[0]!);
    return { min: round(Math.min(...samples), 1), max: round(Math.max(...samples), 1) };
  };
}

/**
 * The storm, then the same agents held by the connection floor (connection-floor.ts, unless
 * `floor` is false: BENCH_FLOOR=0): the desktop's RSS and per-agent memory beside the floor's,
 * measured in the same run.
 */
export async function benchAgents(options: AgentsBenchOptions) {
  const desktop = await stormDesktop(options);
  if (options.floor === false) return desktop;
  const floor = await measureConnectionFloor(
    options.agents,
    options.concurrency,
    options.addresses,
  );
  const { atStart, settled20s } = desktop.desktopRssMiB;
  return {
    ...desktop,
    connectionFloor: floor,
    // What the desktop holds beyond the floor: in all, and for each connected agent.
    desktopOverFloor: {
      settledMiB: round(settled20s - floor.rssMiB.settled20s, 1),
      perAgentKiB: round(kibPerAgent(atStart, settled20s, options.agents) - floor.perAgentKiB, 1),
    },
  };
}

async function stormDesktop(options: AgentsBenchOptions) {
  const { agents, concurrency, addresses } = options;
  const warmup = options.warmupAgents ?? 0;
  build(options.desktopRoot);
  const port = await freePort();
  const sandbox = await startSandboxProcess(`http://127.0.0.1:${port}/oauth`, agents + warmup);
  if (options.heapSnapshot) mkdirSync(SNAPSHOT_DIR, { recursive: true });
  const snapshotArgs = options.heapSnapshot
    ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${SNAPSHOT_DIR}`]
    : [];
  const metricsToken = randomBytes(16).toString('hex');
  const desktop = await startDesktopProcess(
    port,
    sandbox.url,
    { METRICS_TOKEN: metricsToken, ...options.desktopEnv },
    [...snapshotArgs, ...(options.desktopArgs ?? [])],
    options.desktopRoot,
  );
  /** Calls the desktop made to Webex and WxCC so far, by method and endpoint (its own /metrics). */
  const upstreamCalls = async () => {
    const response = await fetch(`${desktop.url}/metrics`, {
      headers: { Authorization: `Bearer ${metricsToken}` },
    });
    return upstreamByEndpoint(parseMetrics(await response.text()));
  };
  const clients: AgentClient[] = [];
  const failures: Record<string, number> = {};
  const fail = (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    failures[reason] = (failures[reason] ?? 0) + 1;
  };
  try {
    const warmed = warmup > 0 ? await warmUp(desktop.url, sandbox.agentIds.slice(agents), fail) : 0;
    const rssAtStart = desktop.rssMiB();
    const cpu0 = { desktop: desktop.cpuSeconds(), sandbox: sandbox.cpuSeconds() };
    const client0 = process.cpuUsage();
    const load = sampleLoad();
    const confirmed: number[] = [];
    AgentClient.resetRetries = {};
    AgentClient.sent = {};
    const upstream0 = await upstreamCalls();
    const storm = await runConcurrent(agents, concurrency, async (i) => {
      const client = new AgentClient(`127.0.0.${1 + (i % addresses)}`);
      clients[i] = client;
      try {
        const form = await signIn(client, desktop.url, sandbox.agentIds[i]);
        const page = await loginStation(client, form, `+1415700${String(i).padStart(4, '0')}`);
        if (!/\/station\/logout/.test(page.text)) throw new Error('station login not confirmed');
        confirmed.push(i);
      } catch (error) {
        fail(error);
      }
    });
    const clientStorm = process.cpuUsage(client0);
    const cpuStorm = {
      desktop: desktop.cpuSeconds() - cpu0.desktop,
      sandbox: sandbox.cpuSeconds() - cpu0.sandbox,
      client: (clientStorm.user + clientStorm.system) / 1e6,
    };
    const loadDuringStorm = load();
    const upstreamStorm = countsBetween(upstream0, await upstreamCalls());
    const upstreamStormTotal = [...upstreamStorm.values()].reduce((a, b) => a + b, 0);
    const sentStorm = { ...AgentClient.sent };
    const rssAfterStorm = desktop.rssMiB();
    const streams = await runConcurrent(confirmed.length, 50, async (n) => {
      await clients[confirmed[n]!]!.openStream(`${desktop.url}/events`).catch(fail);
    });
    // Let the last sockets and streams settle before reading memory.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const allConnected = desktop.rssMiB();
    // The same connections 20 s later: what the storm's garbage left once V8 settled, and what
    // holding every agent costs when nothing happens (keepalives, heartbeats, lease sweeps).
    const idleCpu0 = desktop.cpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    const settled = desktop.rssMiB();
    const idleCpuPercent = round(((desktop.cpuSeconds() - idleCpu0) / 20) * 100, 1);
    const desktopMemory = memoryBreakdown(desktop.pid);
    const heapSnapshot = options.heapSnapshot ? await writeHeapSnapshot(desktop.pid) : undefined;
    const perAgent = (s: number) => round((s * 1000) / Math.max(1, agents), 1);
    return {
      agents,
      concurrency,
      addresses,
      desktopArgs: options.desktopArgs ?? [],
      desktopEnv: options.desktopEnv ?? {},
      // Agents signed in and out before the storm (their memory is in the RSS figures below).
      warmedUpBy: warmed,
      stormSeconds: round(storm.seconds, 1),
      confirmed: confirmed.length,
      perAgentMs: summarize(storm.latencies),
      streamsOpenSeconds: round(streams.seconds, 1),
      failures,
      // Requests sent again after the server closed a keep-alive connection as it was reused.
      clientResetRetries: Object.fromEntries(
        Object.entries(AgentClient.resetRetries).map(([origin, n]) => [
          origin === desktop.url ? 'desktop' : origin === sandbox.url ? 'sandbox' : origin,
          n,
        ]),
      ),
      loadAverageDuringStorm: loadDuringStorm,
      // CPU seconds each process used during the storm; the three share the machine's cores.
      stormCpuSeconds: {
        desktop: round(cpuStorm.desktop, 1),
        sandbox: round(cpuStorm.sandbox, 1),
        client: round(cpuStorm.client, 1),
      },
      // The storm's work per agent: requests the agent's browser sent to the desktop (and to
      // Webex's consent page, the sandbox), and calls the desktop made to Webex and WxCC. Each
      // costs at least the stack's floor per request (the page bench's sessionFloor).
      stormRequestsPerAgent: {
        desktop: round((sentStorm[desktop.url] ?? 0) / Math.max(1, agents), 1),
        webexConsent: round((sentStorm[sandbox.url] ?? 0) / Math.max(1, agents), 1),
        upstreamCalls: round(upstreamStormTotal / Math.max(1, agents), 1),
      },
      // Which calls those are (per agent): what a shift start asks of Webex and WxCC.
      stormUpstreamPerAgent: Object.fromEntries(
        [...upstreamStorm]
          .filter(([, n]) => n > 0)
          .map(([endpoint, n]) => [endpoint, round(n / Math.max(1, agents), 2)]),
      ),
      stormCpuMsPerAgent: {
        desktop: perAgent(cpuStorm.desktop),
        sandbox: perAgent(cpuStorm.sandbox),
        client: perAgent(cpuStorm.client),
      },
      // The desktop's CPU over the sandbox's in the same storm: how fast the shared VM runs moves
      // both (a fifth and more from one hour to the next), so a change shows best in this ratio.
      stormCpuOverSandbox: round(cpuStorm.desktop / Math.max(cpuStorm.sandbox, 1e-9), 2),
      desktopRssMiB: {
        atStart: rssAtStart,
        afterStorm: rssAfterStorm,
        allConnected,
        settled20s: settled,
      },
      desktopMemory,
      // Share of one core the desktop used while holding every agent connected and idle.
      desktopIdleCpuPercent: idleCpuPercent,
      heapSnapshot,
      // What an agent keeps alive in the JS heap, by kind of object (heap-retained.ts): the kinds
      // there are one to eight of per agent, in bytes per agent.
      heapPerAgent: heapSnapshot ? heapPerAgent(heapSnapshot, agents) : undefined,
      sandboxRssMiB: sandbox.rssMiB(),
    };
  } finally {
    for (const client of clients) client?.close();
    await Promise.all([desktop.stop(), sandbox.stop()]);
  }
}
