// One structured log line per request, with its request id and the upstream tracking id.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pathOf } from './log-serializers';

// Anything else could forge log lines or smuggle markup into the header we echo back.
const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.get('X-Request-Id');
    const reqId =
      incoming !== undefined && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = reqId;
    // Most requests log nothing but their one line: the child logger is made on first use only.
    let child: Logger | undefined;
    const log = (): Logger => (child ??= logger.child({ reqId }));
    Object.defineProperty(req, 'log', { configurable: true, enumerable: true, get: log });
    Object.defineProperty(res.locals, 'log', { configurable: true, enumerable: true, get: log });
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
        trackingId: res.locals.trackingId,
        // 'close' before 'finish' means the client went away before the answer was sent.
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      // Logged by the app's logger with the id in the line, as the child would, without one.
      (child ?? logger)[level](child ? entry : { reqId, ...entry }, 'request completed');
    };
    res.once('finish', logOnce);
    res.once('close', logOnce);
    next();
  };
}
