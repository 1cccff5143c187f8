// requestLogger: one line per request with its id, status, duration and tracking id, no query.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { createLogger, requestLogger } from '../../src/logging';
import { captureLogs } from './capture';

const SECRET = 'PLANTED-code-0f1e2d3c4b';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestLogger', () => {
  const capture = captureLogs();
  let server: Server;
  let base: string;
  let slowRequestClosed: Promise<unknown>;
  let slowRequestArrived: () => void = () => undefined;

  before(async () => {
    const app = express();
    app.use(requestLogger(createLogger({ destination: capture.stream })));
    app.get('/callback', (req, res) => {
      req.log.info({ step: 'exchange' }, 'route log line');
      res.locals.trackingId = 'WX_TRACK_42';
      res.send(`id ${req.id}`);
    });
    app.get('/boom', () => {
      throw new Error('broken');
    });
    app.get('/slow', (req) => {
      slowRequestClosed = once(req.socket, 'close');
      slowRequestArrived();
    });
    // Stands in for the app's error handler, which answers without logging the request again.
    app.use((_err: unknown, _req: express.Request, res: express.Response, _next: unknown) => {
      res.status(500).send('sorry');
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  const requestLines = () => capture.entries().filter((e) => e.msg === 'request completed');
  async function waitForRequestLines(count: number) {
    const deadline = Date.now() + 2000;
    while (requestLines().length < count && Date.now() < deadline) await sleep(10);
    return requestLines();
  }
  /**
   * A fence instead of a sleep before "no more lines": one more request, awaited until its own
   * line is out, so a late second line of an earlier request would have been written by then.
   */
  async function fence(): Promise<void> {
    const seen = requestLines().length;
    await (await fetch(`${base}/callback`)).text();
    await waitForRequestLines(seen + 1);
  }

  test('when a request has a query, then one line logs id, status, duration, tracking id and no query', async () => {
    const seen = requestLines().length;
    const response = await fetch(`${base}/callback?code=${SECRET}&state=abc`);
    const reqId = response.headers.get('x-request-id');
    assert.equal(await response.text(), `id ${reqId}`);

    const lines = (await waitForRequestLines(seen + 1)).slice(seen);
    await fence();
    assert.equal(
      requestLines().length,
      seen + 2,
      'exactly one line for the request (and the fence)',
    );
    const [line] = lines;
    assert.ok(line);
    assert.match(String(line.reqId), UUID);
    assert.equal(line.reqId, reqId);
    assert.equal(line.method, 'GET');
    assert.equal(line.path, '/callback');
    assert.equal(line.status, 200);
    assert.equal(typeof line.durationMs, 'number');
    // The id the request sends WxCC; the different one WxCC answered with is named beside it.
    assert.equal(line.trackingId, `agentdesktop_${reqId}`);
    assert.equal(line.upstreamTrackingId, 'WX_TRACK_42');
    assert.equal(capture.text().includes(SECRET), false);
    assert.equal(capture.text().includes('state=abc'), false);
    const routeLine = capture.entries().find((e) => e.msg === 'route log line');
    assert.equal(routeLine?.reqId, reqId);
  });

  test('when several requests log from their routes, then each line carries its own request id', async () => {
    // The getter is shared by every request (request-logger.ts): each must still get its own child.
    const ids = await Promise.all(
      ['a', 'b', 'c'].map(async (n) => {
        const response = await fetch(`${base}/callback?n=${n}`, {
          headers: { 'X-Request-Id': `shared-getter-${n}` },
        });
        await response.text();
        return response.headers.get('x-request-id');
      }),
    );
    assert.deepEqual(ids, ['shared-getter-a', 'shared-getter-b', 'shared-getter-c']);
    await fence();
    const routeIds = capture
      .entries()
      .filter((e) => e.msg === 'route log line' && String(e.reqId).startsWith('shared-getter-'))
      .map((e) => e.reqId)
      .sort();
    assert.deepEqual(routeIds, ids);
  });

  test('when several requests arrive, then each gets its own single line', async () => {
    const seen = requestLines().length;
    await Promise.all([1, 2, 3].map(() => fetch(`${base}/callback`).then((r) => r.text())));

    const lines = (await waitForRequestLines(seen + 3)).slice(seen);
    await fence();
    assert.equal(requestLines().length, seen + 3 + 1, 'three lines (and the fence)');
    assert.equal(new Set(lines.map((l) => l.reqId)).size, 3);
  });

  test('when the caller sends a valid X-Request-Id, then it is kept and echoed', async () => {
    const response = await fetch(`${base}/callback`, {
      headers: { 'X-Request-Id': 'lb-1234.abc_Z' },
    });
    await response.text();

    assert.equal(response.headers.get('x-request-id'), 'lb-1234.abc_Z');
    const lines = await waitForRequestLines(1);
    assert.ok(lines.some((l) => l.reqId === 'lb-1234.abc_Z'));
  });

  for (const bad of ['has spaces', 'a'.repeat(65), '<script>', 'x\u00e9', 'id;drop']) {
    test(`when the caller sends X-Request-Id "${bad.slice(0, 12)}", then a fresh UUID replaces it`, async () => {
      const response = await fetch(`${base}/callback`, { headers: { 'X-Request-Id': bad } });
      await response.text();

      assert.match(response.headers.get('x-request-id') ?? '', UUID);
      assert.equal(capture.text().includes(bad), false);
    });
  }

  test('when a route fails, then the line is logged at error level with status 500', async () => {
    const seen = requestLines().length;
    await (await fetch(`${base}/boom`)).text();

    const [line] = (await waitForRequestLines(seen + 1)).slice(seen);
    assert.equal(line?.status, 500);
    assert.equal(line?.level, 'error');
  });

  test('when the client goes away before the answer, then one line says it was aborted', async () => {
    const seen = requestLines().length;
    const controller = new AbortController();
    const arrived = new Promise<void>((resolve) => (slowRequestArrived = resolve));
    const pending = fetch(`${base}/slow`, { signal: controller.signal }).catch(() => undefined);
    // Aborted once the server has the request (not after a fixed wait), so it is logged at all.
    await arrived;
    controller.abort();
    await pending;
    await slowRequestClosed;

    const lines = (await waitForRequestLines(seen + 1)).slice(seen);
    assert.equal(lines.length, 1);
    assert.equal(lines[0]?.aborted, true);
    assert.equal(lines[0]?.path, '/slow');
  });
});
