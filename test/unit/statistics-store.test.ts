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
    assert.deepEqual([...day.counted].sort(), [
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
    assert.equal((await store.day(AGENT, '2030-03-01', ZONE)).offered, 1);
    t.mock.timers.setTime(endOfDay + KEEP_MS + 1000);
    assert.equal((await store.day(AGENT, '2030-03-01', ZONE)).offered, 0);
    assert.deepEqual(await store.recent(AGENT), []);
    // And a late fact for a day already forgotten is not written back.
    await store.record(AGENT, [contact(2, NINE)], ZONE);
    assert.equal((await store.day(AGENT, '2030-03-01', ZONE)).offered, 0);
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
      assert.equal((await store.day(AGENT, '2030-03-01', ZONE)).offered, upTo);
      assert.equal(secure.rememberedChars(), 0, `after ${upTo} contacts`);
    }
    // Small records read often are still kept.
    await secure.set('tokens:agent-1', { accessToken: 'A' }, 60_000);
    assert.ok(secure.rememberedChars() > 0);
    await secure.close();
  });
});

describe("statistics store: the day's shape", () => {
  it('when a whole shift is counted, then the day stays a few kB of totals, without the customers', async () => {
    const secure = await createSecureStore({ kind: 'memory' });
    const store = createStatisticsStore({
      secure,
      backend: createMemoryBackend(),
      now: () => NINE + 10 * 3600_000,
    });
    const named = (n: number): StatisticsFact => {
      const fact = contact(n, NINE + n * 120_000, n % 7 === 0 ? 'missed' : 'handled');
      return fact.kind === 'contact'
        ? { kind: 'contact', record: { ...fact.record, name: 'Ada', queue: 'Support' } }
        : fact;
    };
    for (let n = 0; n < 200; n += 1) {
      const at = NINE + n * 120_000;
      await store.record(
        AGENT,
        [
          named(n),
          {
            kind: 'period',
            period: { id: String(at), subStatus: 'Available', from: at, to: at + 5000 },
          },
        ],
        ZONE,
      );
    }
    const day = await store.day(AGENT, '2030-03-01', ZONE);
    assert.equal(day.offered, 200);
    assert.equal(day.missed, 29);
    assert.equal(day.availableMs, 200 * 5000);
    const stored = JSON.stringify(day);
    assert.ok(stored.length < 6000, `${stored.length} characters`);
    assert.ok(!stored.includes('Ada') && !stored.includes('+1408'), 'no customer in the day');
    // The recent list keeps whole records (its own record).
    assert.equal((await store.recent(AGENT))[0]?.name, 'Ada');
    await secure.close();
  });

  it('when a day was kept in the earlier shape, then its figures read the same, and each of its facts counts once however often it is read again', async () => {
    const secure = await createSecureStore({ kind: 'memory' });
    const store = createStatisticsStore({
      secure,
      backend: createMemoryBackend(),
      now: () => NINE + 10 * 3600_000,
    });
    // A day begun before the upgrade: 50 calls (more than the totals remember by id) and their
    // Available periods, whole records as the first builds kept them.
    const facts = Array.from({ length: 50 }, (_, n) => contact(n, NINE + n * 300_000));
    const records = facts.map((f) => (f as { record: ContactRecord }).record);
    const periods = records.map((r) => ({
      id: String(r.closedAt),
      subStatus: 'Available' as const,
      from: r.closedAt,
      to: r.closedAt + 60_000,
    }));
    const earlierKey = `agent-stats:${AGENT}:2030-03-01`;
    const earlierDay = (extra: ContactRecord[] = []) => ({
      day: '2030-03-01',
      timeZone: ZONE,
      contacts: Object.fromEntries([...records, ...extra].map((r) => [r.id, r])),
      periods: Object.fromEntries(periods.map((p) => [`${p.id}:${p.from}`, p])),
    });
    await secure.set(earlierKey, earlierDay(), KEEP_MS);

    // Read before any count: the same figures as the same facts counted.
    const asCounted = createStatisticsStore({
      secure: await createSecureStore({ kind: 'memory' }),
      backend: createMemoryBackend(),
      now: () => NINE + 10 * 3600_000,
    });
    await asCounted.record(
      AGENT,
      [...facts, ...periods.map((period) => ({ kind: 'period' as const, period }))],
      ZONE,
    );
    const expected = dayFigures(await asCounted.day(AGENT, '2030-03-01', ZONE), undefined, NINE);
    assert.deepEqual(
      dayFigures(await store.day(AGENT, '2030-03-01', ZONE), undefined, NINE),
      expected,
    );

    // Counted into, again and again: the earlier record is read by every count, its facts added
    // once (it stays, for an instance not yet upgraded or a build rolled back to).
    for (let n = 50; n < 55; n += 1)
      await store.record(AGENT, [contact(n, NINE + n * 300_000)], ZONE);
    const joined = await store.day(AGENT, '2030-03-01', ZONE);
    assert.equal(joined.offered, 55);
    assert.equal(joined.availableMs, 50 * 60_000);
    assert.ok(await secure.get(earlierKey), 'the earlier record is left to expire');

    // An instance not yet upgraded adds a call to the earlier record (a rolling upgrade): it counts
    // from the agent's next count on (readers look for that record only when there are no totals).
    const late = { ...records[0]!, id: 'call-late@1', seenAt: NINE + 60 * 300_000 };
    await secure.set(earlierKey, earlierDay([late]), KEEP_MS);
    assert.equal((await store.day(AGENT, '2030-03-01', ZONE)).offered, 55);
    await store.record(AGENT, [contact(56, NINE + 56 * 300_000)], ZONE);
    assert.equal((await store.day(AGENT, '2030-03-01', ZONE)).offered, 57);
    await secure.close();
  });
});
