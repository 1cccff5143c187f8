// Chooses each request's language and hands the views what they need to speak it.
import type { Request, RequestHandler } from 'express';
import { formatsFor, type Formats } from '../i18n/format';
import {
  isLocale,
  LOCALE_NAMES,
  PSEUDO_LOCALE,
  SHIPPED_LOCALES,
  type Locale,
} from '../i18n/locales';
import { translator, type Translator } from '../i18n/translate';
import { readCookie } from './flash';

/** The choice of a browser that has not signed in (or of the Connect page before it). */
export const LOCALE_COOKIE = 'wxcc_desktop.lang';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `chooseLocale`: the request's language. */
    i18n?: Translator & { fmt: Formats };
  }
}

export interface LocaleOptions {
  /** The pseudo-locale is offered outside production only. */
  pseudo: boolean;
}

/**
 * The agent's own choice (remembered per agent, copied into the session at sign-in) wins, then
 * this browser's choice made before sign-in, then the browser's Accept-Language, then English.
 */
export function chooseLocale(options: LocaleOptions): RequestHandler {
  const offered: string[] = options.pseudo
    ? [...SHIPPED_LOCALES, PSEUDO_LOCALE]
    : [...SHIPPED_LOCALES];
  const languages = languageMenu(options);
  return (req, res, next) => {
    const locale = localeOf(req, offered, options);
    const say = translator(locale);
    const fmt = formatsFor(locale);
    req.i18n = { ...say, fmt };
    res.locals.lang = locale;
    res.locals.t = say.t;
    res.locals.say = say.say;
    res.locals.fmt = fmt;
    res.locals.languages = languages;
    next();
  };
}

function localeOf(req: Request, offered: string[], options: LocaleOptions): Locale {
  const chosen = req.session?.locale ?? readCookie(req, LOCALE_COOKIE);
  if (isLocale(chosen, options)) return chosen;
  // Express negotiates with the header's weights; "de-CH" finds "de".
  const accepted = req.acceptsLanguages(offered);
  return isLocale(accepted, options) ? accepted : 'en';
}

/** The view locals of a request, for fragments rendered outside `res.render` (live updates). */
export function localeLocals(req: Request): Record<string, unknown> {
  const i18n = req.i18n ?? { ...translator('en'), fmt: formatsFor('en') };
  return { lang: i18n.locale, t: i18n.t, say: i18n.say, fmt: i18n.fmt };
}

/** The language menu's choices, each named in itself. */
export function languageMenu(options: LocaleOptions): { value: Locale; name: string }[] {
  const locales: Locale[] = options.pseudo
    ? [...SHIPPED_LOCALES, PSEUDO_LOCALE]
    : [...SHIPPED_LOCALES];
  return locales.map((value) => ({ value, name: LOCALE_NAMES[value] }));
}
