// /healthz (the process is up) and /readyz (the session store answers), for load balancers.
import type { RequestHandler } from 'express';

const HEALTHY = JSON.stringify({ status: 'ok' });
const READY = JSON.stringify({ status: 'ready' });
const UNAVAILABLE = JSON.stringify({ status: 'unavailable', reason: 'session store unreachable' });

/**
 * One middleware, not a router: probes come every few seconds from every load balancer, so they
 * answer with a prepared body and no further dispatch (`npm run bench -- page` measures /healthz).
 */
export function healthRoutes(checkReady: () => Promise<void>): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const query = req.url.indexOf('?');
    const path = query === -1 ? req.url : req.url.slice(0, query);
    if (path === '/healthz') return void answer(res, 200, HEALTHY);
    if (path !== '/readyz') return next();
    checkReady().then(
      () => answer(res, 200, READY),
      () => answer(res, 503, UNAVAILABLE),
    );
  };
}

function answer(res: Parameters<RequestHandler>[1], status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // A probe's answer is about this moment only.
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
