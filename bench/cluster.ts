// `npm run bench -- cluster`: two built desktops (`node dist/server.js`, production mode), each in
// its own process, on one Redis behind a round-robin proxy, the sandbox in a third process;
// BENCH_AGENTS agents spread over them. Reports sockets, event latency to a page stream on the
// instance without the socket, token refreshes per expiry, and each process's RSS.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient } from 'redis';
import { keys } from '../src/cluster/backend';
import { startRoundRobinProxy } from '../test/cluster/round-robin-proxy';
import { openEventStream } from '../test/helpers/event-stream';
import { HttpBrowser, formFields } from '../test/helpers/http-browser';
import { SandboxControl } from '../test/helpers/stack';
import { startRedisServer } from '../test/session-store/redis-server';
import { AgentClient } from './agent-client';
import { build, freePort, startDesktopProcess, startSandboxProcess } from './processes';
import { loginStation, signIn } from './sign-in';
import { round, runConcurrent, summarize } from './stats';

/** Agents whose station is logged in and who measure latency and the refresh storm. */
const ACTORS = 50;
/** Source addresses the agents come from (the proxy forwards them; each has its own limits). */
const ADDRESSES = 8;

export async function benchCluster(agents = 1000) {
  build();
  const redis = await startRedisServer();
  const proxy = await startRoundRobinProxy();
  const sandbox = await startSandboxProcess(`${proxy.url}/oauth`, agents);
  // Same secrets and Redis on both instances, as an operator would run them.
  const shared = {
    REDIS_URL: redis.url,
    SESSION_STORE: 'redis',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SESSION_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    WEBEX_REDIRECT_URI: `${proxy.url}/oauth`,
    TRUST_PROXY: 'loopback',
    HTTP_TIMEOUT_MS: '10000',
  };
  const desktops = [
    await startDesktopProcess(await freePort(), sandbox.url, shared),
    await startDesktopProcess(await freePort(), sandbox.url, shared),
  ];
  for (const d of desktops) proxy.add(d.url);
  const control = new SandboxControl(sandbox.url);
  const reader = createClient({ url: redis.url });
  await reader.connect();
  const clients: AgentClient[] = [];
  try {
    const rssAtStart = desktops.map((d) => d.rssMiB());
    const connected = await runConcurrent(agents, 8, async (i) => {
      const client = new AgentClient(`127.0.0.${1 + (i % ADDRESSES)}`);
      clients[i] = client;
      // Sign-in lands on the agent page's first view, which gives the agent a socket somewhere.
      const form = await signIn(client, proxy.url, sandbox.agentIds[i]);
      if (i < ACTORS) await loginStation(client, form, `+1415700${String(i).padStart(4, '0')}`);
    });
    // Let the last sockets settle before counting them and reading memory.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const sandboxSockets = (await control.agents()).reduce(
      (n, a) => n + (a.websockets as unknown[]).length,
      0,
    );
    // Which instance holds each agent's socket: its lease in Redis names the instance's id.
    const ids = desktops.map((d) => instanceId(d.logFile));
    const holders = await reader.mGet(sandbox.agentIds.map(keys.owner));
    const perInstance = ids.map((id) => holders.filter((h) => h === id).length);
    const rssConnected = desktops.map((d) => d.rssMiB());

    const latencies: number[] = [];
    for (let i = 0; i < Math.min(ACTORS, agents); i += 1) {
      const owner = ids.indexOf(holders[i] ?? '');
      const other = desktops[owner === 0 ? 1 : 0]!;
      latencies.push(
        ...(await eventLatency(
          control,
          clients[i]!,
          proxy.url,
          other.url,
          i,
          sandbox.agentIds[i]!,
        )),
      );
    }
    const refresh = await refreshStorm(control, clients.slice(0, ACTORS), proxy.url);

    return {
      agents,
      connectSeconds: round(connected.seconds, 1),
      sandboxSocketsTotal: sandboxSockets,
      socketsPerInstance: perInstance,
      supervisorChangeToStreamOnOtherInstanceMs: summarize(latencies),
      refreshes: refresh,
      rssMiB: {
        instancesAtStart: rssAtStart,
        instancesAllConnected: rssConnected,
        sandbox: sandbox.rssMiB(),
      },
    };
  } finally {
    for (const client of clients) client?.close();
    await reader.quit();
    await Promise.all([...desktops.map((d) => d.stop()), sandbox.stop()]);
    await proxy.close();
    await redis.stop();
  }
}

/** The instance's id, from the "cluster member" line server.ts logs at start. */
function instanceId(logFile: string): string {
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (line.includes('"cluster member"'))
      return (JSON.parse(line) as { instance: string }).instance;
  }
  throw new Error(`no instance id in ${logFile}`);
}

/** Four supervisor state changes, each timed until it arrives on a stream opened on `otherUrl`. */
async function eventLatency(
  control: SandboxControl,
  client: AgentClient,
  proxyUrl: string,
  otherUrl: string,
  index: number,
  agentId: string,
): Promise<number[]> {
  const browser = new HttpBrowser();
  browser.setCookie(otherUrl, 'wxcc_desktop.sid', client.cookie(proxyUrl, 'wxcc_desktop.sid')!);
  const stream = await openEventStream(browser, `${otherUrl}/events`);
  const samples: number[] = [];
  try {
    for (const state of ['Available', 'Idle', 'Available', 'Idle'] as const) {
      const seen = stream.events.length;
      const started = performance.now();
      await control.supervisor(agentId, 'state', { state });
      await stream.next(
        (e) => stream.events.indexOf(e) >= seen && e.data.includes(`"${state}"`),
        5000,
      );
      samples.push(performance.now() - started);
    }
  } catch (error) {
    throw new Error(`agent ${index}: ${String(error)}`);
  } finally {
    stream.close();
  }
  return samples;
}

/** WxCC expires every token; each agent then sends 4 actions at once, 2 per instance. */
async function refreshStorm(control: SandboxControl, clients: AgentClient[], proxyUrl: string) {
  await control.expireTokens();
  await control.clearRequests();
  await Promise.all(
    clients.map(async (client) => {
      const home = await client.get(`${proxyUrl}/`);
      const { action, fields } = formFields(home.text, /\/station\/state/, 'Go Available');
      await Promise.all(
        Array.from({ length: 4 }, () => client.post(new URL(action, home.url).toString(), fields)),
      );
    }),
  );
  const tokenCalls = (await control.requests()).filter((r) => r.target === 'token');
  return {
    agentsWhoseTokenExpired: clients.length,
    concurrentActionsPerAgent: 4,
    refreshCalls: tokenCalls.length,
    refreshesPerExpiry: round(tokenCalls.length / clients.length, 2),
  };
}
