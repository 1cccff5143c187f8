// What "the Webex sign-in is gone" means for a session, in one place.
import type { SessionData } from 'express-session';
import { isAppError } from '../errors';

/** Errors after which only a new Connect helps. */
export function isSignInLost(error: unknown): boolean {
  return (
    isAppError(error) && (error.code === 'not_connected' || error.code === 'reconnect_required')
  );
}

/** Forgets the tokens and the agent; flash, CSRF token and station memory stay. */
export function forgetSignIn(session: Partial<SessionData>): void {
  delete session.tokens;
  delete session.agent;
  delete session.connectedAt;
  delete session.lastSeenAt;
}
