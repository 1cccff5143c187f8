// What requestLogger adds to every request and response, declared once for the whole app.
import type { Logger } from 'pino';

declare global {
  namespace Express {
    interface Request {
      /** The request id: the caller's valid X-Request-Id, or a fresh UUID. */
      id: string;
      /** A logger whose every line carries this request's id. */
      log: Logger;
    }
    // No logger in the locals: every render copies them (and would make a child logger).
    interface Locals {
      /** Set by a route after a WxCC or Webex call, so the request's log line can name it. */
      trackingId?: string;
    }
  }
}

export {};
