// Connect to WxCC: start the Webex sign-in and receive its callback at /oauth.
import { Router } from 'express';
import type { OAuthService } from '../sign-in/oauth-service';
import type { StationService } from '../station/station-service';
import { msg } from '../i18n/message';
import { setFlash } from '../middleware/flash';
import type { AgentPreferences } from '../preferences/agent-preferences';
import { ensureCsrfToken } from '../middleware/csrf';
import { startSignedIn } from '../middleware/session-timeouts';
import { regenerateSession, saveSession } from './session-helpers';

export function oauthRoutes(
  oauth: OAuthService,
  station: StationService,
  preferences: AgentPreferences,
  now: () => number = Date.now,
): Router {
  const router = Router();

  router.post('/connect', async (req, res) => {
    const { url, pending } = oauth.startAuthorization();
    req.session.pendingAuthorization = pending;
    // The session must be stored before the browser leaves, or the callback finds no state.
    await saveSession(req);
    res.redirect(303, url);
  });

  router.get('/oauth', async (req, res) => {
    // Taken out first: a callback can be used once, whatever happens next.
    const pending = req.session.pendingAuthorization;
    delete req.session.pendingAuthorization;
    // The tokens go to the token store (every instance reads them there), not into the session.
    const { person } = await oauth.completeAuthorization(pending, req.query);
    const [, chosen] = await Promise.all([
      station.signedIn(person),
      // The language the agent chose on any desktop, kept for the whole session.
      preferences.recall(person.agentId).catch(() => ({ locale: undefined })),
    ]);
    // A new session id at sign-in, so an id planted before it is worth nothing (fixation).
    await regenerateSession(req);
    req.session.agent = person;
    // The timeouts count from the sign-in; stamped now, the first page need not store the session.
    startSignedIn(req.session, now());
    if (chosen.locale !== undefined) req.session.locale = chosen.locale;
    ensureCsrfToken(req.session);
    setFlash(req, {
      kind: 'success',
      message: msg('connect.connectedAs', { name: person.displayName }),
    });
    res.redirect(303, '/');
  });

  return router;
}
