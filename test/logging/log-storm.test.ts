// One log line per failure, never one per retry (issue 19): a storm of identical failures writes
// the first in full and one count, whatever its size; distinct failures each keep their line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from '../../src/logging';
import { createStormGuard, failureKind } from '../../src/logging/log-storm';
import { runWithTrackingId } from '../../src/logging/tracking-context';
import { captureLogs } from './capture';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('log storm guard', () => {
  test('when 1,000 identical failures come within the window, then two lines are logged: the first and a count', async () => {
    const capture = captureLogs();
    const guard = createStormGuard(createLogger({ destination: capture.stream }), {
      windowMs: 50,
    });
    for (let attempt = 1; attempt <= 1000; attempt += 1) {
      runWithTrackingId(`agentdesktop_retry-${attempt}`, () =>
        guard.warn(
          'notification socket reconnecting: upstream_unreachable',
          { attempt },
          'notification socket reconnecting',
        ),
      );
    }
    await settle(120);
    const lines = capture.entries();
    assert.equal(lines.length, 2, capture.text());
    assert.equal(lines[0]?.attempt, 1);
    assert.equal(lines[0]?.trackingId, 'agentdesktop_retry-1');
    assert.equal(lines[1]?.repeated, 999);
    assert.match(String(lines[1]?.msg), /999 more like it/);
    // The count covers many jobs: it claims none of their tracking ids.
    assert.equal(lines[1]?.trackingId, undefined);
  });

  test('when the storm goes on past the window, then it logs at most two lines per window', async () => {
    const capture = captureLogs();
    const guard = createStormGuard(createLogger({ destination: capture.stream }), {
      windowMs: 40,
    });
    for (let window = 0; window < 3; window += 1) {
      for (let i = 0; i < 100; i += 1)
        guard.warn('refresh failed: invalid_grant', {}, 'token refresh failed');
      await settle(90);
    }
    assert.equal(capture.entries().length, 6, capture.text());
  });

  test('when failures differ in kind, then each kind gets its line, and past the cap they share one', async () => {
    const capture = captureLogs();
    const guard = createStormGuard(createLogger({ destination: capture.stream }), {
      windowMs: 50,
      maxKinds: 3,
    });
    for (let i = 0; i < 10; i += 1) guard.warn(`kind ${i}`, { i }, `failure ${i}`);
    await settle(120);
    const lines = capture.entries();
    assert.deepEqual(
      lines.filter((l) => l.repeated === undefined).map((l) => l.i),
      [0, 1, 2, 3],
    );
    assert.equal(lines.find((l) => l.failure === 'other failures')?.repeated, 6);
  });

  test('when an error has a code, a status or neither, then its kind is that code, status or type', () => {
    assert.equal(failureKind(Object.assign(new Error('x'), { code: 'ECONNRESET' })), 'ECONNRESET');
    assert.equal(failureKind({ status: 503 }), '503');
    assert.equal(failureKind(new TypeError('x')), 'TypeError');
    assert.equal(failureKind('text'), 'string');
  });
});
