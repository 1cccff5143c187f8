// Sign out of the app: end the station session first, then end the desktop on every instance,
// forget the tokens and the cookie.
import { Router } from 'express';
import type { StationService } from '../services/station-service';
import { destroySession } from './session-helpers';

export function sessionRoutes(station: StationService, cookieName: string): Router {
  const router = Router();

  router.post('/signout', async (req, res) => {
    const { agent } = req.session;
    if (agent) {
      const ctx = { agent };
      // Best effort: a station left logged in would keep routing calls to an absent agent.
      const snapshot = await station.snapshot(ctx).catch(() => undefined);
      if (snapshot?.loggedIn) {
        await station.logout(ctx, 'Signed out of the desktop').catch(() => undefined);
      }
      // Whichever instance holds the agent's socket closes it; every page stream ends.
      await station.release(agent.agentId).catch((err: unknown) => {
        req.log.warn({ err }, 'sign-out could not reach every instance');
      });
    }
    await destroySession(req);
    res.clearCookie(cookieName, { path: '/' });
    res.redirect(303, '/');
  });

  return router;
}
