// What the recent contacts panel shows: each of the agent's last contacts in words, the missed
// ones marked, and the number a Redial button sends to the outdial use case.
// Words are Messages and times are numbers: the page says and formats them in the agent's language.
import type { ContactRecord } from '../agent-session/session-facts';
import { seconds } from './statistics-view';
import { dayOf } from './local-day';
import { msg, type Message } from '../i18n/message';

export interface RecentItem {
  id: string;
  direction: Message;
  number?: string;
  name?: string;
  queue?: string;
  outcome: Message;
  missed: boolean;
  /** Whole seconds. */
  seconds: number;
  wrapUp?: string;
  /** When it closed (epoch ms), shown in the tenant's time zone: a time today, else a date and time. */
  closedAt: number;
  timeZone: string;
  today: boolean;
  /** The number to dial again, when redial is allowed now. */
  redial?: string;
}

const OUTCOMES: Record<ContactRecord['outcome'], { inbound: Message; outbound: Message }> = {
  // Never words the contacts region uses for a live contact ("Connected", "rang out").
  handled: { inbound: msg('recent.outcome.answered'), outbound: msg('recent.outcome.answered') },
  transferred: {
    inbound: msg('recent.outcome.transferred'),
    outbound: msg('recent.outcome.transferred'),
  },
  missed: { inbound: msg('recent.outcome.missedRona'), outbound: msg('recent.outcome.missed') },
  abandoned: {
    inbound: msg('recent.outcome.abandoned'),
    outbound: msg('recent.outcome.notAnswered'),
  },
  ended: { inbound: msg('recent.outcome.ended'), outbound: msg('recent.outcome.ended') },
};

/** A number WxCC could dial: digits with an optional leading +, as the outdial form takes. */
const DIALLABLE = /^\+?[0-9][0-9 ().-]{1,30}$/;

export function recentItems(
  records: ContactRecord[],
  codeNames: Map<string, string>,
  options: { canRedial: boolean; timeZone: string; now: number },
): RecentItem[] {
  const today = dayOf(options.now, options.timeZone);
  return records.map((r) => {
    const outbound = r.direction === 'OUTBOUND';
    const answeredFor =
      r.answeredAt === undefined ? r.closedAt - r.seenAt : r.closedAt - r.answeredAt;
    return {
      id: r.id,
      direction: msg(outbound ? 'recent.outbound' : 'recent.inbound'),
      number: r.number,
      name: r.name,
      queue: r.queue,
      outcome: OUTCOMES[r.outcome][outbound ? 'outbound' : 'inbound'],
      missed: r.outcome === 'missed',
      seconds: seconds(Math.max(0, answeredFor)),
      wrapUp: r.wrapUp?.name ?? (r.wrapUp?.id ? codeNames.get(r.wrapUp.id) : undefined),
      closedAt: r.closedAt,
      timeZone: options.timeZone,
      today: dayOf(r.closedAt, options.timeZone) === today,
      redial:
        options.canRedial && r.number !== undefined && DIALLABLE.test(r.number)
          ? r.number
          : undefined,
    };
  });
}
