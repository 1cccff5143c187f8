// healthRoutes: the probes' answers, prepared once, and everything else passed on.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import express from 'express';
import { healthRoutes } from '../../src/routes/health-routes';

async function withApp(ready: boolean, run: (url: string) => Promise<void>): Promise<void> {
  const app = express();
  app.use(healthRoutes(() => (ready ? Promise.resolve() : Promise.reject(new Error('down')))));
  app.use((_req, res) => res.status(404).send('not found'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.close();
  }
}

describe('healthRoutes', () => {
  it('when a probe asks /healthz (with or without a query, GET or HEAD), then 200 JSON, never cached', async () => {
    await withApp(true, async (url) => {
      for (const path of ['/healthz', '/healthz?probe=1']) {
        const res = await fetch(url + path);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /application\/json/);
        assert.equal(res.headers.get('cache-control'), 'no-store');
        assert.deepEqual(await res.json(), { status: 'ok' });
      }
      const head = await fetch(`${url}/healthz`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(await head.text(), '');
    });
  });

  it('when the session store answers or not, then /readyz says ready or 503 with the reason', async () => {
    await withApp(true, async (url) => {
      const res = await fetch(`${url}/readyz`);
      assert.deepEqual([res.status, await res.json()], [200, { status: 'ready' }]);
    });
    await withApp(false, async (url) => {
      const res = await fetch(`${url}/readyz`);
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), {
        status: 'unavailable',
        reason: 'session store unreachable',
      });
    });
  });

  it('when anything else is asked (another path, a POST to /healthz), then it passes on', async () => {
    await withApp(true, async (url) => {
      assert.equal((await fetch(`${url}/healthzz`)).status, 404);
      assert.equal((await fetch(`${url}/healthz`, { method: 'POST' })).status, 404);
    });
  });
});
