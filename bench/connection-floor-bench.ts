// The agents bench's yardstick (connection-floor.ts): the same number of agents signed in to the
// floor, each with its socket upstream, an idle keep-alive connection and its live stream, as the
// storm leaves the desktop's; the floor's RSS then, and what an agent costs it.
import { once } from 'node:events';
import { WebSocketServer } from 'ws';
import { AgentClient } from './agent-client';
import { memoryBreakdown, startConnectionFloor } from './processes';
import { kibPerAgent, runConcurrent } from './stats';

export async function measureConnectionFloor(
  agents: number,
  concurrency: number,
  addresses: number,
  /** How long the floor settles with every agent connected before its RSS is read. */
  settleMs = 22_000,
) {
  // Stands in for WxCC's notification sockets: accepts, and keeps each open.
  const upstream = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await once(upstream, 'listening');
  const { port } = upstream.address() as { port: number };
  const floor = await startConnectionFloor(`ws://127.0.0.1:${port}/notifications`);
  const clients: AgentClient[] = [];
  const failures: Record<string, number> = {};
  const fail = (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    failures[reason] = (failures[reason] ?? 0) + 1;
  };
  try {
    const atStart = floor.rssMiB();
    const signedIn: number[] = [];
    await runConcurrent(agents, concurrency, async (i) => {
      const client = new AgentClient(`127.0.0.${1 + (i % addresses)}`);
      clients[i] = client;
      try {
        const answer = await client.post(`${floor.url}/sign-in`, { agentId: `agent-${i}` });
        if (answer.status !== 204) throw new Error(`floor sign-in answered ${answer.status}`);
        signedIn.push(i);
      } catch (error) {
        fail(error);
      }
    });
    // As the storm's agents do: the stream on a connection of its own, the other one left idle.
    let streams = 0;
    await runConcurrent(signedIn.length, 50, async (n) => {
      await clients[signedIn[n]!]!.openStream(`${floor.url}/events`).then(
        () => (streams += 1),
        fail,
      );
    });
    // As the desktop is measured: 2 s for the last streams, then 20 s more.
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const settled = floor.rssMiB();
    return {
      connected: signedIn.length,
      // What it held when measured: sockets upstream and live streams.
      upstreamSockets: upstream.clients.size,
      streams,
      failures,
      rssMiB: { atStart, settled20s: settled },
      memory: memoryBreakdown(floor.pid),
      perAgentKiB: kibPerAgent(atStart, settled, agents),
    };
  } finally {
    for (const client of clients) client?.close();
    await floor.stop();
    for (const socket of upstream.clients) socket.terminate();
    upstream.close();
  }
}
