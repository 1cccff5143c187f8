// The statistics store: a fact counted by two overlapping owners is kept once, no writer's fact is
// lost, days are the tenant's, and a day is forgotten 35 days after it ends.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { createMemoryBackend } from '../../src/cluster/memory-backend';
import { randomBytes } from 'node:crypto';
import { createSecureStore, sealRecords } from '../../src/secure-store';
import { sqliteRecords } from '../../src/secure-store/sqlite-records';
import { createStatisticsStore, KEEP_MS } from '../../src/agent-statistics/statistics-store';
import { dayFigures } from '../../src/agent-statistics/figures';
import type { ContactRecord, StatisticsFact } from '../../src/agent-session/session-facts';
import { startOfDay } from '../../src/agent-statistics/local-day';

const ZONE = 'America/Los_Angeles';
const AGENT = 'agent-1';
const NINE = startOfDay('2030-03-01', ZONE) + 9 * 3600_000;

function contact(
  n: number,
  at: number,
  outcome: ContactRecord['outcome'] = 'handled',
): StatisticsFact {
  return {
    kind: 'contact',
    record: {
      id: `call-${n}@${at}`,
      interactionId: `call-${n}`,
      direction: 'INBOUND',
      number: '+14085550100',
      outcome,
      seenAt: at,
      answeredAt: outcome === 'missed' ? undefined : at + 10_000,
      endedAt: outcome === 'missed' ? undefined : at + 70_000,
      closedAt: at + 90_000,
      holdMs: 0,
    },
  };
}

describe('statistics store', () => {
  it('when two owners overlap and count the same events at once, then each is kept once and none is lost', async () => {
    const secure = await createSecureStore({ kind: 'memory' });
    const backend = createMemoryBackend();
    let clock = NINE;
    const now = () => clock;
    const first = createStatisticsStore({ secure, backend, now, holder: 'app-0' });
    const second = createStatisticsStore({ secure, backend, now, holder: 'app-1' });
    const shared = [contact(1, NINE), contact(2, NINE + 60_000, 'missed')];
    await Promise.all([
      first.record(AGENT, [...shared, contact(3, NINE + 120_000)], ZONE),
      second.record(AGENT, [...shared, contact(4, NINE + 180_000)], ZONE),
      first.record(AGENT, shared, ZONE),
      second.record(AGENT, shared, ZONE),
    ]);
    clock = NINE + 3600_000;
    const day = await first.day(AGENT, '2030-03-01', ZONE);
    assert.deepEqual(Object.keys(day.contacts).sort(), [
      `call-1@${NINE}`,
      `call-2@${NINE + 60_000}`,
      `call-3@${NINE + 120_000}`,
      `call-4@${NINE + 180_000}`,
    ]);
    const figures = dayFigures(day, undefined, clock);
    assert.equal(figures.offered, 4);
    assert.equal(figures.missed, 1);
    assert.equal((await second.recent(AGENT)).length, 4);
    await secure.close();
  });

  it('when a period is checkpointed at a shutdown and closed later, then the longer one counts, once', async () => {
    const secure = await createSecureStore({ kind: 'memory' });
    const store = createStatisticsStore({
      secure,
      backend: createMemoryBackend(),
      now: () => NINE,
    });
    const period = (to: number): StatisticsFact => ({
      kind: 'period',
      period: { id: String(NINE), subStatus: 'Available', from: NINE, to },
    });
    await store.record(AGENT, [period(NINE + 60_000)], ZONE);
    await store.record(AGENT, [period(NINE + 300_000)], ZONE);
    await store.record(AGENT, [period(NINE + 60_000)], ZONE);
    const day = await store.day(AGENT, '2030-03-01', ZONE);
    assert.equal(dayFigures(day, undefined, NINE).availableMs, 300_000);
    await secure.close();
  });

  it('when a period crosses the tenant’s midnight, then each day keeps its own part', async () => {
    const secure = await createSecureStore({ kind: 'memory' });
    const midnight = startOfDay('2030-03-02', ZONE);
    const store = createStatisticsStore({
      secure,
      backend: createMemoryBackend(),
      now: () => midnight,
    });
    await store.record(
      AGENT,
      [
        {
          kind: 'period',
          period: {
            id: 'x',
            subStatus: 'Idle',
            auxCodeId: 'lunch',
            from: midnight - 600_000,
            to: midnight + 900_000,
          },
        },
      ],
      ZONE,
    );
    const before = await store.day(AGENT, '2030-03-01', ZONE);
    const afterMidnight = await store.day(AGENT, '2030-03-02', ZONE);
    assert.deepEqual(dayFigures(before, undefined, midnight).idleMs, { lunch: 600_000 });
    assert.deepEqual(dayFigures(afterMidnight, undefined, midnight).idleMs, { lunch: 900_000 });
    await secure.close();
  });

  it('when 35 days have passed since the day ended, then it is forgotten', async (t) => {
    // The secure store's own expiry (SQLite) runs on Date: move Date itself.
    t.mock.timers.enable({ apis: ['Date'], now: NINE });
    const secure = await createSecureStore({ kind: 'memory' });
    const store = createStatisticsStore({
      secure,
      backend: createMemoryBackend(() => Date.now()),
      now: () => Date.now(),
    });
    await store.record(AGENT, [contact(1, NINE)], ZONE);
    const endOfDay = startOfDay('2030-03-02', ZONE);
    // The contact is kept 35 days after it ended, its day 35 days after the day ended.
    const closedAt = NINE + 90_000;
    t.mock.timers.setTime(closedAt + KEEP_MS - 1000);
    assert.equal((await store.recent(AGENT)).length, 1);
    t.mock.timers.setTime(closedAt + KEEP_MS + 1000);
    assert.deepEqual(await store.recent(AGENT), []);
    t.mock.timers.setTime(endOfDay + KEEP_MS - 1000);
    assert.equal(Object.keys((await store.day(AGENT, '2030-03-01', ZONE)).contacts).length, 1);
    t.mock.timers.setTime(endOfDay + KEEP_MS + 1000);
    assert.deepEqual((await store.day(AGENT, '2030-03-01', ZONE)).contacts, {});
    assert.deepEqual(await store.recent(AGENT), []);
    // And a late fact for a day already forgotten is not written back.
    await store.record(AGENT, [contact(2, NINE)], ZONE);
    assert.deepEqual((await store.day(AGENT, '2030-03-01', ZONE)).contacts, {});
    await secure.close();
    mock.timers.reset();
  });
});

describe('statistics store memory', () => {
  it('when an agent handles contacts all day, then none of the growing records stays opened in memory', async () => {
    // Issue 19: the secure store's memo kept the day and the last contacts of every agent, which
    // grow with every contact; only small records read often (tokens) belong there.
    const secure = sealRecords(sqliteRecords(':memory:'), randomBytes(32));
    const store = createStatisticsStore({
      secure,
      backend: createMemoryBackend(() => NINE),
      now: () => NINE + 8 * 3600_000,
    });
    // A few contacts (small records, under the memo's size bound) and a whole day of them.
    for (const upTo of [2, 60]) {
      for (let n = upTo === 2 ? 0 : 2; n < upTo; n += 1)
        await store.record(AGENT, [contact(n, NINE + n * 60_000)], ZONE);
      assert.equal((await store.recent(AGENT)).length, Math.min(upTo, 50));
      assert.equal(Object.keys((await store.day(AGENT, '2030-03-01', ZONE)).contacts).length, upTo);
      assert.equal(secure.rememberedChars(), 0, `after ${upTo} contacts`);
    }
    // Small records read often are still kept.
    await secure.set('tokens:agent-1', { accessToken: 'A' }, 60_000);
    assert.ok(secure.rememberedChars() > 0);
    await secure.close();
  });
});

describe("statistics store: the day's shape", () => {
  it('when a contact is counted, then the day keeps what its figures read and the recent list the whole record', async () => {
    const secure = await createSecureStore({ kind: 'memory' });
    const store = createStatisticsStore({
      secure,
      backend: createMemoryBackend(),
      now: () => NINE,
    });
    const fact = contact(1, NINE);
    assert.equal(fact.kind, 'contact');
    const whole = {
      ...(fact as { record: ContactRecord }).record,
      name: 'Ada',
      queue: 'Support',
      wrapUp: { id: 'w1', name: 'Resolved' },
    };
    await store.record(AGENT, [{ kind: 'contact', record: whole }], ZONE);

    const day = await store.day(AGENT, '2030-03-01', ZONE);
    assert.deepEqual(day.contacts[whole.id], {
      direction: 'INBOUND',
      outcome: 'handled',
      seenAt: NINE,
      answeredAt: NINE + 10_000,
      endedAt: NINE + 70_000,
      closedAt: NINE + 90_000,
      holdMs: 0,
    });
    assert.deepEqual(await store.recent(AGENT), [whole]);
  });

  it('when a day was written with whole contact records, then its figures are the same as from the slim ones', async () => {
    const secure = await createSecureStore({ kind: 'memory' });
    const store = createStatisticsStore({
      secure,
      backend: createMemoryBackend(),
      now: () => NINE,
    });
    const facts = [
      contact(1, NINE),
      contact(2, NINE + 60_000, 'missed'),
      contact(3, NINE + 120_000),
    ];
    await store.record(AGENT, facts, ZONE);
    const slim = await store.day(AGENT, '2030-03-01', ZONE);
    // The earlier shape: each contact as its whole record, as the day was stored before.
    const records = facts.map((f) => (f as { record: ContactRecord }).record);
    const earlier = { ...slim, contacts: Object.fromEntries(records.map((r) => [r.id, r])) };
    await secure.set(`agent-stats:${AGENT}:2030-03-01`, earlier, KEEP_MS);
    const read = await store.day(AGENT, '2030-03-01', ZONE);
    assert.deepEqual(read.contacts, JSON.parse(JSON.stringify(earlier.contacts)), 'as stored');
    assert.deepEqual(
      dayFigures(read, undefined, NINE + 3600_000),
      dayFigures(slim, undefined, NINE + 3600_000),
    );
    // A contact counted into that day joins it slim, the others kept as they were.
    await store.record(AGENT, [contact(4, NINE + 180_000)], ZONE);
    const joined = await store.day(AGENT, '2030-03-01', ZONE);
    assert.equal(Object.keys(joined.contacts).length, 4);
    assert.equal((joined.contacts[records[0]!.id] as ContactRecord).number, '+14085550100');
  });
});
