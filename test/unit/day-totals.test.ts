// The day as running totals gives the figures the whole day gave (every contact and period kept,
// added up at each read, as the desktop did before), whatever order the facts are counted in and
// however often one comes again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addContact,
  addPeriod,
  emptyDay,
  addLedger,
  REMEMBERED_FACTS,
} from '../../src/agent-statistics/day-totals';
import { dayFigures } from '../../src/agent-statistics/figures';
import { hourOf, startOfDay } from '../../src/agent-statistics/local-day';
import type { ContactRecord, StatePeriod } from '../../src/agent-session/session-facts';
import type { DayContact, DayLedger } from '../../src/agent-statistics/statistics-types';

const ZONE = 'Asia/Kolkata';
const DAY = '2030-03-01';
const START = startOfDay(DAY, ZONE);

/** The figures as they were computed before, from every contact and period of the day. */
function figuresOfWholeDay(ledger: DayLedger) {
  const records = Object.values(ledger.contacts).sort((a, b) => a.seenAt - b.seenAt);
  const inbound = records.filter((r) => r.direction === 'INBOUND');
  const answered = records.filter((r) => r.answeredAt !== undefined);
  const mean = (values: number[]) =>
    values.length === 0 ? undefined : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
  let streak = 0;
  for (const r of [...inbound].reverse()) {
    if (r.outcome === 'missed') break;
    if (r.answeredAt !== undefined) streak += 1;
  }
  let availableMs = 0;
  const idleMs: Record<string, number> = {};
  for (const p of Object.values(ledger.periods)) {
    const ms = p.to - p.from;
    if (ms <= 0) continue;
    if (p.subStatus === 'Available') availableMs += ms;
    else idleMs[p.auxCodeId ?? ''] = (idleMs[p.auxCodeId ?? ''] ?? 0) + ms;
  }
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, answered: 0, missed: 0 }));
  for (const r of records) {
    const slot = hours[hourOf(r.closedAt, ledger.timeZone)]!;
    if (r.outcome === 'missed') slot.missed += 1;
    else if (r.answeredAt !== undefined) slot.answered += 1;
  }
  return {
    offered: inbound.length,
    answered: inbound.filter((r) => r.answeredAt !== undefined).length,
    missed: inbound.filter((r) => r.outcome === 'missed').length,
    transferred: records.filter((r) => r.outcome === 'transferred').length,
    outbound: records.length - inbound.length,
    averages: {
      handle: mean(answered.map((r) => r.closedAt - (r.answeredAt ?? r.closedAt))),
      talk: mean(
        answered.map((r) => {
          const end = r.endedAt ?? r.closedAt;
          return Math.max(0, end - (r.answeredAt ?? end) - r.holdMs);
        }),
      ),
      hold: mean(answered.map((r) => r.holdMs)),
      wrapUp: mean(answered.map((r) => r.closedAt - (r.endedAt ?? r.closedAt))),
    },
    availableMs,
    idleMs,
    streak,
    hours,
  };
}

/** A small deterministic generator, so a failure names the seed that made it. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

type Fact = { id: string; contact: DayContact } | { period: StatePeriod };

/** A day of contacts (some overlapping, some rung out, outdials, transfers) and state periods. */
function dayOfFacts(seed: number, contacts: number): Fact[] {
  const next = random(seed);
  const facts: Fact[] = [];
  let at = START + 8 * 3600_000;
  for (let n = 0; n < contacts; n += 1) {
    at += Math.floor(next() * 600_000);
    const kind = next();
    const outcome: ContactRecord['outcome'] =
      kind < 0.15 ? 'missed' : kind < 0.2 ? 'abandoned' : kind < 0.3 ? 'transferred' : 'handled';
    const answered = outcome === 'handled' || outcome === 'transferred';
    const answeredAt = answered ? at + Math.floor(next() * 20_000) : undefined;
    const endedAt =
      answeredAt === undefined ? undefined : answeredAt + Math.floor(next() * 900_000);
    // Some end long after the next is offered: they are counted out of the order they were seen.
    const closedAt = (endedAt ?? at + 15_000) + Math.floor(next() * 120_000);
    facts.push({
      id: `call-${n}@${at}`,
      contact: {
        direction: next() < 0.2 ? 'OUTBOUND' : 'INBOUND',
        outcome,
        seenAt: at,
        answeredAt,
        endedAt,
        closedAt,
        holdMs: answered ? Math.floor(next() * 30_000) : 0,
      },
    });
    const idle = next() < 0.3;
    const from = closedAt;
    const to = from + Math.floor(next() * 300_000);
    const period: StatePeriod = idle
      ? {
          id: String(from),
          subStatus: 'Idle',
          auxCodeId: next() < 0.5 ? 'lunch' : 'break',
          from,
          to,
        }
      : { id: String(from), subStatus: 'Available', from, to };
    // Some are checkpointed first (an instance shut down) and closed later.
    if (next() < 0.2) facts.push({ period: { ...period, to: from + Math.floor((to - from) / 3) } });
    facts.push({ period });
  }
  return facts;
}

function ledgerOf(facts: Fact[]): DayLedger {
  const ledger: DayLedger = { day: DAY, timeZone: ZONE, contacts: {}, periods: {} };
  for (const f of facts) {
    if ('id' in f) ledger.contacts[f.id] = f.contact;
    else {
      const key = `${f.period.id}:${f.period.from}`;
      const kept = ledger.periods[key];
      if (kept === undefined || kept.to < f.period.to) ledger.periods[key] = f.period;
    }
  }
  return ledger;
}

/** Counted in the order they end, some twice (two owners overlapping), as the desktop counts them. */
function count(facts: Fact[], seed: number) {
  const next = random(seed);
  const day = emptyDay(DAY, ZONE);
  const ending = (f: Fact) => ('id' in f ? f.contact.closedAt : f.period.to);
  const ordered = [...facts].sort((a, b) => ending(a) - ending(b));
  for (let i = 0; i < ordered.length; i += 1) {
    const f = ordered[i]!;
    const again = next() < 0.25 ? ordered[Math.max(0, i - Math.floor(next() * 6))] : undefined;
    for (const g of again === undefined ? [f] : [f, again]) {
      if ('id' in g) addContact(day, g.id, g.contact);
      else addPeriod(day, g.period);
    }
  }
  return day;
}

describe('day totals', () => {
  it('when a day is counted fact by fact, out of order and some twice, then its figures are those of the whole day', () => {
    for (const seed of [1, 2, 3, 42, 2030]) {
      const facts = dayOfFacts(seed, 120);
      const whole = figuresOfWholeDay(ledgerOf(facts));
      const day = count(facts, seed + 1);
      assert.deepEqual(dayFigures(day, undefined, START), whole, `seed ${seed}`);
      assert.ok(whole.missed > 0 && whole.streak >= 0 && whole.outbound > 0, `seed ${seed} mixes`);
      assert.ok(day.counted.length <= REMEMBERED_FACTS && day.periods.length <= REMEMBERED_FACTS);
    }
  });

  it('when a day kept in the earlier shape is added up, then its figures are those of the whole day', () => {
    for (const seed of [5, 6, 7]) {
      const ledger = ledgerOf(dayOfFacts(seed, 80));
      const day = emptyDay(DAY, ZONE);
      addLedger(day, ledger);
      assert.deepEqual(dayFigures(day, undefined, START), figuresOfWholeDay(ledger));
    }
  });

  it('when a missed call is counted after calls offered later were answered, then the streak counts only those', () => {
    const day = emptyDay(DAY, ZONE);
    const at = START + 9 * 3600_000;
    const call = (n: number, outcome: ContactRecord['outcome']): DayContact => ({
      direction: 'INBOUND',
      outcome,
      seenAt: at + n * 1000,
      answeredAt: outcome === 'missed' ? undefined : at + n * 1000 + 500,
      closedAt: at + 100_000 - n,
      holdMs: 0,
    });
    for (const n of [1, 2, 4, 5]) addContact(day, `c${n}`, call(n, 'handled'));
    assert.equal(dayFigures(day, undefined, at).streak, 4);
    addContact(day, 'c3', call(3, 'missed'));
    assert.equal(dayFigures(day, undefined, at).streak, 2);
    // A missed call offered before the last one missed changes nothing.
    addContact(day, 'c0', call(0, 'missed'));
    assert.equal(dayFigures(day, undefined, at).streak, 2);
  });

  it('when the agent is in a state that was checkpointed, then only the time after the checkpoint is added', () => {
    const day = emptyDay(DAY, ZONE);
    const since = START + 9 * 3600_000;
    addPeriod(day, { id: String(since), subStatus: 'Available', from: since, to: since + 60_000 });
    const figures = dayFigures(
      day,
      { loggedIn: true, stateSince: since, subStatus: 'Available' } as never,
      since + 100_000,
    );
    assert.equal(figures.availableMs, 100_000);
  });
});
