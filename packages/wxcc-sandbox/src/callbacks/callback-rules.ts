// The rules Cisco's spec states for a scheduled callback (ScheduleCallbackRequest's field prose).
export interface CallbackRequest {
  customerName: string;
  callbackNumber: string;
  timezone: string;
  scheduleDate: string;
  startTime: string;
  endTime: string;
  queueId: string;
  callbackReason?: string;
  sourceInteraction?: string;
  assigneeAgent?: string;
}

const MINUTE = 60_000;
/** "Start time must be at least 30 minutes in the future from current time." */
export const MIN_LEAD_MS = 30 * MINUTE;
/** "End time must be at least 30 minutes after the startTime and must not exceed 8 hours after." */
export const MIN_WINDOW_MS = 30 * MINUTE;
export const MAX_WINDOW_MS = 8 * 60 * MINUTE;
/** "within 31 days from current date" */
export const MAX_DAYS_AHEAD = 31;
const MAX_NAME = 250;
/** An optional country code, digits, space, hyphen, parentheses and period; 7 to 15 in all. */
export const CALLBACK_NUMBER = /^\+?[0-9 ().-]{7,15}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** How far `zone` is ahead of UTC at `epoch`, in ms. */
function offsetAt(epoch: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(epoch);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return local - Math.floor(epoch / 1000) * 1000;
}

/** The instant a wall-clock date and time in `zone` names. */
export function zonedEpoch(date: string, time: string, zone: string): number | undefined {
  const d = date.match(DATE);
  const t = time.match(TIME);
  if (!d || !t) return undefined;
  const [y, mo, da] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [h, mi, s] = [Number(t[1]), Number(t[2]), Number(t[3])];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, da, h, mi, s);
  // A date that rolls over (2025-02-30) is not a valid date.
  if (new Date(wall).getUTCDate() !== da || new Date(wall).getUTCMonth() !== mo - 1)
    return undefined;
  const first = wall - offsetAt(wall, zone);
  return wall - offsetAt(first, zone);
}

/** Today's date in `zone`, as YYYY-MM-DD. */
export function todayIn(zone: string, now: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(now);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The callback's window in epoch ms, or the sentence WxCC's 400 would carry. */
export function checkCallback(
  body: CallbackRequest,
  now: number,
  queueKnown: (id: string) => boolean,
  agentKnown: (id: string) => boolean,
): { start: number; end: number } | string {
  if (body.customerName.trim() === '' || body.customerName.length > MAX_NAME) {
    return `customerName: 1 to ${MAX_NAME} characters`;
  }
  if (!CALLBACK_NUMBER.test(body.callbackNumber)) {
    return 'callbackNumber: an optional country code and digits (space - ( ) . allowed), 7 to 15 characters';
  }
  if (!isTimeZone(body.timezone)) return 'timezone: not a valid IANA time zone name';
  if (!queueKnown(body.queueId)) return 'queueId: no such queue';
  if (body.sourceInteraction !== undefined && !isUuid(body.sourceInteraction)) {
    return 'sourceInteraction: must be a UUID';
  }
  if (
    body.assigneeAgent !== undefined &&
    !(isUuid(body.assigneeAgent) && agentKnown(body.assigneeAgent))
  ) {
    return 'assigneeAgent: not an agent of this organization';
  }
  const start = zonedEpoch(body.scheduleDate, body.startTime, body.timezone);
  const endSameDay = zonedEpoch(body.scheduleDate, body.endTime, body.timezone);
  if (start === undefined) return 'scheduleDate and startTime: must be YYYY-MM-DD and HH:mm:ss';
  if (endSameDay === undefined) return 'endTime: must be HH:mm:ss';
  const days = daysBetween(todayIn(body.timezone, now), body.scheduleDate);
  if (days < 0 || days > MAX_DAYS_AHEAD) {
    return `scheduleDate: must be within ${MAX_DAYS_AHEAD} days from today`;
  }
  if (start - now < MIN_LEAD_MS) return 'startTime: must be at least 30 minutes in the future';
  // A window may run past midnight: an end before the start is on the next day.
  const next = new Date(Date.parse(`${body.scheduleDate}T00:00:00Z`) + 86_400_000);
  const end =
    endSameDay > start
      ? endSameDay
      : (zonedEpoch(next.toISOString().slice(0, 10), body.endTime, body.timezone) ?? endSameDay);
  if (end - start < MIN_WINDOW_MS) return 'endTime: must be at least 30 minutes after startTime';
  if (end - start > MAX_WINDOW_MS) return 'endTime: must not exceed 8 hours after startTime';
  return { start, end };
}
