// GET /metrics for Prometheus: behind a bearer token when METRICS_TOKEN is set; without one, open
// outside production only (in production the figures would tell anyone how the center is doing).
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';

export function metricsRoute(
  registry: Registry,
  options: { token?: string; production: boolean },
): RequestHandler {
  const expected = options.token === undefined ? undefined : Buffer.from(`Bearer ${options.token}`);
  return (req, res, next) => {
    if (req.path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    // Off in production without a token: the same 404 as any unknown path.
    if (expected === undefined && options.production) return next();
    if (expected !== undefined) {
      const sent = Buffer.from(req.get('authorization') ?? '');
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
        res.set('WWW-Authenticate', 'Bearer realm="metrics"');
        return void res.status(401).type('text').send('A metrics token is required.\n');
      }
    }
    registry.metrics().then(
      (text) => {
        res.set('Content-Type', registry.contentType);
        res.set('Cache-Control', 'no-store');
        res.send(text);
      },
      (err: unknown) => next(err),
    );
  };
}
