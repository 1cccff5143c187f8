// A tiny HTTP load balancer on 127.0.0.1 for the cluster tests, event streams included: round
// robin (every request goes to the next instance, no sticky sessions), or pinned (each browser
// stays on the instance its first request went to, by a cookie of the balancer's own, as sticky
// sessions of a real balancer do).
import http, { type Server } from 'node:http';
import { listen } from '../../src/listen';

export interface RoundRobinProxy {
  url: string;
  /** Which instance (index into the targets) each request went to, in order. */
  served: number[];
  /** Takes an instance out of rotation, as a load balancer's health check would. */
  remove(target: string): void;
  add(target: string): void;
  /** The index the next request goes to. */
  peek(): string | undefined;
  close(): Promise<void>;
}

const PIN_COOKIE = 'lb-pin';

export async function startRoundRobinProxy(
  initial: string[] = [],
  mode: 'round-robin' | 'pinned' = 'round-robin',
): Promise<RoundRobinProxy> {
  const targets = [...initial];
  const served: number[] = [];
  let next = 0;
  const server: Server = await listen(
    (req, res) => {
      if (targets.length === 0) {
        res.writeHead(503).end('no instance');
        return;
      }
      // A pinned browser whose instance left the rotation goes to the next one, and stays there.
      const pin = mode === 'pinned' ? pinOf(req.headers.cookie) : undefined;
      const pinned = targets.findIndex((t) => new URL(t).port === pin);
      const index = pinned >= 0 ? pinned : next % targets.length;
      if (pinned < 0) next += 1;
      const target = new URL(targets[index]!);
      served.push(index);
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
        },
        (answer) => {
          const headers = { ...answer.headers };
          if (mode === 'pinned' && pinned !== index) {
            const cookies = [headers['set-cookie'] ?? []].flat();
            headers['set-cookie'] = [...cookies, `${PIN_COOKIE}=${target.port}; Path=/; HttpOnly`];
          }
          res.writeHead(answer.statusCode ?? 502, headers);
          // Flushed as it comes: a Server-Sent Events stream must not wait for an end.
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    },
    0,
    '127.0.0.1',
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    remove(target) {
      const i = targets.indexOf(target);
      if (i >= 0) targets.splice(i, 1);
    },
    add(target) {
      targets.push(target);
    },
    peek: () => (targets.length ? targets[next % targets.length] : undefined),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The port of the instance the browser is pinned to. */
function pinOf(cookie: string | undefined): string | undefined {
  return cookie?.match(new RegExp(`(?:^|;\\s*)${PIN_COOKIE}=(\\d+)`))?.[1];
}
