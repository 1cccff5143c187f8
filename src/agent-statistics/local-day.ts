// Days as the tenant lives them: the calendar date and its bounds in the tenant's IANA time zone
// (WxCC's organization `timezone`, which Cisco's SDK reads as tenantTimezone: @webex/contact-center
// src/services/config/Util.ts parseAgentConfigs), so "today" is the same on every instance.

/** A calendar date in the tenant's zone, `YYYY-MM-DD`. */
export type DayKey = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** A zone Node knows, or undefined: a tenant's misspelt zone must not break the desktop. */
export function knownTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    formatter(timeZone);
    return timeZone;
  } catch {
    return undefined;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function partsAt(at: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out as unknown as LocalParts;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(at: number, timeZone: string): number {
  const p = partsAt(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The last day each zone was asked about, with its bounds: every page and statistics update asks
 * for "today" several times, and Intl's formatToParts (twice per bound) was the statistics' main
 * cost on a signed-in page. An instant inside the remembered bounds is on that day.
 */
const lastDay = new Map<string, { day: DayKey; from: number; to: number }>();

export function dayOf(at: number, timeZone: string): DayKey {
  return boundsOf(at, timeZone).day;
}

/** The local day an instant is on, with the instants it begins and ends at. */
function boundsOf(at: number, timeZone: string): { day: DayKey; from: number; to: number } {
  const known = lastDay.get(timeZone);
  if (known !== undefined && at >= known.from && at < known.to) return known;
  const p = partsAt(at, timeZone);
  const day = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  const bounds = { day, from: startOfDay(day, timeZone), to: endOfDay(day, timeZone) };
  // Zones come from the tenants' settings (knownTimeZone): a handful per instance.
  lastDay.set(timeZone, bounds);
  return bounds;
}

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The hour of the day (0–23) in the zone. A day 24 hours long had no clock change in it (a change
 * makes it shorter or longer): its hours are counted from its midnight, with no Intl call. The
 * statistics' hourly chart asks this for every contact of the day, on every page view: Intl's
 * formatToParts per contact was a tenth of a signed-in page with 80 calls that day (sixth pass).
 */
export function hourOf(at: number, timeZone: string): number {
  const { from, to } = boundsOf(at, timeZone);
  if (to - from === DAY_MS) return Math.floor((at - from) / HOUR_MS);
  return partsAt(at, timeZone).hour;
}

/** The instant a local date begins (its midnight, or the first instant after a skipped one). */
export function startOfDay(day: DayKey, timeZone: string): number {
  const key = `${timeZone} ${day}`;
  let at = dayStarts.get(key);
  if (at === undefined) {
    // A zone's rules do not change while the process runs: a day begins at the same instant.
    if (dayStarts.size >= MAX_DAY_STARTS) dayStarts.clear();
    at = computeStartOfDay(day, timeZone);
    dayStarts.set(key, at);
  }
  return at;
}

const dayStarts = new Map<string, number>();
/** Days asked about are today, yesterday and the recent contacts' days, per zone: few. */
const MAX_DAY_STARTS = 512;

function computeStartOfDay(day: DayKey, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // Two passes settle the offset on either side of a daylight-saving change.
  let at = wall - offsetAt(wall, timeZone);
  at = wall - offsetAt(at, timeZone);
  return at;
}

/** The local date after `day`. */
export function nextDay(day: DayKey): DayKey {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

export function endOfDay(day: DayKey, timeZone: string): number {
  // Most often asked of the day last asked about (the statistics, at every count and view).
  const known = lastDay.get(timeZone);
  if (known?.day === day) return known.to;
  return startOfDay(nextDay(day), timeZone);
}

/** Splits [from, to) at the zone's midnights: one piece per local day it touches. */
export function splitByDay(
  from: number,
  to: number,
  timeZone: string,
): { day: DayKey; from: number; to: number }[] {
  const pieces: { day: DayKey; from: number; to: number }[] = [];
  let start = from;
  while (start < to) {
    const day = dayOf(start, timeZone);
    const end = Math.min(to, endOfDay(day, timeZone));
    pieces.push({ day, from: start, to: end });
    start = end;
  }
  return pieces;
}
