// The tracking context: upstream tracking ids reach the request's locals, and nothing that outlives
// the request (a timer, a socket) keeps those locals alive.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { noteTrackingId, runWithTrackingContext } from '../../src/logging/tracking-context';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('tracking context', () => {
  test('when an upstream call notes a tracking id during a request, then the request locals carry it', async () => {
    const locals: { trackingId?: string } = {};
    await new Promise<void>((resolve) =>
      runWithTrackingContext('agentdesktop_t', locals, () => {
        void Promise.resolve().then(() => {
          noteTrackingId('WX_TRACK_7');
          resolve();
        });
      }),
    );
    assert.equal(locals.trackingId, 'WX_TRACK_7');
  });

  test('when a timer started during a request outlives it, then the request locals can be collected', async () => {
    let timer: NodeJS.Timeout | undefined;
    const weak = (() => {
      const locals = { trackingId: undefined, big: new Array(1000).fill('x') };
      runWithTrackingContext('agentdesktop_t', locals, () => {
        // An agent's keepalive: started during a request, running for hours.
        timer = setInterval(() => noteTrackingId('late'), 60_000);
      });
      return new WeakRef(locals);
    })();
    try {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      assert.equal(weak.deref(), undefined);
    } finally {
      clearInterval(timer);
    }
  });
});
