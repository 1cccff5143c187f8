// Synchronizer-token CSRF protection: every state-changing form echoes the session's token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../errors';

/**
 * Exposes the session's token to the views. Every page rendered after this may carry it, so none
 * may be kept by a browser or proxy cache (a shared machine's back button, a proxy's copy).
 */
export const provideCsrfToken: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = req.session.csrfToken ?? '';
  res.set('Cache-Control', 'no-store');
  next();
};

export function ensureCsrfToken(session: { csrfToken?: string }): string {
  session.csrfToken ??= randomBytes(32).toString('base64url');
  return session.csrfToken;
}

export const verifyCsrfToken: RequestHandler = (req, _res, next) => {
  if (req.method !== 'POST') return next();
  const expected = req.session.csrfToken;
  if (expected === undefined) {
    // No session at all (expired, or never made): nothing to protect, send them to Connect.
    return next(new AppError('not_connected', 'Your session has expired. Please connect again.'));
  }
  const sent: unknown = (req.body as Record<string, unknown> | undefined)?._csrf;
  const a = Buffer.from(typeof sent === 'string' ? sent : '');
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return next(
      new AppError(
        'csrf',
        'This form has expired or did not come from this desktop. Go back, reload the page and try again.',
      ),
    );
  }
  next();
};
