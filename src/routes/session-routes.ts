// Sign out of the app (ending the station session first, within a bounded wait, then the desktop on
// every instance), and the page's background check that the Webex sign-in still works.
import { msg } from '../i18n/message';
import { Router } from 'express';
import { setFlash } from '../middleware/flash';
import type { StationContext, StationService } from '../station/station-service';
import { context, destroySession } from './session-helpers';

export interface SessionRouteOptions {
  /** Calls Webex with the agent's token; rejects with `reconnect_required` when it is dead. */
  verifySignIn?: (ctx: StationContext) => Promise<unknown>;
  /** How long sign-out waits for WxCC to log the station out before it tells the agent. */
  signOutWaitMs?: number;
}

export const SIGN_OUT_WAIT_MS = 3000;

const SIGNED_OUT = msg('session.signedOut');
const STATION_MAY_BE_LOGGED_IN = msg('session.signedOutStationUnconfirmed');

export function sessionRoutes(
  station: StationService,
  cookieName: string,
  options: SessionRouteOptions = {},
): Router {
  const router = Router();
  const waitMs = options.signOutWaitMs ?? SIGN_OUT_WAIT_MS;

  router.post('/signout', async (req, res) => {
    const { agent } = req.session;
    let stationClear = true;
    if (agent) {
      const ctx = { agent };
      // A station left logged in would keep routing calls to an absent agent, but a slow WxCC
      // must not hold the agent here for the full timeout: wait a little, then say so.
      const ended = endStation(station, ctx).catch((err: unknown) => {
        req.log.warn({ err }, 'sign-out could not log the station out');
        return false;
      });
      stationClear = await Promise.race([ended, delay(waitMs).then(() => false)]);
      // Whichever instance holds the agent's socket closes it; every page stream ends.
      await station.release(agent.agentId).catch((err: unknown) => {
        req.log.warn({ err }, 'sign-out could not reach every instance');
      });
    }
    // Nothing is kept of a signed-out browser: the session goes (a visitor who never signed in
    // has none stored, and none is made), and the confirmation rides in the flash cookie.
    await destroySession(req);
    // With the attributes express-session set it with: a browser refuses to touch a `__Host-`
    // cookie from a Set-Cookie without Secure, clearing included.
    res.clearCookie(cookieName, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure || cookieName.startsWith('__Host-'),
    });
    setFlash(
      req,
      stationClear
        ? { kind: 'success', message: SIGNED_OUT }
        : { kind: 'error', message: STATION_MAY_BE_LOGGED_IN },
    );
    res.redirect(303, '/');
  });

  // The page asks this once it has loaded and when its live stream fails: a sign-in revoked at
  // Webex is noticed now, not at the agent's next click (perhaps mid-call). Not cached, or a
  // page reloaded just after a revocation would be told all is well; its own rate limit
  // (rate-limits.ts sessionCheck) bounds what one agent can make Webex answer.
  router.get('/session/check', async (req, res) => {
    const ctx = context(req);
    await options.verifySignIn?.(ctx);
    res.status(204).end();
  });

  return router;
}

/** True once WxCC confirmed the station is logged out (or it was not logged in). */
async function endStation(station: StationService, ctx: StationContext): Promise<boolean> {
  const snapshot = await station.snapshot(ctx);
  if (!snapshot.loggedIn) return true;
  return (await station.logout(ctx, 'Signed out of the desktop')) === 'confirmed';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
