// /healthz (the process is up) and /readyz (the session store answers), for load balancers.
import { Router } from 'express';

export function healthRoutes(checkReady: () => Promise<void>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await checkReady();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'session store unreachable' });
    }
  });
  return router;
}
