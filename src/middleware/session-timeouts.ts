// Idle and absolute session timeouts: a signed-in session that outlives either ends at Connect.
import type { RequestHandler } from 'express';
import { setFlash } from './flash';
import { forgetSignIn } from './sign-in';

export interface SessionTimeoutOptions {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  /** Called with the agent id when a session ends, to close the agent's notification socket. */
  onExpired: (agentId: string) => void;
  now?: () => number;
}

/**
 * Writing lastSeenAt on every request would rewrite the session store on every request, so it is
 * written at most this often, and never less often than a tenth of the idle timeout: with a
 * one-minute timeout, an agent clicking every 20 s must stay signed in.
 */
const TOUCH_EVERY_MS = 60_000;

export function touchInterval(idleTimeoutMs: number): number {
  return Math.min(TOUCH_EVERY_MS, Math.floor(idleTimeoutMs / 10));
}
/** Automatic requests that are not the agent's own activity. */
const PASSIVE_PATHS = new Set(['/events']);

export function sessionTimeouts(options: SessionTimeoutOptions): RequestHandler {
  const now = options.now ?? Date.now;
  const touchEveryMs = touchInterval(options.idleTimeoutMs);
  return (req, _res, next) => {
    const session = req.session;
    if (session?.tokens === undefined) return next();
    const t = now();
    const connectedAt = session.connectedAt ?? t;
    const lastSeenAt = session.lastSeenAt ?? t;
    const idle = t - lastSeenAt > options.idleTimeoutMs;
    const tooOld = t - connectedAt > options.absoluteTimeoutMs;
    if (idle || tooOld) {
      if (session.agent) options.onExpired(session.agent.agentId);
      forgetSignIn(session);
      setFlash(req, {
        kind: 'info',
        message: idle
          ? 'You were signed out after a period of inactivity. Connect again to continue.'
          : 'Your session reached its maximum length. Connect again to continue.',
      });
      return next();
    }
    session.connectedAt = connectedAt;
    // The page's own live refresh (X-Live-Refresh) is not the agent at the keyboard either.
    const passive = PASSIVE_PATHS.has(req.path) || req.get('X-Live-Refresh') !== undefined;
    if (!passive && t - lastSeenAt >= touchEveryMs) session.lastSeenAt = t;
    else session.lastSeenAt = lastSeenAt;
    next();
  };
}
