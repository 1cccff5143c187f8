// One-shot messages carried across a redirect (post/redirect/get), in a short-lived cookie sealed
// (AES-256-GCM) for the browser that asked: every action an agent takes ends in a redirect, and a
// message kept in the session cost two session writes for each (set, then taken), each a store
// write and, on Redis, a round trip. Sealed, not only signed: a refused form's refill may hold a
// dial number, which has no business in a browser's cookie jar in clear.
import { createHmac } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Flash, NewFlash } from '../types/session';
import { isMessage } from '../i18n/message';
import { createJsonCipher } from '../session-store/session-cipher';

export const FLASH_COOKIE = 'wxcc_desktop.flash';
/** Long enough to follow a redirect, short enough that a stale message never shows later. */
const FLASH_COOKIE_MAX_AGE_MS = 60_000;
/**
 * Browsers drop a cookie over 4,096 bytes (name and attributes included). A refused form's refill
 * that would not fit is left out (the message still shows); a message that still would not fit
 * rides in a signed-in agent's session, as every message did before.
 */
export const MAX_SEALED_FLASH_LENGTH = 3_500;
const KEY_LABEL = 'wxcc-agent-desktop/flash-cookie/v1';

interface FlashCookie {
  name: string;
  secure: (req: Request) => boolean;
  /** `owner`: the signed-in agent's id, or '' for a browser without a sign-in. */
  seal(flash: Flash, owner: string): string;
  open(value: string, owner: string): Flash | undefined;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `flashCookies`: how this app seals a flash. */
    flashCookie?: FlashCookie;
  }
}

/** Installs the sealed flash cookie; `hardened` prefixes it `__Host-` like the session cookie. */
export function flashCookies(secret: string, options: { hardened?: boolean } = {}): RequestHandler {
  // Its own key, derived from the session secret: no other record can be opened as a flash.
  const cipher = createJsonCipher(createHmac('sha256', secret).update(KEY_LABEL).digest());
  // Sealed for its owner: a message set for one agent is not shown to another, nor to a browser
  // whose sign-in has ended since (a sign-out's own message is sealed after it, for no one).
  const context = (owner: string) => `flash:${owner}`;
  const cookie: FlashCookie = {
    name: options.hardened ? `__Host-${FLASH_COOKIE}` : FLASH_COOKIE,
    secure: (req) => options.hardened === true || req.secure,
    seal: (flash, owner) => cipher.seal(flash, context(owner)),
    open(value, owner) {
      const flash = cipher.open(value, context(owner)) as Flash | undefined;
      if (flash === null || typeof flash !== 'object') return undefined;
      return typeof flash.message === 'string' || isMessage(flash.message) ? flash : undefined;
    },
  };
  return (req, _res, next) => {
    req.flashCookie = cookie;
    next();
  };
}

export function setFlash(req: Request, flash: NewFlash): void {
  const cookie = req.flashCookie;
  const owner = ownerOf(req);
  const sealed = cookie && sealToFit(cookie, flash, owner);
  if (cookie === undefined || sealed === undefined || req.res === undefined) {
    // Never for a browser without a sign-in: nothing anonymous is stored.
    if (req.session && owner !== '') req.session.flash = flash;
    return;
  }
  req.res.cookie(cookie.name, sealed, {
    ...attributes(cookie, req),
    maxAge: FLASH_COOKIE_MAX_AGE_MS,
  });
}

function attributes(cookie: FlashCookie, req: Request) {
  return { httpOnly: true, sameSite: 'lax', secure: cookie.secure(req), path: '/' } as const;
}

function sealToFit(cookie: FlashCookie, flash: Flash, owner: string): string | undefined {
  const sealed = cookie.seal(flash, owner);
  if (sealed.length <= MAX_SEALED_FLASH_LENGTH) return sealed;
  if (flash.values === undefined) return undefined;
  return sealToFit(cookie, { ...flash, values: undefined }, owner);
}

export function takeFlash(req: Request): Flash | undefined {
  // Set by an instance not yet upgraded (a rolling upgrade), or too large for the cookie.
  const stored = req.session?.flash;
  if (stored !== undefined) {
    delete req.session.flash;
    return stored;
  }
  const cookie = req.flashCookie;
  const value = cookie && readCookie(req, cookie.name);
  if (cookie === undefined || value === undefined) return undefined;
  // With the attributes it was set with: a browser refuses a `__Host-` cookie without Secure, even
  // one that only clears it, and the message would show again on every page for a minute.
  req.res?.clearCookie(cookie.name, attributes(cookie, req));
  return cookie.open(decodeURIComponent(value), ownerOf(req));
}

/** Whom a flash is sealed for: the signed-in agent, or '' for a browser without a sign-in. */
function ownerOf(req: Request): string {
  return req.session?.agent?.agentId ?? '';
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
