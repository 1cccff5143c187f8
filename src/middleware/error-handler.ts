// The one error handler: every failure ends on a page (or JSON) with a human message, never a stack.
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AppError, isAppError } from '../errors';
import { setFlash } from './flash';
import { forgetSignIn, isSignInLost } from './sign-in';

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('not_found', 'There is no page at this address.'));
};

const TITLES: Partial<Record<string, string>> = {
  not_found: 'Page not found',
  csrf: 'This form has expired',
  rate_limited: 'Too many attempts',
  bad_input: 'This request could not be used',
  session_unavailable: 'Temporarily unavailable',
  not_connected: 'Not connected',
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

const SIGN_IN_ENDED_ELSEWHERE =
  'Your Webex sign-in has expired or was revoked, or you signed out in another window. Please connect again.';

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
      forgetSignIn(req.session);
      // Noticed by the live stream or a background check: Connect says why on the next page.
      // A session that still names the agent but whose tokens are gone lost them elsewhere (a
      // revoked refresh seen by a parallel request, an expiry, a sign-out in another browser):
      // say so, in the same words whichever of the racing requests saves the session last.
      const message =
        hadSignIn && error.code === 'not_connected' ? SIGN_IN_ENDED_ELSEWHERE : error.userMessage;
      if (hadSignIn && !redirectable) setFlash(req, { kind: 'error', message });
    }
    if (redirectable && req.accepts(['html', 'json']) === 'html') {
      setFlash(req, {
        kind: 'error',
        message: error.userMessage,
        trackingId: error.trackingId,
        field: error.field,
        values: error.field ? typedValues(req.body) : undefined,
      });
      return res.redirect(303, '/');
    }
    res.status(error.status >= 500 && error.code === 'internal' ? 500 : error.status);
    res.format({
      html: () =>
        res.render('error', {
          title: TITLES[error.code] ?? 'Something went wrong',
          message: error.userMessage,
          trackingId: error.trackingId,
          status: res.statusCode,
        }),
      json: () =>
        res.json({ error: error.code, message: error.userMessage, trackingId: error.trackingId }),
      default: () => res.type('text').send(error.userMessage),
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
    return new AppError(
      'bad_input',
      'What you sent is too large for this desktop (forms are limited to 10 KB). Go back, shorten it and try again.',
      { status },
    );
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('bad_input', 'The request could not be read. Please try again.', {
      status,
    });
  }
  return new AppError('internal', 'Something went wrong on our side. Please try again.', {
    cause: err,
  });
}
