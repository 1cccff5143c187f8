// Synchronizer-token CSRF protection: every state-changing form echoes a token bound to the browser.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors';
import { msg } from '../i18n/message';
import { readCookie } from './flash';
import { randomFromPool } from '../session-store/random-pool';

/**
 * Holds the nonce of a browser that has no session yet. The Connect page's form needs a token
 * before there is anything to remember: binding it to this cookie (the token is an HMAC of the
 * nonce) instead of a session means an anonymous visit stores nothing on the server.
 */
export const ANONYMOUS_CSRF_COOKIE = 'wxcc_desktop.csrf';

export function ensureCsrfToken(session: { csrfToken?: string }): string {
  session.csrfToken ??= randomFromPool(32).toString('base64url');
  return session.csrfToken;
}

export interface CsrfProtection {
  /** Exposes the token to the views as `csrfToken`. */
  provide: RequestHandler;
  /** Refuses a POST whose `_csrf` field is not the token. */
  verify: RequestHandler;
}

export interface CsrfCookieOptions {
  /** `__Host-` in front in production over https, like the session cookie (settings/config.ts). */
  hardened?: boolean;
}

export function csrfProtection(secret: string, cookie: CsrfCookieOptions = {}): CsrfProtection {
  const cookieName = cookie.hardened ? `__Host-${ANONYMOUS_CSRF_COOKIE}` : ANONYMOUS_CSRF_COOKIE;
  const tokenFor = (nonce: string) =>
    createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url');

  /** The anonymous token of this browser, setting its nonce cookie the first time. */
  const anonymousToken = (req: Request, res: Response): string => {
    let nonce = readCookie(req, cookieName);
    if (nonce === undefined || !NONCE.test(nonce)) {
      nonce = randomFromPool(18).toString('base64url');
      res.cookie(cookieName, nonce, {
        httpOnly: true,
        sameSite: 'lax',
        secure: cookie.hardened === true || req.secure,
        path: '/',
      });
    }
    return tokenFor(nonce);
  };

  const provide: RequestHandler = (req, res, next) => {
    // Every page rendered after this may carry a token, so none may be kept by a browser or
    // proxy cache (a shared machine's back button, a proxy's copy).
    res.set('Cache-Control', 'no-store');
    const stored = req.session?.csrfToken;
    if (stored !== undefined) {
      res.locals.csrfToken = stored;
      return next();
    }
    // Made only when a page is rendered (Express reads the locals then), not for redirects,
    // JSON or event streams; a route that assigns a session token replaces it.
    let token: string | undefined;
    Object.defineProperty(res.locals, 'csrfToken', {
      configurable: true,
      enumerable: true,
      get: () => (token ??= anonymousToken(req, res)),
      set: (value: string) => {
        Object.defineProperty(res.locals, 'csrfToken', {
          configurable: true,
          enumerable: true,
          writable: true,
          value,
        });
      },
    });
    next();
  };

  const verify: RequestHandler = (req, _res, next) => {
    if (req.method !== 'POST') return next();
    const nonce = readCookie(req, cookieName);
    // A session's own token when it has one; the anonymous one only for a browser without.
    const expected =
      req.session?.csrfToken ??
      (nonce !== undefined && NONCE.test(nonce) ? tokenFor(nonce) : undefined);
    if (expected === undefined) {
      // No session at all (expired, or never made): nothing to protect, send them to Connect.
      return next(new AppError('not_connected', msg('error.sessionExpired')));
    }
    const sent: unknown = (req.body as Record<string, unknown> | undefined)?._csrf;
    const a = Buffer.from(typeof sent === 'string' ? sent : '');
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      return next(new AppError('csrf', msg('error.csrf')));
    }
    next();
  };

  return { provide, verify };
}

const NONCE = /^[A-Za-z0-9_-]{24}$/;
