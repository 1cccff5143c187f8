// One timer per period serves every periodic task of that period (keepalives, heartbeats).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { everyPeriod, tickerLoad } from '../../src/agent-session/shared-ticker';

describe('shared ticker', () => {
  it('when many tasks share a period, then one timer runs them all until each leaves', (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    const runs = [0, 0, 0];
    const stops = runs.map((_, i) => everyPeriod(4321, () => (runs[i]! += 1)));
    assert.equal(tickerLoad()[4321], 3);
    t.mock.timers.tick(4321);
    assert.deepEqual(runs, [1, 1, 1]);
    stops[1]!();
    t.mock.timers.tick(4321);
    assert.deepEqual(runs, [2, 1, 2]);
    stops[0]!();
    stops[2]!();
    assert.equal(tickerLoad()[4321], undefined, 'the timer goes with its last task');
  });

  it('when one task throws, then the others still run', (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    let ran = 0;
    const a = everyPeriod(1234, () => {
      throw new Error('socket closed under it');
    });
    const b = everyPeriod(1234, () => (ran += 1));
    t.mock.timers.tick(1234);
    assert.equal(ran, 1);
    a();
    b();
  });
});
