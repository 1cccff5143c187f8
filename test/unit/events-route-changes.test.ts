// Unit tests of what the page stream (GET /events) pushes: every WxCC event carries the whole
// snapshot, and only a change reaches the page. The stream keeps fingerprints of what it last sent
// rather than the JSON itself (memory per connected agent, docs/MEASUREMENTS.md).
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { emptySnapshot, type StationSnapshot } from '../../src/agent-session/snapshot';
import { eventsRoutes } from '../../src/routes/events-routes';
import type { StationService } from '../../src/station/station-service';
import { waitFor } from '../helpers/wait-for';

type Send = (snapshot: StationSnapshot) => void;

function snapshot(changes: Partial<StationSnapshot> = {}): StationSnapshot {
  return { ...emptySnapshot(), known: true, loggedIn: true, subStatus: 'Idle', ...changes };
}

describe('GET /events pushes only changes', () => {
  let server: Server;
  let url: string;
  let send: Send | undefined;
  const first = snapshot();

  before(async () => {
    // Only what the route calls: the first snapshot, the stream caps and the watch.
    const station = {
      snapshot: async () => first,
      streams: { open: async () => 'stream-1', close: async () => undefined },
      watch: async (_agentId: string, handlers: { onSnapshot: Send }) => {
        send = handlers.onSnapshot;
        return () => (send = undefined);
      },
    } as unknown as StationService;
    const app = express();
    app.use((req, _res, next) => {
      Object.assign(req, {
        session: { agent: { agentId: 'agent-1' } },
        sessionID: 'session-1',
        log: { info: () => undefined, warn: () => undefined },
      });
      next();
    });
    app.use(eventsRoutes(station));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  });
  after(() => server.close());

  it('when the same snapshot, or one that differs only where the page does not look, comes again, then nothing is pushed; a change is, once', async () => {
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    assert.equal(response.status, 200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
        if (done) return;
        received += value;
      }
    })();
    try {
      await waitFor(async () => send !== undefined && received.includes('id: 1'));
      // The snapshot the stream started with, again, then again as a copy (another instance's).
      send!(first);
      send!(structuredClone(first));
      // A field the page does not show (the time the state began): no station event.
      send!(snapshot({ stateSince: 1000 }));
      // The agent goes Available: one station event, however many times WxCC repeats it.
      const available = snapshot({ stateSince: 1000, subStatus: 'Available' });
      send!(available);
      send!(structuredClone(available));
      // And back to Idle: pushed, because it differs from the last one sent.
      send!(snapshot({ stateSince: 2000 }));
      await waitFor(async () => (received.match(/event: station/g) ?? []).length >= 2);
      // Anything sent in error after these would arrive with them; a last change marks the end.
      send!(snapshot({ stateSince: 2000, subStatus: 'Available', auxCodeId: 'end' }));
      await waitFor(async () => received.includes('"auxCodeId":"end"'));
      const pushed = [...received.matchAll(/^data: (.*)$/gm)].map(
        (m) => (JSON.parse(m[1]!) as { subStatus: string }).subStatus,
      );
      assert.deepEqual(pushed, ['Available', 'Idle', 'Available']);
    } finally {
      controller.abort();
      await reading;
    }
  });
});
