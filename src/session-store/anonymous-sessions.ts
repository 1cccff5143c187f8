// Sessions without a Webex sign-in live minutes, not the twelve hours of a signed-in one.
import type { RequestHandler } from 'express';

/**
 * Before sign-in a session holds at most a Connect attempt (itself refused after ten minutes) and
 * a one-shot message, so ten minutes is all it needs. What an anonymous client can make the store
 * hold is then bounded by the sign-in rate limit per address times this lifetime.
 */
export const ANONYMOUS_SESSION_TTL_MS = 10 * 60_000;

export function boundAnonymousSessions(ttlMs = ANONYMOUS_SESSION_TTL_MS): RequestHandler {
  return (req, _res, next) => {
    const session = req.session;
    // Setting maxAge moves the cookie's and the stored row's expiry; the sign-in regenerates the
    // session, which then takes the configured (absolute timeout) lifetime again.
    if (session !== undefined && session.agent === undefined) session.cookie.maxAge = ttlMs;
    next();
  };
}
