// Personal scheduled callbacks: booked from a contact (the customer's number) in the window Cisco
// documents, listed and cancelled by the agent they are assigned to.
import { msg, type Message } from '../i18n/message';
import { AppError } from '../errors';
import { isOfferedTimeZone } from './time-zones';
import type { AgentCalls } from '../clients/agent-client';
import type { ScheduledCallback } from '../clients/callbacks-api';
import type { SecureStore } from '../secure-store';
import type { StationContext, StationService } from '../station/station-service';

const MINUTE = 60_000;
/** Cisco's ScheduleCallbackRequest prose: start ≥ 30 min ahead, window 30 min to 8 h, ≤ 31 days. */
export const CALLBACK_RULES = {
  minLeadMs: 30 * MINUTE,
  minWindowMs: 30 * MINUTE,
  maxWindowMs: 8 * 60 * MINUTE,
  maxDaysAhead: 31,
} as const;
/** "an optional country code followed by digits … space, hyphen, parentheses, period; 7 to 15". */
const CALLBACK_NUMBER = /^\+?[0-9 ().-]{7,15}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;
const MAX_REASON = 250;

export interface CallbacksOptions {
  station: StationService;
  read: <T>(ctx: StationContext, call: (wxcc: AgentCalls) => Promise<T>) => Promise<T>;
  now?: () => number;
  /**
   * Keeps the agent's last read list (sealed: it names customers and numbers), so the agent page's
   * panel and its live updates show it without a WxCC call each; without it they ask WxCC.
   */
  secure?: SecureStore;
  log?: (event: string, details?: Record<string, unknown>) => void;
}

/**
 * A page load shows the kept list until it is this old; only then is WxCC asked again, so page
 * views cost no WxCC call. The agent's own bookings and cancellations replace it at once (and tell
 * every open page); what changes elsewhere (a supervisor's booking, a callback WxCC has run) shows
 * within this, or at once when the agent opens the callbacks page or presses Refresh.
 */
export const CALLBACKS_STALE_MS = 10 * 60_000;
const KEEP_LIST_MS = 24 * 3600 * 1000;
const listKey = (agentId: string) => `agent-callbacks:${agentId}`;

interface KeptList {
  at: number;
  list: ScheduledCallback[];
}

function bad(message: Message, field: string): never {
  throw new AppError('bad_input', message, { field });
}

/** The instant a wall-clock date and time in `zone` names (two passes settle a DST edge). */
export function zonedEpoch(date: string, time: string, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s = 0] = time.split(':').map(Number) as [number, number, number?];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(at);
    const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    const local = Date.UTC(
      n('year'),
      n('month') - 1,
      n('day'),
      n('hour'),
      n('minute'),
      n('second'),
    );
    return local - Math.floor(at / 1000) * 1000;
  };
  return wall - offset(wall - offset(wall));
}

const seconds = (time: string) => (time.length === 5 ? `${time}:00` : time);

export function createCallbacks(options: CallbacksOptions) {
  const { station, read } = options;
  const now = options.now ?? Date.now;

  /** The agent's own upcoming callbacks, from WxCC; kept for the panels. */
  async function mine(ctx: StationContext): Promise<ScheduledCallback[]> {
    const list = await read(ctx, (wxcc) =>
      wxcc.listScheduledCallbacks(ctx.agent.orgId, ctx.agent.agentId),
    );
    const kept: KeptList = { at: now(), list };
    await options.secure
      ?.set(listKey(ctx.agent.agentId), kept, KEEP_LIST_MS)
      .catch((err: unknown) => options.log?.('callbacks list not kept', { err }));
    return list;
  }

  /** The list last read, with when; undefined when none is kept (or it cannot be read). */
  async function kept(ctx: StationContext): Promise<KeptList | undefined> {
    const value = (await options.secure?.get(listKey(ctx.agent.agentId)).catch(() => undefined)) as
      KeptList | undefined;
    return value && typeof value.at === 'number' && Array.isArray(value.list) ? value : undefined;
  }

  /**
   * For the agent page: a live update shows the kept list only (never a WxCC call per event); a
   * page load shows it too unless none is kept or it is stale (`CALLBACKS_STALE_MS`).
   */
  async function forPage(
    ctx: StationContext,
    live: boolean,
  ): Promise<ScheduledCallback[] | undefined> {
    const last = await kept(ctx);
    if (live || (last !== undefined && now() - last.at < CALLBACKS_STALE_MS)) return last?.list;
    return mine(ctx);
  }

  /** Every open page of the agent redraws its panel from the kept list (`callbacks-changed`). */
  async function tellPages(ctx: StationContext): Promise<void> {
    const version = `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    await station.tell(
      ctx,
      { type: 'callbacks-changed', version },
      (s) => s.callbacksVersion === version,
    );
  }

  /**
   * The agent asked (Refresh): read from WxCC now, and every open page shows it. A failed read is
   * the agent's answer here, so it is not swallowed.
   */
  async function refresh(ctx: StationContext): Promise<void> {
    await mine(ctx);
    await tellPages(ctx);
  }

  /** After a change: the list read again once, and every open page of the agent told. */
  async function changed(ctx: StationContext): Promise<void> {
    try {
      await mine(ctx);
      await tellPages(ctx);
    } catch (err) {
      // The change itself is done; only the other pages' live panels miss it until they reload.
      options.log?.('callbacks panel not updated live', { err, agentId: ctx.agent.agentId });
    }
  }

  /**
   * Books a callback to this contact's customer, assigned to the agent. The window is checked
   * here as WxCC checks it, so the agent hears what is wrong on the field, before any request.
   */
  async function book(
    ctx: StationContext,
    interactionId: string,
    body: Record<string, unknown>,
  ): Promise<ScheduledCallback | undefined> {
    const snapshot = await station.snapshot(ctx);
    const contact = Object.hasOwn(snapshot.contacts.items, interactionId)
      ? snapshot.contacts.items[interactionId]
      : undefined;
    if (!contact) bad(msg('refusal.gone'), 'callback');
    const number = contact.ani ?? '';
    if (!CALLBACK_NUMBER.test(number)) {
      bad(msg('callbackErr.number'), 'callback');
    }
    const queueId = contact.queueId;
    if (queueId === undefined) bad(msg('callbackErr.noQueue'), 'callback');
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
    const [date, start, end, zone, reason] = ['date', 'start', 'end', 'timezone', 'reason'].map(
      text,
    ) as [string, string, string, string, string];
    if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      bad(msg('callbackErr.date'), 'date');
    }
    if (!TIME.test(start)) bad(msg('callbackErr.start'), 'start');
    if (!TIME.test(end)) bad(msg('callbackErr.end'), 'end');
    // The form offers the IANA zones as a list (time-zones.ts); anything else is refused here.
    if (!isOfferedTimeZone(zone)) bad(msg('callbacks.timeZoneInvalid'), 'timezone');
    if (reason.length > MAX_REASON)
      bad(msg('callbackErr.reasonLength', { max: MAX_REASON }), 'reason');
    const from = zonedEpoch(date, start, zone);
    let to = zonedEpoch(date, end, zone);
    if (to <= from) to = zonedEpoch(nextDay(date), end, zone);
    const t = now();
    if (from - t < CALLBACK_RULES.minLeadMs) {
      bad(msg('callbackErr.tooSoon'), 'start');
    }
    if (from - t > (CALLBACK_RULES.maxDaysAhead + 1) * 24 * 60 * MINUTE) {
      bad(msg('callbackErr.tooFar'), 'date');
    }
    if (to - from < CALLBACK_RULES.minWindowMs) {
      bad(msg('callbackErr.tooShort'), 'end');
    }
    if (to - from > CALLBACK_RULES.maxWindowMs) bad(msg('callbackErr.tooLong'), 'end');
    const booked = await read(ctx, (wxcc) =>
      wxcc.scheduleCallback(ctx.agent.orgId, {
        customerName: contact.customerName ?? number,
        callbackNumber: number,
        timezone: zone,
        scheduleDate: date,
        startTime: seconds(start),
        endTime: seconds(end),
        queueId,
        ...(reason ? { callbackReason: reason } : {}),
        sourceInteraction: interactionId,
        assigneeAgent: ctx.agent.agentId,
      }),
    );
    await changed(ctx);
    return booked;
  }

  /** Only one of the agent's own is cancelled: the id is checked against their list first. */
  async function cancel(ctx: StationContext, id: string): Promise<void> {
    const own = (await mine(ctx)).some((c) => c.id === id);
    if (!own) {
      throw new AppError('bad_input', msg('callbackErr.notYours'), {
        field: 'callback',
      });
    }
    await read(ctx, (wxcc) => wxcc.deleteScheduledCallback(ctx.agent.orgId, id));
    await changed(ctx);
  }

  return { mine, forPage, refresh, book, cancel };
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export type Callbacks = ReturnType<typeof createCallbacks>;
