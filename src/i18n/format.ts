// Numbers, durations and times in the agent's locale (Intl), one set of formatters per locale.
import type { Locale } from './locales';
import { PSEUDO_LOCALE } from './locales';

export interface Formats {
  number(value: number): string;
  /** 75 s → "1:15" (a clock the agent reads at a glance, the same in every language). */
  clock(seconds: number): string;
  /** 75 s → "1 min, 15 sec" / "1 Min., 15 Sek." / "1分15秒". */
  duration(seconds: number): string;
  time(epochMs: number): string;
  dateTime(epochMs: number): string;
}

const cache = new Map<Locale, Formats>();

export function formatsFor(locale: Locale): Formats {
  const known = cache.get(locale);
  if (known) return known;
  const tag = locale === PSEUDO_LOCALE ? 'en' : locale;
  const number = new Intl.NumberFormat(tag);
  const unit = (u: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(tag, { style: 'unit', unit: u, unitDisplay: 'short' });
  const hours = unit('hour');
  const minutes = unit('minute');
  const seconds = unit('second');
  const list = new Intl.ListFormat(tag, { style: 'narrow', type: 'unit' });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short' });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const made: Formats = {
    number: (value) => number.format(value),
    clock: (total) => {
      const s = Math.max(0, Math.floor(total));
      const h = Math.floor(s / 3600);
      const mm = String(Math.floor((s % 3600) / 60)).padStart(h > 0 ? 2 : 1, '0');
      const ss = String(s % 60).padStart(2, '0');
      return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
    },
    duration: (total) => {
      const s = Math.max(0, Math.floor(total));
      const parts: string[] = [];
      if (s >= 3600) parts.push(hours.format(Math.floor(s / 3600)));
      if (s >= 60) parts.push(minutes.format(Math.floor((s % 3600) / 60)));
      if (s < 3600) parts.push(seconds.format(s % 60));
      return list.format(parts);
    },
    time: (ms) => time.format(ms),
    dateTime: (ms) => dateTime.format(ms),
  };
  cache.set(locale, made);
  return made;
}
