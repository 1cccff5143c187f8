// Starts an HTTP server and resolves once it listens (port 0 picks a free port). Without an app
// it listens before there is one to answer: startDesktop attaches the app to it afterwards.
import http from 'node:http';
import type { RequestListener } from 'node:http';

/**
 * How long an idle client connection stays open: above the 60 s idle timeout of the usual load
 * balancers (AWS ALB, Azure, nginx's 75 s is the exception: set its keepalive_timeout below this),
 * so the balancer closes first and never sends a request on a connection we are closing, and
 * above a Prometheus scrape interval, so scrapes and browsers reuse their connection. Node's 5 s
 * default made nearly every click of an agent a new connection, and libuv (since 1.45, Node 20)
 * accepts one new connection per event-loop iteration: with iterations of 200 ms on a starved
 * machine that is 5 a second, and in the loaded soak new connections waited 30 s and more in
 * the accept queue while the open ones were served (issue 19).
 */
export const KEEP_ALIVE_MS = 65_000;

export function listen(
  app: RequestListener | undefined,
  port: number,
  host: string,
): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer({ keepAliveTimeout: KEEP_ALIVE_MS }, app);
    // Above the keep-alive time: a reused connection's next request is not cut by the headers clock.
    server.headersTimeout = KEEP_ALIVE_MS + 1000;
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
