// The languages the desktop ships, and how a request's language is chosen.
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import ja from './locales/ja.json';
import { pseudoCatalog } from './pseudo';

export const SHIPPED_LOCALES = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];

/**
 * Accented and bracketed English, longer than the original: a string that shows plain on a page in
 * this locale is not translated, and one cut short shows its missing bracket. Offered outside
 * production only.
 */
export const PSEUDO_LOCALE = 'en-XA';
export type Locale = ShippedLocale | typeof PSEUDO_LOCALE;

export type Catalog = Readonly<Record<string, string>>;

export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en,
  de,
  fr,
  es,
  ja,
  [PSEUDO_LOCALE]: pseudoCatalog(en),
};

/** Each language named in itself, for the language menu. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  ja: '日本語',
  [PSEUDO_LOCALE]: 'Pseudo (en-XA)',
};

export function isLocale(value: unknown, options: { pseudo: boolean }): value is Locale {
  if (value === PSEUDO_LOCALE) return options.pseudo;
  return SHIPPED_LOCALES.some((l) => l === value);
}
