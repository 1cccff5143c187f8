// The time zones a callback is booked in: the IANA names this runtime knows (Intl), offered as a
// list, so the agent picks one rather than types one, and the server accepts only those.

/** UTC first (Intl lists it under no region), then every IANA zone, as `Intl` names them. */
export const CALLBACK_TIME_ZONES: readonly string[] = Object.freeze([
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC'),
]);

const OFFERED: ReadonlySet<string> = new Set(CALLBACK_TIME_ZONES);

export function isOfferedTimeZone(zone: string): boolean {
  return OFFERED.has(zone);
}

/**
 * The list's entry for the tenant's zone (an alias, as a tenant may store one, is matched by its
 * canonical name); undefined when there is none, and the page starts on the browser's zone.
 */
export function listedTimeZone(zone: string | undefined): string | undefined {
  if (zone === undefined || zone === '') return undefined;
  if (OFFERED.has(zone)) return zone;
  try {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions()
      .timeZone;
    return OFFERED.has(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Formatters by zone: making one costs more than formatting a hundred dates, and each contact's
 * callback form asks for tomorrow on every live update (the soak's profile: 2.4 % of the desktop's
 * CPU). Bounded by the zones Intl knows.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The date `days` after `now` on the calendar of `zone` (yyyy-mm-dd). */
export function dateIn(zone: string, now: number, days = 0): string {
  let format = dayFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    if (OFFERED.has(zone)) dayFormats.set(zone, format);
  }
  return format.format(now + days * 86_400_000);
}
