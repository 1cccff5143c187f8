// A call's whole-call deadline, and the proxy a call goes through (only when the environment names one).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createHttp, httpCall, outboundProxyConfigured } from '../../src/clients/http-call';
import { isAppError } from '../../src/errors';

async function serve(handler: http.RequestListener) {
  const server = http.createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

const quiet = () => undefined;

describe('upstream call deadline', () => {
  it(
    'when an answer trickles in faster than the socket timeout but never ends, then the call ends as a timeout soon after its limit',
    { timeout: 5000 },
    async () => {
      const upstream = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const drip = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(drip));
      });
      try {
        const started = Date.now();
        await assert.rejects(
          httpCall(
            createHttp(300, undefined, {}),
            { method: 'GET', url: `${upstream.url}/slow`, service: 'WxCC', expect: [200] },
            quiet,
          ),
          (error: unknown) => isAppError(error) && error.code === 'upstream_timeout',
        );
        const took = Date.now() - started;
        assert.ok(took >= 500 && took < 2000, `ended after ${took} ms`);
      } finally {
        upstream.close();
      }
    },
  );
});

describe('upstream call deadline through a proxy', () => {
  it(
    'when the environment names a proxy and its answer trickles in but never ends, then the call still ends as a timeout soon after its limit',
    { timeout: 5000 },
    async () => {
      const proxy = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const drip = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(drip));
      });
      const saved = process.env.HTTP_PROXY;
      process.env.HTTP_PROXY = proxy.url;
      try {
        const started = Date.now();
        await assert.rejects(
          httpCall(
            createHttp(300, undefined, process.env),
            { method: 'GET', url: 'http://wxcc.example.test/slow', service: 'WxCC', expect: [200] },
            quiet,
          ),
          (error: unknown) => isAppError(error) && error.code === 'upstream_timeout',
        );
        const took = Date.now() - started;
        assert.ok(took >= 500 && took < 2000, `ended after ${took} ms`);
      } finally {
        if (saved === undefined) delete process.env.HTTP_PROXY;
        else process.env.HTTP_PROXY = saved;
        proxy.close();
      }
    },
  );
});

describe('outbound proxy', () => {
  it('when the environment names no proxy, then calls go straight to the service', async () => {
    const seen: string[] = [];
    const upstream = await serve((req, res) => {
      seen.push(req.url ?? '');
      res.end('{"ok":true}');
    });
    try {
      const client = createHttp(2000, undefined, {});
      assert.equal(client.defaults.proxy, false, 'axios is told not to look');
      const result = await httpCall(
        client,
        { method: 'GET', url: `${upstream.url}/direct`, service: 'WxCC', expect: [200] },
        quiet,
      );
      assert.deepEqual(result.body, { ok: true });
      assert.deepEqual(seen, ['/direct']);
    } finally {
      upstream.close();
    }
  });

  it('when HTTP_PROXY is set, then calls go through that proxy, as axios always sent them', async () => {
    const proxied: string[] = [];
    const proxy = await serve((req, res) => {
      // A forward proxy is asked for the absolute URL.
      proxied.push(req.url ?? '');
      res.end('{"via":"proxy"}');
    });
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = proxy.url;
    try {
      const client = createHttp(2000, undefined, process.env);
      const result = await httpCall(
        client,
        { method: 'GET', url: 'http://wxcc.example.test/v1/x', service: 'WxCC', expect: [200] },
        quiet,
      );
      assert.deepEqual(result.body, { via: 'proxy' });
      assert.deepEqual(proxied, ['http://wxcc.example.test/v1/x']);
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
      proxy.close();
    }
  });

  it('when the proxy variables are read, then any case and npm spelling counts, and an empty one does not', () => {
    assert.equal(outboundProxyConfigured({}), false);
    assert.equal(outboundProxyConfigured({ HTTPS_PROXY: '' }), false);
    assert.equal(outboundProxyConfigured({ NO_PROXY: '*' }), false);
    for (const key of ['http_proxy', 'HTTPS_PROXY', 'all_proxy', 'npm_config_https_proxy']) {
      assert.equal(outboundProxyConfigured({ [key]: 'http://proxy:3128' }), true, key);
    }
  });
});
