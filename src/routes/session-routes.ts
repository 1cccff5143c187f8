// Sign out of the app: end the station session first, then forget everything and the cookie.
import { Router } from 'express';
import type { StationService } from '../services/station-service';
import { destroySession } from './session-helpers';

export function sessionRoutes(station: StationService, cookieName: string): Router {
  const router = Router();

  router.post('/signout', async (req, res) => {
    const { agent, tokens } = req.session;
    if (agent && tokens) {
      // Best effort: a station left logged in would keep routing calls to an absent agent.
      const snapshot = await station.snapshot({ slot: req.session, agent }).catch(() => undefined);
      if (snapshot?.loggedIn) {
        await station
          .logout({ slot: req.session, agent }, 'Signed out of the desktop')
          .catch(() => undefined);
      }
      station.release(agent.agentId);
    }
    await destroySession(req);
    res.clearCookie(cookieName, { path: '/' });
    res.redirect(303, '/');
  });

  return router;
}
