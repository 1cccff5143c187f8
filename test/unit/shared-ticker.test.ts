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

  it('when 160 tasks share a period, then each turn of the timer runs a sixteenth of them', (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    const runs = new Array<number>(160).fill(0);
    const stops = runs.map((_, i) => everyPeriod(1600, () => (runs[i]! += 1)));
    const ran = () => runs.reduce((a, b) => a + b, 0);
    // A burst of every keepalive at once is what the slices are for: ten per turn of 100 ms.
    for (let turn = 1; turn <= 16; turn += 1) {
      t.mock.timers.tick(100);
      assert.equal(ran(), turn * 10, `after turn ${turn}`);
    }
    assert.deepEqual(runs, new Array<number>(160).fill(1), 'each ran once in the period');
    t.mock.timers.tick(1600);
    assert.deepEqual(runs, new Array<number>(160).fill(2), 'and once in the next');
    for (const stop of stops) stop();
    assert.equal(tickerLoad()[1600], undefined);
  });

  it('when a task leaves twice, then the others keep their timer', (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    let ran = 0;
    const a = everyPeriod(3200, () => undefined);
    const b = everyPeriod(3200, () => (ran += 1));
    a();
    a();
    assert.equal(tickerLoad()[3200], 1);
    t.mock.timers.tick(3200);
    assert.equal(ran, 1);
    b();
  });
});
