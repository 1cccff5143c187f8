// Days in the tenant's zone: dayOf remembers each zone's current day and its bounds, startOfDay
// its answers, and hourOf counts hours from midnight on days without a clock change (local-day.ts);
// the remembered and counted answers must be the ones Intl gives afresh, across
// daylight-saving changes and zones asked about in turn.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayOf, endOfDay, hourOf, startOfDay } from '../../src/agent-statistics/local-day';

/** The local hour of an instant (0–23), from a formatter made for this test alone. */
function freshHour(at: number, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-CA', { timeZone, hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'hour')?.value;
  return Number(hour);
}

/** The local date of an instant, from a formatter made for this test alone. */
function freshDay(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at));
}

const HOUR = 3600_000;
// Around 2026's spring-forward and fall-back in each zone, and Lord Howe's half-hour shift.
const CASES: { zone: string; around: string }[] = [
  { zone: 'America/New_York', around: '2026-03-08T00:00:00Z' },
  { zone: 'America/New_York', around: '2026-11-01T00:00:00Z' },
  { zone: 'Europe/Berlin', around: '2026-03-29T00:00:00Z' },
  { zone: 'Europe/Berlin', around: '2026-10-25T00:00:00Z' },
  { zone: 'Australia/Lord_Howe', around: '2026-04-05T00:00:00Z' },
  { zone: 'Asia/Kolkata', around: '2026-12-02T00:00:00Z' },
];

describe('local days', () => {
  it('when instants cross midnights and daylight-saving changes, then each day is the one Intl names and lies within its bounds', () => {
    for (const { zone, around } of CASES) {
      const from = Date.parse(around) - 30 * HOUR;
      // Every 17 minutes over three days: many answers come from the remembered day.
      for (let at = from; at < from + 72 * HOUR; at += 17 * 60_000) {
        const day = dayOf(at, zone);
        assert.equal(day, freshDay(at, zone), `${zone} at ${new Date(at).toISOString()}`);
        assert.ok(startOfDay(day, zone) <= at && at < endOfDay(day, zone), `${zone} ${day}`);
      }
    }
  });

  it('when zones and far-apart instants are asked in turn, then no zone answers with another one’s day', () => {
    const instants = [Date.parse('2026-12-02T03:30:00Z'), Date.parse('2025-06-30T23:59:59Z')];
    for (let round = 0; round < 3; round += 1) {
      for (const at of instants) {
        for (const zone of ['Pacific/Auckland', 'America/Los_Angeles', 'UTC', 'Asia/Tokyo']) {
          assert.equal(dayOf(at, zone), freshDay(at, zone), `${zone} ${at}`);
          assert.equal(dayOf(at - 1, zone), freshDay(at - 1, zone));
        }
      }
    }
  });

  it('when a day starts, then its first instant is on it and the one before is on the day before', () => {
    for (const { zone, around } of CASES) {
      const day = freshDay(Date.parse(around), zone);
      const start = startOfDay(day, zone);
      // Asked twice: the remembered start is the computed one.
      assert.equal(startOfDay(day, zone), start);
      assert.equal(dayOf(start, zone), day);
      assert.notEqual(dayOf(start - 1, zone), day);
    }
  });

  it('when instants cross midnights and clock changes, then each hour is the one Intl names', () => {
    // Zones with whole-hour, half-hour and 45-minute offsets; days with and without a change.
    const zones = [...CASES, { zone: 'Asia/Kathmandu', around: '2026-12-02T00:00:00Z' }];
    for (const { zone, around } of zones) {
      const from = Date.parse(around) - 30 * HOUR;
      // Every 7 minutes and a second over three days, so instants fall on either side of each change.
      for (let at = from; at < from + 72 * HOUR; at += 7 * 60_000 + 1000) {
        assert.equal(
          hourOf(at, zone),
          freshHour(at, zone),
          `${zone} at ${new Date(at).toISOString()}`,
        );
      }
    }
  });
});
