// Kept-alive connections to Webex and WxCC that are never reused once the server may have closed
// them. Node closes an idle connection with a timer, and a timer fires late when the event loop
// is busy: in the 1,000-agent soak on a loaded machine, 40 calls went out on connections the
// sandbox had closed at its 5 s keep-alive timeout a moment before (ECONNRESET, "socket hang
// up"). So the idle time is also checked by the clock when a connection is picked for a call.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

/**
 * How long an idle connection may be reused: below the 5 s most servers (Node's default, the
 * sandbox's) keep one, with a second to spare for a late event loop on either side. A server that
 * announces a shorter `Keep-Alive: timeout=` is honoured by Node itself (one second earlier still).
 */
export const IDLE_MS = 3000;
/**
 * For a request that is never sent twice (POST, PATCH: holding twice is not holding once), only a
 * connection used within this long: a busy server's loop can be seconds late, close the connection
 * on its keep-alive timer before reading what we sent, and the call is lost with ECONNRESET (the
 * loaded soak lost hold, end and wrap-up posts that way). Idempotent calls are sent again instead
 * (http-call.ts), so they keep the longer reuse.
 */
export const UNSAFE_IDLE_MS = 1000;
const AXIOS_TCP_KEEP_ALIVE_MS = 60_000;

export interface KeepAliveOptions {
  idleMs?: number;
  unsafeIdleMs?: number;
  now?: () => number;
}

/** What Node's Agent does inside, beyond its typings (lib/_http_agent.js, Node 20 to 24). */
interface AgentInternals {
  freeSockets: NodeJS.ReadOnlyDict<Socket[]>;
  totalSocketCount: number;
  keepSocketAlive(socket: Socket): boolean;
  addRequest(req: http.ClientRequest, options: unknown): void;
}

/**
 * `lifo` reuses the most recently used connection, so the others go idle and close instead of
 * being kept warm.
 */
export function keepAliveAgents(options: KeepAliveOptions = {}) {
  const limits = {
    idleMs: options.idleMs ?? IDLE_MS,
    unsafeIdleMs: Math.min(options.unsafeIdleMs ?? UNSAFE_IDLE_MS, options.idleMs ?? IDLE_MS),
    now: options.now ?? Date.now,
  };
  const agentOptions = {
    keepAlive: true,
    // The TCP keep-alive delay axios sets on each request's connection (adapters/http.js): Node's
    // agent sets its own (1 s by default) each time it takes a connection back, and the two
    // differing made every call pay the setsockopt calls twice (1.8 % of the 1,000-agent storm's
    // CPU); equal, Node sets it once per connection.
    keepAliveMsecs: AXIOS_TCP_KEEP_ALIVE_MS,
    scheduling: 'lifo',
    timeout: limits.idleMs,
  } as const;
  return {
    httpAgent: reuseOnlyFresh(new http.Agent(agentOptions), limits),
    httpsAgent: reuseOnlyFresh(new https.Agent(agentOptions), limits),
  };
}

function reuseOnlyFresh<A extends http.Agent>(
  agent: A,
  { idleMs, unsafeIdleMs, now }: Required<KeepAliveOptions>,
): A {
  const inside = agent as unknown as AgentInternals;
  const idleSince = new WeakMap<Socket, number>();
  const keepSocketAlive = inside.keepSocketAlive.bind(agent);
  const addRequest = inside.addRequest.bind(agent);
  inside.keepSocketAlive = (socket) => {
    idleSince.set(socket, now());
    return keepSocketAlive(socket);
  };
  inside.addRequest = (req, options) => {
    const t = now();
    const limit = req.method === 'POST' || req.method === 'PATCH' ? unsafeIdleMs : idleMs;
    for (const free of Object.values(inside.freeSockets)) {
      for (let i = (free?.length ?? 0) - 1; i >= 0; i -= 1) {
        const socket = free![i]!;
        if (t - (idleSince.get(socket) ?? t) < limit) continue;
        // Out of the free list now (its close event comes later, too late for this call), and
        // out of the count that Node would have lowered on finding it there.
        free!.splice(i, 1);
        inside.totalSocketCount -= 1;
        socket.destroy();
      }
    }
    addRequest(req, options);
  };
  return agent;
}
