// The one error handler: every failure ends on a page (or JSON) with a human message, never a stack.
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AppError, isAppError } from '../errors';
import { msg, type MessageKey } from '../i18n/message';
import { setFlash } from './flash';
import { forgetSignIn, isSignInLost } from './sign-in';

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('not_found', msg('error.notFound')));
};

const TITLES: Partial<Record<string, MessageKey>> = {
  not_found: 'error.title.not_found',
  csrf: 'error.title.csrf',
  rate_limited: 'error.title.rate_limited',
  bad_input: 'error.title.bad_input',
  session_unavailable: 'error.title.session_unavailable',
  not_connected: 'error.title.not_connected',
};

/** Refusals that must not turn into a redirect: the client has to see the status itself. */
const ANSWERED_IN_PLACE = new Set(['csrf', 'rate_limited']);

/**
 * Our bugs at error with the stack; refusals of the client's own request (404, 413, CSRF, 429) at
 * info or warn with no stack and nothing of the request body (it holds the CSRF token);
 * upstream failures at warn with their cause.
 */
export function logFailure(error: AppError, raw: unknown, req: Request): void {
  const summary = { code: error.code, status: error.status, method: req.method, path: req.path };
  if (error.code === 'internal') req.log.error({ err: raw }, 'request failed');
  else if (error.code === 'not_found') req.log.info(summary, 'no such page');
  else if (CLIENT_REFUSALS.has(error.code)) req.log.warn(summary, 'request refused');
  else req.log.warn({ err: raw }, 'request failed');
}

const SIGN_IN_ENDED_ELSEWHERE = msg('error.signInEndedElsewhere');

const CLIENT_REFUSALS = new Set(['bad_input', 'csrf', 'rate_limited', 'not_connected']);

export function createErrorHandler(
  log: (error: AppError, raw: unknown, req: Request) => void = logFailure,
): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const error = toAppError(err);
    log(error, err, req);
    if (error.trackingId) res.locals.trackingId = error.trackingId;
    if (error.retryAfterSec !== undefined) res.set('Retry-After', String(error.retryAfterSec));
    // Error pages can carry a signed-in agent's name and a form token: never cache them.
    res.set('Cache-Control', 'no-store');

    const hasSession = req.session !== undefined;
    // After a form post or the OAuth callback, go back to the page that fits (post/redirect/get).
    const redirectable =
      hasSession &&
      (req.method === 'POST' || req.path === '/oauth') &&
      !ANSWERED_IN_PLACE.has(error.code);
    if (hasSession && isSignInLost(error)) {
      const hadSignIn = req.session.agent !== undefined;
      // Noticed by the live stream or a background check: Connect says why on the next page.
      // A session that still names the agent but whose tokens are gone lost them elsewhere (a
      // revoked refresh seen by a parallel request, an expiry, a sign-out in another browser):
      // say so, in the same words whichever of the racing requests saves the session last.
      const message =
        hadSignIn && error.code === 'not_connected' ? SIGN_IN_ENDED_ELSEWHERE : error.said;
      forgetSignIn(req.session, hadSignIn ? { kind: 'error', message } : undefined);
    }
    if (redirectable && req.accepts(['html', 'json']) === 'html') {
      setFlash(req, {
        kind: 'error',
        message: error.said,
        trackingId: error.trackingId,
        field: error.field,
        values: error.field ? typedValues(req.body) : undefined,
      });
      return res.redirect(303, '/');
    }
    res.status(error.status >= 500 && error.code === 'internal' ? 500 : error.status);
    // Said in the request's language; English when the failure came before it was chosen.
    const say =
      (res.locals.say as ((text: unknown) => string) | undefined) ?? (() => error.userMessage);
    const message = say(error.said);
    res.format({
      html: () =>
        res.render('error', {
          title: msg(TITLES[error.code] ?? 'error.title.default'),
          message,
          trackingId: error.trackingId,
          status: res.statusCode,
        }),
      json: () => res.json({ error: error.code, message, trackingId: error.trackingId }),
      default: () => res.type('text').send(message),
    });
  };
}

/** The plain text fields of a refused form (not the CSRF token), cut short, to refill it. */
function typedValues(body: unknown): Record<string, string> | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== '_csrf' && typeof value === 'string' && /^[A-Za-z]{1,32}$/.test(key)) {
      values[key] = value.slice(0, 64);
    }
  }
  return values;
}

function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const status = (err as { status?: unknown } | null)?.status;
  // body-parser and friends throw 4xx errors with a status; keep them 4xx. The raw error is not
  // kept: parse errors carry the request body, CSRF token included.
  if (status === 413) {
    return new AppError('bad_input', msg('error.tooLarge'), { status });
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('bad_input', msg('error.unreadable'), {
      status,
    });
  }
  return new AppError('internal', msg('error.internal'), {
    cause: err,
  });
}
