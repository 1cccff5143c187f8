// Idle and absolute session timeouts: a signed-in session that outlives either ends at Connect,
// and the agent's desktop ends with it on every instance (see the station service's expiry).
import { msg } from '../i18n/message';
import type { RequestHandler } from 'express';
import type { SessionData } from 'express-session';
import { forgetSignIn } from './sign-in';

export interface SessionTimeoutOptions {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  /**
   * Called with the agent id when a session ends: logs the station out and closes the agent's
   * socket wherever it is, unless the agent is still active in another browser.
   */
  onExpired: (agentId: string) => Promise<unknown> | void;
  /** Called when the agent's own activity is recorded (at most once per touch interval). */
  onActive?: (agentId: string, at: number) => Promise<unknown> | void;
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
/** A sign-in starts both timeouts (the callback's session is stored anyway). */
export function startSignedIn(session: Partial<SessionData>, at: number): void {
  session.connectedAt = at;
  session.lastSeenAt = at;
}

/** Automatic requests that are not the agent's own activity. */
const PASSIVE_PATHS = new Set(['/events']);

export function sessionTimeouts(options: SessionTimeoutOptions): RequestHandler {
  const now = options.now ?? Date.now;
  const touchEveryMs = touchInterval(options.idleTimeoutMs);
  return (req, _res, next) => {
    const session = req.session;
    const agentId = session?.agent?.agentId;
    if (agentId === undefined) return next();
    const t = now();
    const connectedAt = session.connectedAt ?? t;
    const lastSeenAt = session.lastSeenAt ?? t;
    const idle = t - lastSeenAt > options.idleTimeoutMs;
    const tooOld = t - connectedAt > options.absoluteTimeoutMs;
    if (idle || tooOld) {
      forgetSignIn(session, {
        kind: 'info',
        message: msg(idle ? 'session.signedOutIdle' : 'session.signedOutMaxLength'),
      });
      // Waited for, so the page that says "signed out" is only sent once it is true everywhere.
      return void Promise.resolve(options.onExpired(agentId)).then(
        () => next(),
        (err: unknown) => {
          req.log?.warn({ err }, 'could not end an expired desktop everywhere');
          next();
        },
      );
    }
    session.connectedAt = connectedAt;
    // The page's own background check (/session/check sends X-Live-Refresh) is not the agent at
    // the keyboard either.
    const passive = PASSIVE_PATHS.has(req.path) || req.get('X-Live-Refresh') !== undefined;
    if (!passive && t - lastSeenAt >= touchEveryMs) {
      session.lastSeenAt = t;
      // Shared with every instance, so the desktop's idle timeout holds when the browser is gone.
      void Promise.resolve(options.onActive?.(agentId, t)).catch((err: unknown) =>
        req.log?.warn({ err }, 'could not record the agent as active on every instance'),
      );
    } else session.lastSeenAt = lastSeenAt;
    next();
  };
}
