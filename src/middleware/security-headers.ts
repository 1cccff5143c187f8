// Security headers (helmet) with a strict Content-Security-Policy: no inline script or style.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function securityHeaders(webexApiBase: string): RequestHandler {
  return helmet({
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
  });
}
