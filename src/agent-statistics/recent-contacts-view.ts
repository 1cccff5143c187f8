// What the recent contacts panel shows: each of the agent's last contacts in words, the missed
// ones marked, and the number a Redial button sends to the outdial use case.
import type { ContactRecord } from '../agent-session/session-facts';
import { duration } from './statistics-view';
import { dayOf, hourOf } from './local-day';

export interface RecentItem {
  id: string;
  direction: 'Inbound' | 'Outbound';
  number?: string;
  name?: string;
  queue?: string;
  outcome: string;
  missed: boolean;
  duration: string;
  wrapUp?: string;
  when: string;
  /** The number to dial again, when redial is allowed now. */
  redial?: string;
}

const OUTCOMES: Record<ContactRecord['outcome'], { inbound: string; outbound: string }> = {
  // Never words the contacts region uses for a live contact ("Connected", "rang out").
  handled: { inbound: 'Answered', outbound: 'Answered' },
  transferred: { inbound: 'Transferred', outbound: 'Transferred' },
  missed: { inbound: 'Missed: no answer (RONA)', outbound: 'Missed: no answer' },
  abandoned: { inbound: 'Caller hung up while ringing', outbound: 'Not answered' },
  ended: { inbound: 'Ended', outbound: 'Ended' },
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
    const day = dayOf(r.closedAt, options.timeZone);
    const time = clock(r.closedAt, options.timeZone);
    return {
      id: r.id,
      direction: outbound ? 'Outbound' : 'Inbound',
      number: r.number,
      name: r.name,
      queue: r.queue,
      outcome: OUTCOMES[r.outcome][outbound ? 'outbound' : 'inbound'],
      missed: r.outcome === 'missed',
      duration: duration(Math.max(0, answeredFor)),
      wrapUp: r.wrapUp?.name ?? (r.wrapUp?.id ? codeNames.get(r.wrapUp.id) : undefined),
      when: day === today ? time : `${day} ${time}`,
      redial:
        options.canRedial && r.number !== undefined && DIALLABLE.test(r.number)
          ? r.number
          : undefined,
    };
  });
}

function clock(at: number, timeZone: string): string {
  const minutes = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    minute: '2-digit',
  }).format(new Date(at));
  return `${String(hourOf(at, timeZone)).padStart(2, '0')}:${minutes.padStart(2, '0')}`;
}
