// The log destination's periodic flush (logger.ts): found by the soak (issue 19), where a flush a
// second under sustained load added listeners that never went (MaxListenersExceededWarning).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { flushEvery } from '../../src/logging/logger';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('periodic log flush', () => {
  test('when the stream does not drain for many periods, then one flush waits and no more are stacked', async () => {
    const waiting: (() => void)[] = [];
    // Like SonicBoom under load: a flush's callback (and its listeners) waits for a drain.
    const destination = { flush: (cb: () => void) => void waiting.push(cb) };
    const timer = flushEvery(destination, 5);
    try {
      await settle(80);
      assert.equal(waiting.length, 1, 'one flush at a time');
      waiting[0]!();
      await settle(40);
      assert.equal(waiting.length, 2, 'the next period flushes again once the first is done');
    } finally {
      clearInterval(timer);
    }
  });

  test('when the stream drains at once, then it is flushed every period', async () => {
    let flushes = 0;
    const timer = flushEvery({ flush: (cb) => ((flushes += 1), cb()) }, 5);
    try {
      await settle(80);
      assert.ok(flushes >= 5, String(flushes));
    } finally {
      clearInterval(timer);
    }
  });
});
