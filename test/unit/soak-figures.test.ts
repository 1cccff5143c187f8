// The soak's arithmetic (bench/soak-figures.ts): a histogram's p99 between two scrapes, and the
// rule that calls the minutes flat, so a leaking run fails and a level one passes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bucketsOf,
  countsBetween,
  judge,
  parseMetrics,
  quantileBetween,
  slope,
  upstreamByEndpoint,
  type Minute,
} from '../../bench/soak-figures';

const minute = (n: number, rssMiB: number, heapUsedFloorMiB: number, errors = 0): Minute => ({
  minute: n,
  rssMiB,
  heapUsedFloorMiB,
  eventLoopP99Ms: 10,
  eventLagP99Ms: 20,
  eventsPushed: 100,
  requests: 100,
  errors,
  upstreamCalls: 50,
  upstreamFailures: 0,
  cyclesDone: 10,
  loadAverage: 1,
});

describe('soak figures', () => {
  it('when a histogram counted 100 events in a minute, then its p99 is interpolated in that minute’s buckets', () => {
    const scrape = (fast: number, slow: number) =>
      bucketsOf(
        parseMetrics(
          [
            `x_bucket{le="0.01"} ${fast}`,
            `x_bucket{le="0.1"} ${fast + slow}`,
            `x_bucket{le="+Inf"} ${fast + slow}`,
          ].join('\n'),
        ),
        'x',
      );
    // Before: 1,000 fast events; in the minute: 90 fast and 10 between 10 and 100 ms.
    const p99 = quantileBetween(scrape(1000, 0), scrape(1090, 10), 0.99);
    assert.ok(Math.abs(p99 - 0.091) < 1e-9, String(p99));
  });

  it('when RSS and the heap floor wobble around a level, then the minutes are flat', () => {
    const rss = [300, 306, 299, 304, 301, 303, 298, 305, 300, 302];
    const verdict = judge(rss.map((r, i) => minute(i + 1, r, 60 + (i % 2))));
    assert.equal(verdict.flat, true, verdict.why);
    assert.equal(verdict.pass, true);
  });

  it('when the heap floor grows by 2 MiB a minute, then the soak fails', () => {
    const verdict = judge(Array.from({ length: 10 }, (_, i) => minute(i + 1, 300, 60 + 2 * i)));
    assert.equal(verdict.flat, false);
    assert.equal(verdict.pass, false);
  });

  it('when one request failed, then the soak fails though flat', () => {
    const verdict = judge(
      Array.from({ length: 10 }, (_, i) => minute(i + 1, 300, 60, i === 5 ? 1 : 0)),
    );
    assert.equal(verdict.flat, true);
    assert.equal(verdict.pass, false);
  });

  it('when fewer than three minutes follow minute 1, then flatness is not judged', () => {
    assert.equal(judge([minute(1, 300, 60), minute(2, 400, 90)]).flat, undefined);
    assert.equal(slope([1, 2, 3]), 1);
  });
});

describe('upstream calls between two scrapes', () => {
  it('when an endpoint answered with several statuses, then its calls are summed, and only what grew is counted', () => {
    const scrape = (ok: number, limited: number) =>
      upstreamByEndpoint(
        parseMetrics(
          [
            `wxcc_desktop_upstream_requests_total{method="GET",endpoint="/v1/people/me",status="200"} ${ok}`,
            `wxcc_desktop_upstream_requests_total{method="GET",endpoint="/v1/people/me",status="429"} ${limited}`,
            'wxcc_desktop_upstream_requests_total{method="POST",endpoint="/v1/access_token",status="200"} 7',
            'wxcc_desktop_live_streams 3',
          ].join('\n'),
        ),
      );
    const before = scrape(10, 1);
    assert.deepEqual(
      [...before],
      [
        ['GET /v1/people/me', 11],
        ['POST /v1/access_token', 7],
      ],
    );
    assert.deepEqual(
      [...countsBetween(before, scrape(14, 2))],
      [
        ['GET /v1/people/me', 5],
        ['POST /v1/access_token', 0],
      ],
    );
  });
});
