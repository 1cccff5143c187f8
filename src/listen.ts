// Starts an HTTP server and resolves once it listens (port 0 picks a free port). Without an app
// it listens before there is one to answer: startDesktop attaches the app to it afterwards.
import http from 'node:http';
import type { RequestListener } from 'node:http';

/** An Express app: the objects it makes every request and response inherit from. */
interface WithPrototypes {
  request: object;
  response: object;
}

function hasPrototypes(app: RequestListener | undefined): app is RequestListener & WithPrototypes {
  const { request, response } = (app ?? {}) as Partial<WithPrototypes>;
  return typeof request === 'object' && typeof response === 'object';
}

/**
 * A subclass of `base` whose prototype becomes the app's `key` prototype. Express moves each
 * request and response onto its app's prototypes (Object.setPrototypeOf in app.handle); V8 then
 * gives the object, and each property added to it after, hidden classes of its own, never shared:
 * about 2.5 KB per open request (its maps and their descriptors), which every agent's live page
 * stream holds for hours (docs/MEASUREMENTS.md). Made with that prototype from the start, the
 * object needs no move (Express's call changes nothing) and shares its hidden classes with the
 * others. A subclass, not a function with a prototype: V8 caches the hidden class it starts
 * objects with only for a class constructor (a plain function gets a new one per object).
 */
function adopt<C extends typeof http.IncomingMessage | typeof http.ServerResponse>(
  app: WithPrototypes,
  key: keyof WithPrototypes,
  base: C,
): C {
  const WithAppPrototype = class extends (base as typeof http.IncomingMessage) {};
  const current = app[key];
  // What Express's own prototype holds (req.app, and whatever the app added): now on its prototype.
  Object.setPrototypeOf(WithAppPrototype.prototype, Object.getPrototypeOf(current) as object);
  Object.defineProperties(WithAppPrototype.prototype, Object.getOwnPropertyDescriptors(current));
  app[key] = WithAppPrototype.prototype;
  return WithAppPrototype as unknown as C;
}

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
    const options: http.ServerOptions = { keepAliveTimeout: KEEP_ALIVE_MS };
    if (hasPrototypes(app)) {
      options.IncomingMessage = adopt(app, 'request', http.IncomingMessage);
      options.ServerResponse = adopt(app, 'response', http.ServerResponse);
    }
    const server = http.createServer(options, app);
    // Above the keep-alive time: a reused connection's next request is not cut by the headers clock.
    server.headersTimeout = KEEP_ALIVE_MS + 1000;
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
