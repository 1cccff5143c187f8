// The agents bench's yardstick (bench/connection-floor.ts): built and run as the desktop is, it
// holds for each signed-in agent a socket upstream and a live stream, and says what its memory is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureConnectionFloor } from '../../bench/connection-floor-bench';

describe('connection floor', () => {
  it('when three agents sign in and open their streams, then it holds three sockets upstream and three streams, and reports its memory', async () => {
    const floor = await measureConnectionFloor(3, 3, 1, 0);
    assert.deepEqual(
      {
        connected: floor.connected,
        upstreamSockets: floor.upstreamSockets,
        streams: floor.streams,
      },
      { connected: 3, upstreamSockets: 3, streams: 3 },
    );
    assert.deepEqual(floor.failures, {});
    assert.ok(floor.rssMiB.atStart > 10 && floor.rssMiB.settled20s > 10, JSON.stringify(floor));
    assert.ok(floor.memory.rss! > 10 && floor.memory.files! > 0, JSON.stringify(floor.memory));
    assert.equal(typeof floor.perAgentKiB, 'number');
  });
});
