// GET /: one address that shows whichever page fits the session: connect, station form, or agent.
import { Router, type Request } from 'express';
import { isAppError, type AppError } from '../errors';
import { takeFlash } from '../middleware/flash';
import { ensureCsrfToken } from '../middleware/csrf';
import type { StationService } from '../services/station-service';
import type { StationSnapshot } from '../services/station-types';
import type { Config } from '../config';
import { agentPageModel, stationFormModel } from './view-models';

export function homeRoutes(station: StationService, config: Config): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.locals.csrfToken = ensureCsrfToken(req.session);
    const flash = takeFlash(req);
    const { tokens, agent } = req.session;
    if (tokens === undefined || agent === undefined) {
      return res.render('connect', { title: 'Connect', flash, mode: config.mode });
    }

    let snapshot: StationSnapshot | undefined;
    let problem: AppError | undefined;
    try {
      snapshot = await station.snapshot({ slot: req.session, agent });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'reconnect_required' || error.code === 'not_connected') {
        signOutOfWebex(req);
        const reason = { kind: 'error' as const, message: error.userMessage };
        return res.render('connect', { title: 'Connect', flash: reason, mode: config.mode });
      }
      problem = error;
    }
    res.set('Cache-Control', 'no-store');
    if (snapshot?.loggedIn) {
      return res.render('agent', { title: 'Agent', flash, ...agentPageModel(agent, snapshot) });
    }
    res.render('station', {
      title: 'Station',
      flash,
      problem,
      ...stationFormModel(agent, snapshot, req.session.lastStation, config, flash),
    });
  });

  return router;
}

function signOutOfWebex(req: Request): void {
  delete req.session.tokens;
  delete req.session.agent;
}
