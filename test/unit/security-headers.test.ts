// securityHeaders: helmet runs once at startup; every response still carries all of its headers.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import express from 'express';
import { securityHeaders } from '../../src/middleware/security-headers';

async function headersOf(app: express.Express): Promise<Headers> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`);
    await res.text();
    return res.headers;
  } finally {
    server.close();
  }
}

describe('securityHeaders', () => {
  it('when two requests are answered, then each carries the whole helmet set, CSP with the Webex form target included', async () => {
    const app = express();
    app.disable('x-powered-by');
    app.use(securityHeaders('https://webexapis.com/v1'));
    app.get('/', (_req, res) => res.send('ok'));
    for (let i = 0; i < 2; i += 1) {
      const h = await headersOf(app);
      assert.equal(
        h.get('content-security-policy'),
        "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;" +
          "connect-src 'self';font-src 'self';object-src 'none';base-uri 'none';" +
          "form-action 'self' https://webexapis.com;frame-ancestors 'none'",
      );
      assert.equal(h.get('strict-transport-security'), 'max-age=31536000; includeSubDomains');
      assert.equal(h.get('referrer-policy'), 'no-referrer');
      assert.equal(h.get('x-content-type-options'), 'nosniff');
      assert.equal(h.get('x-frame-options'), 'SAMEORIGIN');
      assert.equal(h.get('cross-origin-opener-policy'), 'same-origin');
      assert.equal(h.get('cross-origin-resource-policy'), 'same-origin');
      assert.equal(h.get('origin-agent-cluster'), '?1');
      assert.equal(h.get('x-dns-prefetch-control'), 'off');
      assert.equal(h.get('x-download-options'), 'noopen');
      assert.equal(h.get('x-permitted-cross-domain-policies'), 'none');
      assert.equal(h.get('x-xss-protection'), '0');
      assert.equal(h.get('x-powered-by'), null);
    }
  });
});
