// A sentence for the agent, said in their language when a page is drawn: the code that decides
// what to say (a use case, the error handler, a view model) names the sentence, never its words.
import type en from './locales/en.json';

/** i18next's plural forms (`key_one`, `key_other`…) are asked for by their base key and a count. */
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type BaseKey<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** Every sentence the desktop can say; a key missing from en.json does not compile. */
export type MessageKey = BaseKey<keyof typeof en>;

export type MessageValue = string | number | Message;

export interface Message {
  readonly key: MessageKey;
  readonly values?: Readonly<Record<string, MessageValue>>;
}

export function msg(key: MessageKey, values?: Record<string, MessageValue>): Message {
  return values === undefined ? { key } : { key, values };
}

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { key?: unknown }).key === 'string'
  );
}

/** Whether two texts say the same thing (the same sentence with the same values, or equal words). */
export function sameText(
  a: Message | string | undefined,
  b: Message | string | undefined,
): boolean {
  if (a === undefined || b === undefined) return false;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.key === b.key && JSON.stringify(a.values ?? {}) === JSON.stringify(b.values ?? {});
}
