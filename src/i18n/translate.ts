// Turns a key or a Message into the agent's words, with i18next (one instance for the process,
// every catalog loaded at start: nothing is read from disk while a page is drawn).
import i18next, { type TFunction } from 'i18next';
import { CATALOGS, type Locale } from './locales';
import { isMessage, type Message, type MessageKey, type MessageValue } from './message';

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(
    Object.entries(CATALOGS).map(([locale, catalog]) => [locale, { translation: catalog }]),
  ),
  lng: 'en',
  fallbackLng: 'en',
  // Keys are flat, with dots inside them ("station.login.title"), as the catalogs are written.
  keySeparator: false,
  nsSeparator: false,
  // EJS escapes what it prints with <%= %>; escaping here too would show &amp; to the agent.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

export interface Translator {
  readonly locale: Locale;
  /** A catalog sentence; values fill its `{{placeholders}}`. */
  t(key: MessageKey, values?: Record<string, MessageValue>): string;
  /**
   * What to show for a message that may come from the tenant or from an older record as plain
   * text: a Message is translated, a string is shown as written (tenant names stay as the tenant
   * wrote them).
   */
  say(text: Message | string | undefined): string;
}

const cache = new Map<Locale, Translator>();

export function translator(locale: Locale): Translator {
  const known = cache.get(locale);
  if (known) return known;
  const fixed: TFunction = instance.getFixedT(locale);
  // Every catalog is loaded once at start and never changes, so a sentence without values is the
  // same every time: a page says about a hundred of them, and i18next's lookup of each was a
  // twentieth of a signed-in page's CPU (`npm run bench -- page`, docs/MEASUREMENTS.md).
  const plain = new Map<MessageKey, string>();
  // A sentence with values is the same for the same values: a page fills many with the same ones
  // (the title, "{state}" placeholders for the scripts, the statistics' figures), and i18next's
  // interpolation was about a tenth of a signed-in page's CPU. Kept per key and values, at most
  // SAID_WITH_VALUES of them (the oldest forgotten first), catalog keys only.
  const filled = new Map<string, string>();
  const t = (key: MessageKey, values?: Record<string, MessageValue>): string => {
    if (values !== undefined) {
      const resolved = resolveValues(values, t);
      const memo = SENTENCES.has(key) ? filledKey(key, resolved) : undefined;
      const hit = memo === undefined ? undefined : filled.get(memo);
      if (hit !== undefined) return hit;
      const said = fixed(key, resolved);
      if (memo !== undefined) {
        if (filled.size >= SAID_WITH_VALUES) filled.delete(filled.keys().next().value as string);
        filled.set(memo, said);
      }
      return said;
    }
    let said = plain.get(key);
    if (said === undefined) {
      said = fixed(key);
      // Only the catalog's own keys are kept, so a key made up at run time cannot grow the map.
      if (Object.hasOwn(CATALOGS.en, key)) plain.set(key, said);
    }
    return said;
  };
  const made: Translator = {
    locale,
    t,
    say: (text) => (text === undefined ? '' : isMessage(text) ? t(text.key, text.values) : text),
  };
  cache.set(locale, made);
  return made;
}

/** Sentences with values kept per language (translator's `filled`): under a MiB each. */
const SAID_WITH_VALUES = 2000;

/**
 * The catalog's sentences, a plural one by its key without the form (key_one, key_other… are
 * written; `count` among the values picks one): only these are kept, so a key made up at run time
 * cannot grow the memo.
 */
const SENTENCES = new Set(
  Object.keys(CATALOGS.en).flatMap((key) => {
    const plural = /^(.+)_(?:zero|one|two|few|many|other)$/.exec(key);
    return plural ? [key, plural[1]!] : [key];
  }),
);

/**
 * The memo's key for a sentence and its values; undefined when a value is not a plain one. Each
 * value follows a NUL, its name and a mark of its type (a number `count`, which picks the plural
 * form, differs from the same digits as text); a text holding a NUL itself is not kept, so no value
 * (a caller's name from WxCC) can pass for other values.
 */
function filledKey(key: string, values: Record<string, string | number>): string | undefined {
  let memo = key;
  for (const name in values) {
    const value = values[name];
    if (typeof value === 'number') memo += `\u0000${name}#${value}`;
    else if (typeof value === 'string' && !value.includes('\u0000'))
      memo += `\u0000${name}=${value}`;
    else return undefined;
  }
  return memo;
}

/** Values that are sentences themselves ("…refused: {{reason}}") are said in the same language. */
function resolveValues(
  values: Record<string, MessageValue>,
  t: (key: MessageKey, values?: Record<string, MessageValue>) => string,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const name of Object.keys(values)) {
    const value = values[name]!;
    out[name] = isMessage(value) ? t(value.key, value.values) : value;
  }
  return out;
}

/** The English words of a message, for logs and JSON answers read by people who run the desktop. */
export function inEnglish(text: Message | string): string {
  return translator('en').say(text);
}
