// Security headers (helmet) with a strict Content-Security-Policy: no inline script or style.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function securityHeaders(webexApiBase: string): RequestHandler {
  const headers = helmetHeaders(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          // Connect posts to our own /connect, which redirects to Webex; forms go nowhere else.
          formAction: ["'self'", new URL(webexApiBase).origin],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  // Nothing in them depends on the request (no nonces), so helmet runs once, here, and every
  // response gets the same headers: running its dozen middlewares per request cost about a
  // twentieth of a page view in `npm run bench -- page`.
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** The headers helmet sets on a response, captured by running it once on a stand-in. */
function helmetHeaders(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void,
): [string, string][] {
  const headers = new Map<string, string>();
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name, String(value));
      return this;
    },
    removeHeader(name: string) {
      headers.delete(name);
    },
  };
  let failure: unknown;
  middleware({} as IncomingMessage, res as unknown as ServerResponse, (err) => (failure = err));
  if (failure !== undefined) throw failure;
  return [...headers];
}
