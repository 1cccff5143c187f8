// What "the Webex sign-in is gone" means for a session, in one place.
import type { SessionData } from 'express-session';
import type { NewFlash } from '../types/session';
import { isAppError } from '../errors';
import { ANONYMOUS_SESSION_TTL_MS } from '../session-store/anonymous-sessions';

/** Errors after which only a new Connect helps. */
export function isSignInLost(error: unknown): boolean {
  return (
    isAppError(error) && (error.code === 'not_connected' || error.code === 'reconnect_required')
  );
}

/**
 * Forgets who signed in (their tokens live in the token store); the CSRF token stays. What is
 * left is an anonymous session, kept no longer than one (anonymous-sessions.ts). `why` is kept
 * for Connect to say until the agent connects again.
 */
export function forgetSignIn(session: Partial<SessionData>, why?: NewFlash): void {
  if (why !== undefined) session.signedOut = why;
  delete session.agent;
  delete session.connectedAt;
  delete session.lastSeenAt;
  if (session.cookie) session.cookie.maxAge = ANONYMOUS_SESSION_TTL_MS;
}
