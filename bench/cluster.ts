// Two instances on one Redis behind a round-robin proxy, BENCH_AGENTS agents spread over them:
// sockets, event latency to a page stream on the instance without the socket, refreshes, memory.
import { HttpBrowser, formFields } from '../test/helpers/http-browser';
import { openEventStream } from '../test/helpers/event-stream';
import { connect, type Stack } from '../test/helpers/stack';
import { startCluster, type Cluster } from '../test/cluster/cluster-stack';
import { seedWithAgents } from './seed-many';
import { mib, round, runConcurrent, summarize } from './stats';

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

export async function benchCluster(agents = 1000) {
  const seed = seedWithAgents(agents);
  const cluster = await startCluster({
    instances: 2,
    leaseMs: 15_000,
    sandbox: { seed, eventDelayMs: 0 },
    // Every simulated agent comes from 127.0.0.1: lift the per-address sign-in ceiling.
    rateLimits: { oauthLimit: 1_000_000, oauthAddressLimit: 1_000_000, actionLimit: 1_000_000 },
    env: { LOG_LEVEL: 'warn', HTTP_TIMEOUT_MS: '10000' },
  });
  // Measured once both instances and the sandbox run: what follows is the cost of the agents.
  const before = heap();
  try {
    const stack = { url: cluster.url } as unknown as Stack;
    const browsers: HttpBrowser[] = [];
    const connected = await runConcurrent(agents, 8, async (i) => {
      const browser = new HttpBrowser();
      // Connect lands on the agent page's first view, which gives the agent a socket somewhere.
      await connect(browser, stack, { agentId: seed.agents[i]!.id });
      browsers[i] = browser;
    });
    const afterConnect = heap();
    const perInstance = cluster.instances.map((i) => i.services.station.stats().open);
    const sandboxSockets = (await cluster.control.agents()).reduce(
      (n, a) => n + (a.websockets as unknown[]).length,
      0,
    );

    const actors = Math.min(50, agents);
    await loginStations(cluster, browsers.slice(0, actors));
    const latencies = await eventLatency(
      cluster,
      browsers,
      seed.agents.map((a) => a.id),
      actors,
    );
    const refresh = await refreshStorm(cluster, browsers.slice(0, actors));

    return {
      agents,
      connectSeconds: round(connected.seconds, 1),
      openSocketsPerInstance: perInstance,
      openSocketsTotal: perInstance.reduce((a, b) => a + b, 0),
      sandboxSocketsTotal: sandboxSockets,
      supervisorChangeToStreamOnOtherInstanceMs: summarize(latencies),
      refreshes: refresh,
      heapMiBBothInstancesAndSandbox: mib(afterConnect - before),
      heapPerAgentKiB: round((afterConnect - before) / agents / 1024, 1),
      rssMiB: mib(process.memoryUsage().rss),
    };
  } finally {
    await cluster.close();
  }
}

async function loginStations(cluster: Cluster, browsers: HttpBrowser[]): Promise<void> {
  await runConcurrent(browsers.length, 8, async (i) => {
    const browser = browsers[i]!;
    const home = await browser.get(`${cluster.url}/`);
    const { action, fields } = formFields(home.text, /\/station\/login/);
    const posted = await browser.post(new URL(action, home.url).toString(), {
      ...fields,
      deviceType: 'AGENT_DN',
      dialNumber: `+1415700${String(i).padStart(4, '0')}`,
    });
    if (posted.status !== 303) throw new Error(`login ${posted.status}`);
  });
}

/** A page stream opened straight on the instance that does NOT hold the agent's socket. */
async function eventLatency(
  cluster: Cluster,
  browsers: HttpBrowser[],
  agentIds: string[],
  actors: number,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < actors; i += 1) {
    const agentId = agentIds[i]!;
    const owner = cluster.ownerOf(agentId);
    const other = cluster.instances.find((x) => x !== owner)!;
    const browser = browsers[i]!;
    browser.setCookie(
      other.url,
      'wxcc_desktop.sid',
      browser.cookie(cluster.url, 'wxcc_desktop.sid')!,
    );
    const stream = await openEventStream(browser, `${other.url}/events`);
    try {
      for (const state of ['Available', 'Idle', 'Available', 'Idle'] as const) {
        const seen = stream.events.length;
        const started = performance.now();
        await cluster.control.supervisor(agentId, 'state', { state });
        await stream.next(
          (e) => stream.events.indexOf(e) >= seen && e.data.includes(`"${state}"`),
          5000,
        );
        samples.push(performance.now() - started);
      }
    } finally {
      stream.close();
    }
  }
  return samples;
}

/** WxCC expires every token; each agent then sends 4 actions at once, 2 per instance. */
async function refreshStorm(cluster: Cluster, browsers: HttpBrowser[]) {
  await cluster.control.expireTokens();
  await cluster.control.clearRequests();
  await Promise.all(
    browsers.map(async (browser) => {
      const home = await browser.get(`${cluster.url}/`);
      const { action, fields } = formFields(home.text, /\/station\/state/, 'Go Available');
      await Promise.all(
        Array.from({ length: 4 }, () => browser.post(new URL(action, home.url).toString(), fields)),
      );
    }),
  );
  const tokenCalls = (await cluster.control.requests()).filter((r) => r.target === 'token');
  return {
    agentsWhoseTokenExpired: browsers.length,
    concurrentActionsPerAgent: 4,
    refreshCalls: tokenCalls.length,
    refreshesPerExpiry: round(tokenCalls.length / browsers.length, 2),
  };
}
