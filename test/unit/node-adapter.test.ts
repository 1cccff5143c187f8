// The adapter that sends the desktop's calls when no proxy is configured: what a service receives
// and what the caller gets back are what axios's own Node adapter gave.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import axios, { type AxiosInstance } from 'axios';
import { createHttp, httpCall } from '../../src/clients/http-call';
import { keepAliveAgents } from '../../src/clients/keep-alive-agents';
import { HEADERS_READ } from '../../src/clients/node-adapter';
import { isAppError } from '../../src/errors';

interface Received {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** The desktop's client as it was configured before (axios's own adapter, no proxy). */
function axiosOwnAdapter(): AxiosInstance {
  return axios.create({
    ...keepAliveAgents(),
    proxy: false,
    timeout: 2000,
    maxRedirects: 0,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });
}

const quiet = () => undefined;

describe('node adapter', () => {
  it('when a JSON call is sent, then the service receives what axios’s own adapter sent, and the caller gets the same answer', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', TrackingId: 'wxcc-1' });
      res.end('{"id":"é-1"}');
    });
    try {
      const call = {
        method: 'POST' as const,
        url: `${upstream.url}/v1/agents/login?x=1`,
        service: 'WxCC',
        bearer: 'token-1',
        json: { dialNumber: '+14155550100', teamId: 'é' },
        expect: [201],
      };
      const ours = await httpCall(createHttp(2000, undefined, {}), call, quiet);
      const theirs = await httpCall(axiosOwnAdapter(), call, quiet);
      assert.deepEqual(ours, theirs);
      assert.deepEqual(ours, { status: 201, body: { id: 'é-1' }, trackingId: 'wxcc-1' });

      const [sent, reference] = upstream.received;
      assert.equal(sent?.method, reference?.method);
      assert.equal(sent?.url, reference?.url);
      assert.equal(sent?.body, reference?.body);
      // Compression is neither asked for nor needed (axios's adapter asked, the answers are small).
      const without = (h: http.IncomingHttpHeaders) =>
        Object.fromEntries(
          Object.entries(h).filter(([name]) => !['accept-encoding', 'trackingid'].includes(name)),
        );
      assert.deepEqual(without(sent!.headers), without(reference!.headers));
      assert.equal(sent?.headers['content-length'], String(Buffer.byteLength(sent!.body)));
    } finally {
      upstream.close();
    }
  });

  it('when an answer carries many headers, then the ones read are handed over, and only those', async () => {
    const upstream = await serve((req, res) => {
      res.writeHead(req.url === '/busy' ? 429 : 200, {
        'Content-Type': 'application/json',
        TrackingID: 'notifs_42',
        'Retry-After': '2',
        'Cache-Control': 'no-store',
        'Strict-Transport-Security': 'max-age=31536000',
        Vary: 'Origin',
        Server: 'envoy',
        'Set-Cookie': 'a=b',
      });
      res.end('{"ok":true}');
    });
    try {
      const client = createHttp(2000, undefined, {});
      const answer = await client.get<string>(`${upstream.url}/ok`);
      assert.deepEqual(
        Object.keys(answer.headers).sort(),
        [...HEADERS_READ].sort(),
        'axios is not handed headers nobody reads',
      );
      const ok = await httpCall(
        client,
        { method: 'GET', url: `${upstream.url}/ok`, service: 'WxCC', expect: [200] },
        quiet,
      );
      assert.equal(ok.trackingId, 'notifs_42');
      await assert.rejects(
        httpCall(
          client,
          { method: 'GET', url: `${upstream.url}/busy`, service: 'WxCC', expect: [200] },
          quiet,
        ),
        (error: unknown) =>
          isAppError(error) &&
          error.code === 'upstream_unavailable' &&
          error.retryAfterSec === 2 &&
          error.trackingId === 'notifs_42',
      );
    } finally {
      upstream.close();
    }
  });

  it('when an answer’s characters are split across packets, then they are read whole', async () => {
    const upstream = await serve((_req, res) => {
      const body = Buffer.from('{"name":"Zoë Ångström"}');
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      const cut = body.indexOf(0xc3) + 1; // inside the two bytes of "ë"
      res.write(body.subarray(0, cut));
      setTimeout(() => res.end(body.subarray(cut)), 20);
    });
    try {
      const result = await httpCall(
        createHttp(2000, undefined, {}),
        { method: 'GET', url: `${upstream.url}/p`, service: 'Webex', expect: [200] },
        quiet,
      );
      assert.deepEqual(result.body, { name: 'Zoë Ångström' });
    } finally {
      upstream.close();
    }
  });

  it('when a service answers with a redirect, then it is not followed: the status is the answer', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(302, { Location: '/elsewhere' });
      res.end();
    });
    try {
      await assert.rejects(
        httpCall(
          createHttp(2000, undefined, {}),
          { method: 'GET', url: `${upstream.url}/moved`, service: 'WxCC', expect: [200] },
          quiet,
        ),
        (error: unknown) => isAppError(error),
      );
      assert.deepEqual(
        upstream.received.map((r) => r.url),
        ['/moved'],
      );
    } finally {
      upstream.close();
    }
  });

  it('when a service stays silent past the timeout, or drops the connection, then the errors are the ones axios gave', async () => {
    const silent = await serve(() => undefined);
    const dropping = await serve((req) => req.socket.destroy());
    try {
      for (const [instance, name] of [
        [createHttp(200, undefined, {}), 'ours'],
        [axios.create({ ...axiosOwnAdapter().defaults, timeout: 200 }), 'axios'],
      ] as const) {
        const timedOut = await axiosError(instance, `${silent.url}/x`);
        assert.equal(timedOut?.code, 'ECONNABORTED', name);
        const dropped = await axiosError(instance, `${dropping.url}/x`);
        assert.equal(dropped?.code, 'ECONNRESET', name);
        assert.ok(axios.isAxiosError(dropped), name);
      }
    } finally {
      silent.close();
      dropping.close();
    }
  });

  it('when calls end, answered, refused or silent, then none leaves a timer armed', async () => {
    const upstream = await serve((req, res) => {
      if (req.url === '/silent') return;
      res.writeHead(req.url === '/refused' ? 400 : 200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    try {
      const client = createHttp(150, undefined, {});
      const before = timers();
      for (const path of ['/ok', '/refused', '/silent', '/ok']) {
        await httpCall(
          client,
          { method: 'GET', url: `${upstream.url}${path}`, service: 'WxCC', expect: [200] },
          quiet,
        ).catch((error: unknown) => assert.ok(isAppError(error)));
      }
      assert.equal(timers(), before, 'each call’s deadline is cleared when it ends');
    } finally {
      upstream.close();
    }
  });

  it('when the call is aborted, then it ends as cancelled at once', async () => {
    const silent = await serve(() => undefined);
    try {
      const controller = new AbortController();
      const pending = createHttp(2000, undefined, {}).get(`${silent.url}/x`, {
        signal: controller.signal,
      });
      controller.abort();
      await assert.rejects(pending, (error: unknown) => axios.isCancel(error));
      await assert.rejects(
        createHttp(2000, undefined, {}).get(`${silent.url}/y`, { signal: controller.signal }),
        (error: unknown) => axios.isCancel(error),
        'already aborted',
      );
    } finally {
      silent.close();
    }
  });
});

async function axiosError(instance: AxiosInstance, url: string) {
  try {
    await instance.get(url);
    return undefined;
  } catch (error) {
    return axios.isAxiosError(error) ? error : undefined;
  }
}
