// Numbers, durations and times in the agent's locale (Intl), one set of formatters per locale.
import type { Locale } from './locales';
import { PSEUDO_LOCALE } from './locales';

export interface Formats {
  number(value: number): string;
  /** 75 s → "1:15" (a clock the agent reads at a glance, the same in every language). */
  clock(seconds: number): string;
  /** 75 s → "1 min, 15 sec" / "1 Min., 15 Sek." / "1分15秒". */
  duration(seconds: number): string;
  /** A time of day; in `timeZone` when given (the tenant's), else the server's. */
  time(epochMs: number, timeZone?: string): string;
  /** A calendar day; in `timeZone` when given. */
  date(epochMs: number, timeZone?: string): string;
  dateTime(epochMs: number, timeZone?: string): string;
}

type DateStyle = 'time' | 'date' | 'dateTime';
const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  time: { timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
};

const cache = new Map<Locale, Formats>();

/** Strings said per locale and kind at most; past it, they are forgotten all at once. */
const MAX_SAID = 2000;

/**
 * What a formatter said, by what it was asked: the recent contacts panel formats a time and a
 * duration for each of its 50 rows on every page view and tools redraw, and Intl's formatting was
 * most of that panel's cost (sixth pass).
 */
function remembered<K>(): (key: K, make: () => string) => string {
  const said = new Map<K, string>();
  return (key, make) => {
    let text = said.get(key);
    if (text === undefined) {
      if (said.size >= MAX_SAID) said.clear();
      text = make();
      said.set(key, text);
    }
    return text;
  };
}

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
  // One formatter per style and time zone, made on first use (a tenant has one or a few zones).
  const dates = new Map<string, Intl.DateTimeFormat>();
  const datesSaid = remembered<string>();
  const durationsSaid = remembered<number>();
  const dateFormat = (style: DateStyle, ms: number, timeZone?: string) => {
    const key = `${style} ${timeZone ?? ''}`;
    // No style shows seconds, and every zone's offset is whole minutes: one text per minute.
    return datesSaid(`${key} ${Math.floor(ms / 60_000)}`, () => {
      let made = dates.get(key);
      if (made === undefined) {
        made = new Intl.DateTimeFormat(tag, { ...STYLES[style], timeZone });
        dates.set(key, made);
      }
      return made.format(ms);
    });
  };
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
      return durationsSaid(s, () => {
        const parts: string[] = [];
        if (s >= 3600) parts.push(hours.format(Math.floor(s / 3600)));
        if (s >= 60) parts.push(minutes.format(Math.floor((s % 3600) / 60)));
        if (s < 3600) parts.push(seconds.format(s % 60));
        return list.format(parts);
      });
    },
    time: (ms, timeZone) => dateFormat('time', ms, timeZone),
    date: (ms, timeZone) => dateFormat('date', ms, timeZone),
    dateTime: (ms, timeZone) => dateFormat('dateTime', ms, timeZone),
  };
  cache.set(locale, made);
  return made;
}
