// `npm run bench -- agents`: the built desktop alone in its process (the sandbox in another) under
// a shift-start storm: every agent connects and logs in to a station, then keeps its live page
// stream open; reports the storm's time and per-agent latency, every failure, and the desktop's RSS.
import { AgentClient } from './agent-client';
import { build, freePort, startDesktop, startSandboxProcess } from './processes';
import { loginStation, signIn } from './sign-in';
import { round, runConcurrent, summarize } from './stats';

export interface AgentsBenchOptions {
  agents: number;
  /** Agents that start at the same moment. */
  concurrency: number;
  /** Distinct client addresses (127.0.0.1 …); 1 is a whole office behind one address. */
  addresses: number;
}

export async function benchAgents({ agents, concurrency, addresses }: AgentsBenchOptions) {
  build();
  const port = await freePort();
  const sandbox = await startSandboxProcess(`http://127.0.0.1:${port}/oauth`, agents);
  const desktop = await startDesktop(port, sandbox.url);
  const clients: AgentClient[] = [];
  const failures: Record<string, number> = {};
  const fail = (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    failures[reason] = (failures[reason] ?? 0) + 1;
  };
  try {
    const rssAtStart = desktop.rssMiB();
    const confirmed: number[] = [];
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
    const streams = await runConcurrent(confirmed.length, 50, async (n) => {
      await clients[confirmed[n]!]!.openStream(`${desktop.url}/events`).catch(fail);
    });
    // Let the last sockets and streams settle before reading memory.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    return {
      agents,
      concurrency,
      addresses,
      stormSeconds: round(storm.seconds, 1),
      confirmed: confirmed.length,
      perAgentMs: summarize(storm.latencies),
      streamsOpenSeconds: round(streams.seconds, 1),
      failures,
      desktopRssMiB: { atStart: rssAtStart, allConnected: desktop.rssMiB() },
    };
  } finally {
    for (const client of clients) client?.close();
    await Promise.all([desktop.stop(), sandbox.stop()]);
  }
}
