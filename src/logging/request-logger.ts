// One structured log line per request, with its request id and the upstream tracking id.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { accessLogger } from './logger';
import { pathOf } from './log-serializers';
import { requestTrackingId } from './tracking-context';

// Anything else could forge log lines or smuggle markup into the header we echo back.
const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestLogger(logger: Logger): RequestHandler {
  const access = accessLogger(logger);
  const withLog = new WeakSet<object>();
  return (req, res, next) => {
    // `req.log` is a getter on the app's request prototype, defined once: defined on each request
    // instead, every request (and every open page stream) got a hidden class of its own, which
    // V8 builds, keeps and collects again (a heap snapshot with 1,000 agents showed one per stream).
    const prototype = Object.getPrototypeOf(req) as object;
    if (!withLog.has(prototype)) {
      withLog.add(prototype);
      Object.defineProperty(prototype, 'log', {
        configurable: true,
        enumerable: true,
        get: lazyChild(logger),
      });
    }
    const started = process.hrtime.bigint();
    const incoming = req.get('X-Request-Id');
    const reqId =
      incoming !== undefined && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = reqId;
    const trackingId = requestTrackingId(reqId);
    res.setHeader('X-Request-Id', reqId);

    let logged = false;
    const logOnce = (): void => {
      if (logged) return;
      logged = true;
      const status = res.statusCode;
      const entry = {
        method: req.method,
        // The query string is where OAuth codes and state travel: never logged.
        path: pathOf(req.originalUrl),
        status,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        // The id this request sent WxCC (tracking-context.ts), as on every other line of it; an
        // upstream that answered with an id of its own is named too, for a support ticket.
        trackingId,
        ...(res.locals.trackingId && res.locals.trackingId !== trackingId
          ? { upstreamTrackingId: res.locals.trackingId }
          : {}),
        // 'close' before 'finish' means the client went away before the answer was sent.
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      // The same line a child logger would write, without making one.
      access[level]({ reqId, ...entry }, 'request completed');
    };
    res.once('finish', logOnce);
    res.once('close', logOnce);
    next();
  };
}

/** Where a request keeps its child logger once made. */
const CHILD = Symbol('request logger');

/**
 * Most requests log nothing but their one line, so the child logger is made on first use, and
 * kept on the request (the getter holds no request: timers and sockets started during a request
 * can outlive it, and must not keep it alive).
 */
function lazyChild(logger: Logger): (this: Request & { [CHILD]?: Logger }) => Logger {
  return function log() {
    return (this[CHILD] ??= logger.child({ reqId: this.id }));
  };
}
