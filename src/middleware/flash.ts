// One-shot messages carried across a redirect (post/redirect/get). A signed-in agent's ride in
// the session; anyone else's in a short-lived signed cookie, so a visitor who never signed in
// (or has just signed out) makes the server store nothing.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Flash, NewFlash } from '../types/session';
import { isMessage } from '../i18n/message';

export const FLASH_COOKIE = 'wxcc_desktop.flash';
/** Long enough to follow a redirect, short enough that a stale message never shows later. */
const FLASH_COOKIE_MAX_AGE_MS = 60_000;

interface FlashCookie {
  name: string;
  secure: (req: Request) => boolean;
  seal(flash: Flash): string;
  open(value: string): Flash | undefined;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `flashCookies`: how this app seals a flash without a session. */
    flashCookie?: FlashCookie;
  }
}

/** Installs the signed flash cookie; `hardened` prefixes it `__Host-` like the session cookie. */
export function flashCookies(secret: string, options: { hardened?: boolean } = {}): RequestHandler {
  const mac = (body: string) =>
    createHmac('sha256', secret).update(`flash:${body}`).digest('base64url');
  const cookie: FlashCookie = {
    name: options.hardened ? `__Host-${FLASH_COOKIE}` : FLASH_COOKIE,
    secure: (req) => options.hardened === true || req.secure,
    seal(flash) {
      const body = Buffer.from(JSON.stringify(flash)).toString('base64url');
      return `${body}.${mac(body)}`;
    },
    open(value) {
      const dot = value.lastIndexOf('.');
      if (dot < 1) return undefined;
      const body = value.slice(0, dot);
      const sent = Buffer.from(value.slice(dot + 1));
      const expected = Buffer.from(mac(body));
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) return undefined;
      try {
        const flash = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Flash;
        return typeof flash.message === 'string' || isMessage(flash.message) ? flash : undefined;
      } catch {
        return undefined;
      }
    },
  };
  return (req, _res, next) => {
    req.flashCookie = cookie;
    next();
  };
}

export function setFlash(req: Request, flash: NewFlash): void {
  const cookie = req.flashCookie;
  if (req.session?.agent !== undefined || cookie === undefined || req.res === undefined) {
    if (req.session) req.session.flash = flash;
    return;
  }
  req.res.cookie(cookie.name, cookie.seal(flash), {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure(req),
    path: '/',
    maxAge: FLASH_COOKIE_MAX_AGE_MS,
  });
}

export function takeFlash(req: Request): Flash | undefined {
  const stored = req.session?.flash;
  if (stored !== undefined) {
    delete req.session.flash;
    return stored;
  }
  const cookie = req.flashCookie;
  const value = cookie && readCookie(req, cookie.name);
  if (cookie === undefined || value === undefined) return undefined;
  req.res?.clearCookie(cookie.name, { path: '/' });
  return cookie.open(decodeURIComponent(value));
}

/** One cookie's value; express-session parses only its own, and one cookie needs no parser. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
