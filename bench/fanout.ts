// `npm run bench -- fanout`: live fan-out under load. BENCH_AGENTS (1000) agents signed in, logged
// in and holding their live page stream; then a steady BENCH_FANOUT_RATE (100) WxCC events a second
// spread over them, driven through the sandbox's control API (state changes, calls offered, callers
// hanging up); reports event → page latency and the desktop's CPU while it fans them out.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { AgentClient } from './agent-client';
import { build, freePort, startDesktopProcess, startSandboxProcess } from './processes';
import { seedDay } from './seed-day';
import { loginStation, signIn } from './sign-in';
import { round, runConcurrent, summarize } from './stats';
import {
  bucketsOf,
  countsBetween,
  parseMetrics,
  quantileBetween,
  upstreamByEndpoint,
  valueOf,
  type Sample,
} from './soak-figures';

export interface FanoutOptions {
  agents: number;
  /** WxCC events a second on the agents' sockets (the issue's measure), paced as control actions. */
  rate: number;
  seconds: number;
  /** Extra node flags for the desktop (BENCH_DESKTOP_ARGS), e.g. `--cpu-prof --cpu-prof-dir=…`. */
  desktopArgs?: string[];
  /** Calls each agent handled today before the run (BENCH_DAY_CONTACTS): late in a shift. */
  dayContacts?: number;
  /** Another checkout's build to measure (BENCH_DESKTOP_ROOT, its dependencies installed). */
  desktopRoot?: string;
}

/** The agent page's live regions (`data-fragment`), counted per action in the report. */
const REGIONS = new Set(['bar', 'station', 'contacts', 'tools', 'statistics']);

/** Each agent's cycle: Available, a call offered, the caller hangs up, Idle again. */
type Step = 'available' | 'call' | 'hang-up' | 'idle';
const CYCLE: Step[] = ['available', 'call', 'hang-up', 'idle'];
/**
 * The WxCC events each step makes on the agent's socket: a state change one; a call offered two,
 * `AgentContactReserved` then `AgentOfferContact`, as real tenants send them (Cisco's SDK creates
 * the task on the first and rings on the second: services/task/TaskManager.ts; docs/wxcc-api/
 * TASKS.md); a caller hanging up one, `ContactEnded`. The actions are paced so the sockets carry
 * the rate asked in WxCC events (100 actions a second were 125 events), and the report gives the
 * rate the desktop counted (`wxccEventsPerSecond`).
 */
const EVENTS_OF: Record<Step, number> = { available: 1, call: 2, 'hang-up': 1, idle: 1 };
const EVENTS_PER_ACTION = CYCLE.reduce((sum, step) => sum + EVENTS_OF[step], 0) / CYCLE.length;
/**
 * A caller hangs up once the offer is on the agent's page, at the next free slot of the steady
 * rate (not a whole round of the agents later: at 1,000 agents and 100 actions a second that was
 * 10 s of an open call each, and under load the sandbox's cap of open contacts was reached); this
 * long after the offer at the latest, whether or not it reached the page.
 */
const HANG_UP_AFTER_MS = 2000;
/** A control call the sandbox does not answer in this time fails (counted), never holds the run. */
const CONTROL_TIMEOUT_MS = 10_000;

export async function benchFanout(options: FanoutOptions) {
  const { agents, seconds } = options;
  const actionRate = options.rate / EVENTS_PER_ACTION;
  build(options.desktopRoot);
  const port = await freePort();
  const sandbox = await startSandboxProcess(`http://127.0.0.1:${port}/oauth`, agents);
  const token = randomBytes(16).toString('hex');
  const encryptionKey = randomBytes(32).toString('hex');
  const desktop = await startDesktopProcess(
    port,
    sandbox.url,
    { METRICS_TOKEN: token, SESSION_ENCRYPTION_KEY: encryptionKey },
    options.desktopArgs ?? [],
    options.desktopRoot,
  );
  const dayContacts = options.dayContacts ?? 0;
  await seedDay({
    file: path.join(desktop.dataDir, 'sessions.db'),
    encryptionKey,
    agentIds: sandbox.agentIds.slice(0, agents),
    contacts: dayContacts,
    root: options.desktopRoot,
  });
  // The desktop's own count of events pushed to open pages, with their lag from WxCC's stamp.
  const scrape = async (): Promise<Sample[]> => {
    const response = await fetch(`${desktop.url}/metrics`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
    return parseMetrics(await response.text());
  };
  const clients: AgentClient[] = [];
  const failures: Record<string, number> = {};
  const fail = (error: unknown) => {
    // Counted by reason: agent and interaction ids left out, the network's own code kept.
    const cause = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
    const message = error instanceof Error ? error.message : String(error);
    const reason = `${message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}${cause ? ` (${cause})` : ''}`;
    failures[reason] = (failures[reason] ?? 0) + 1;
  };
  try {
    // 1. The shift: every agent signed in, logged in, with its page stream open.
    const ready: number[] = [];
    const pending = new Map<number, { sent: number; station?: number }>();
    // Agents with a call offered and not yet hung up, and those whose caller hangs up next.
    const offered = new Set<number>();
    const hangUps: number[] = [];
    const toStation: number[] = [];
    const toLive: number[] = [];
    // What the pages received during the steady load: `station` events and `live` region pushes.
    const pushes = { station: 0, live: 0, bytes: 0 };
    const regions: Record<string, number> = {};
    let measuring = false;
    const setup = await runConcurrent(agents, 50, async (i) => {
      const client = new AgentClient();
      clients[i] = client;
      try {
        const form = await signIn(client, desktop.url, sandbox.agentIds[i]);
        await loginStation(client, form, `+1415700${String(i).padStart(4, '0')}`);
        await client.openStream(`${desktop.url}/events`, (text) => {
          if (measuring) {
            pushes.station += text.split('event: station').length - 1;
            pushes.live += text.split('event: live').length - 1;
            pushes.bytes += Buffer.byteLength(text);
            // Which regions the pushes carried: their names are the fragments' unescaped keys.
            for (const [, name] of text.matchAll(/"(\w+)":"/g))
              if (REGIONS.has(name!)) regions[name!] = (regions[name!] ?? 0) + 1;
          }
          const waiting = pending.get(i);
          if (waiting === undefined) return;
          const at = performance.now();
          if (waiting.station === undefined && text.includes('event: station')) {
            waiting.station = at;
            toStation.push(at - waiting.sent);
          }
          // The rendered regions the page swaps in: the event has reached the page.
          if (text.includes('event: live')) {
            toLive.push(at - waiting.sent);
            pending.delete(i);
            // The offer is on the page: the caller hangs up at the next slot.
            if (offered.delete(i)) hangUps.push(i);
          }
        });
        ready.push(i);
      } catch (error) {
        fail(error);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));

    // 2. The steady load: one action every 1000/actionRate ms, agents in turn.
    const control = (path: string, body: unknown = {}) =>
      fetch(`${sandbox.url}/_sandbox${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
      }).then(async (r) => {
        const text = await r.text();
        if (!r.ok) throw new Error(`control ${path}: ${r.status} ${text.slice(0, 80)}`);
        return text ? (JSON.parse(text) as { interactionId?: string }) : {};
      });
    const stepOf = new Map<number, number>();
    const calls = new Map<number, Promise<string | undefined>>();
    let sent = 0;
    let missed = 0;
    const act = async (i: number) => {
      const agentId = sandbox.agentIds[i]!;
      const n = stepOf.get(i) ?? 0;
      stepOf.set(i, n + 1);
      const step = CYCLE[n % CYCLE.length]!;
      // An earlier action whose event never reached the page is counted, not waited for.
      if (pending.has(i)) missed += 1;
      pending.set(i, { sent: performance.now() });
      sent += 1;
      if (step === 'available' || step === 'idle')
        await control(`/agents/${agentId}/state`, {
          state: step === 'idle' ? 'Idle' : 'Available',
        });
      else if (step === 'call') {
        // Hung up at the latest this long after, even if the offer never reached the page (or
        // the call failed: the hang-up step then only moves the agent on).
        offered.add(i);
        setTimeout(() => {
          if (offered.delete(i)) hangUps.push(i);
        }, HANG_UP_AFTER_MS).unref();
        // The offer may reach the page before the sandbox answers: the hang-up waits for its id.
        const placed = control(`/agents/${agentId}/call`, {
          ani: '+14085550142',
          customerName: 'Fan Out',
          ronaTimeoutSec: 120,
        }).then((r) => r.interactionId);
        calls.set(
          i,
          placed.catch(() => undefined),
        );
        await placed;
      } else {
        const id = await calls.get(i);
        calls.delete(i);
        if (id) await control(`/contacts/${id}/hang-up`);
      }
    };
    const metrics0 = await scrape();
    const load0 = loadavg()[0]!;
    const cpu0 = desktop.cpuSeconds();
    const started = performance.now();
    measuring = true;
    const inFlight: Promise<void>[] = [];
    // The agents in turn, skipping those waiting for their caller to hang up (or for the call
    // control call itself): a hang-up due takes the next slot.
    let turn = 0;
    const nextAgent = (): number | undefined => {
      for (let tries = 0; tries < ready.length; tries += 1) {
        const i = ready[turn++ % ready.length]!;
        if (CYCLE[(stepOf.get(i) ?? 0) % CYCLE.length] !== 'hang-up') return i;
      }
      return undefined;
    };
    // At a rate of 0 the agents only stay connected: the floor the events' cost adds to (the
    // sockets' keepalives, the streams' heartbeats, the timers).
    if (!(actionRate > 0)) await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    for (let k = 0; actionRate > 0 && performance.now() - started < seconds * 1000; k += 1) {
      const due = started + (k * 1000) / actionRate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const i = hangUps.shift() ?? nextAgent();
      if (i !== undefined) inFlight.push(act(i).catch(fail));
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - started) / 1000;
    const cpu = desktop.cpuSeconds() - cpu0;
    // The last events still on their way.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    measuring = false;
    const metrics1 = await scrape();
    const LAG = 'wxcc_desktop_event_lag_seconds';
    const EVENTS = 'wxcc_desktop_wxcc_events_total';
    const heard = valueOf(metrics1, EVENTS) - valueOf(metrics0, EVENTS);
    // Calls to Webex and WxCC the events set off, by endpoint: a push is meant to read the
    // shared stores only, so anything here is work per event worth knowing about.
    const upstream = countsBetween(upstreamByEndpoint(metrics0), upstreamByEndpoint(metrics1));
    const pushed = valueOf(metrics1, `${LAG}_count`) - valueOf(metrics0, `${LAG}_count`);
    const lag = (q: number) =>
      round(quantileBetween(bucketsOf(metrics0, LAG), bucketsOf(metrics1, LAG), q) * 1000, 1);
    return {
      agents,
      dayContacts,
      connected: ready.length,
      setupSeconds: round(setup.seconds, 1),
      actionsPerSecond: round(sent / elapsed, 1),
      // WxCC events the desktop's sessions heard a second (the last second's stragglers included).
      wxccEventsPerSecond: round(heard / (elapsed + 1), 1),
      seconds: round(elapsed, 1),
      // Control action sent → its first `station` event on the agent's page stream.
      eventToStationMs: summarize(toStation),
      // → the page's regions rendered and pushed (`live`): what the agent sees change.
      eventToPageMs: summarize(toLive),
      // The desktop's own view: WxCC events pushed to open pages a second, and WxCC's stamp →
      // the push (its histogram's buckets, interpolated): the issue's "event → page".
      eventsPushedPerSecond: round(pushed / (elapsed + 1), 1),
      wxccStampToPushMs: { p50: lag(0.5), p99: lag(0.99) },
      pushesPerAction: {
        station: round(pushes.station / Math.max(1, sent), 2),
        live: round(pushes.live / Math.max(1, sent), 2),
        bytes: Math.round(pushes.bytes / Math.max(1, sent)),
        regions: Object.fromEntries(
          Object.entries(regions).map(([name, n]) => [name, round(n / Math.max(1, sent), 2)]),
        ),
      },
      upstreamPerAction: Object.fromEntries(
        [...upstream]
          .filter(([, n]) => n > 0)
          .map(([endpoint, n]) => [endpoint, round(n / Math.max(1, sent), 3)]),
      ),
      missedBeforeNext: missed,
      desktopCpuPercentOfOneCore: round((cpu / elapsed) * 100, 1),
      desktopRssMiB: desktop.rssMiB(),
      loadAverage: { atStart: round(load0, 1), atEnd: round(loadavg()[0]!, 1) },
      failures,
    };
  } finally {
    for (const client of clients) client?.close();
    await Promise.all([desktop.stop(), sandbox.stop()]);
  }
}
