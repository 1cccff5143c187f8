// Attacks on the desktop: CSRF, headers, cookies, rate limits, hostile input, secrets in logs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SESSION_COOKIE } from '../../src/app';
import { HttpBrowser, formFields, inputValue } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';

describe('security', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('when a form is posted with a wrong or missing CSRF token, then 403 with a way back and nothing changes', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const { action, fields } = formFields(station.text, /\/station\/login/);
    await stack.control.clearRequests();
    for (const csrf of ['wrong', '']) {
      const page = await browser.post(new URL(action, station.url).toString(), {
        ...fields,
        _csrf: csrf,
        dialNumber: '+14155550180',
      });
      assert.equal(page.status, 403);
      assert.match(page.text, /did not come from this desktop/);
      assert.match(page.text, /href="\/"/);
    }
    assert.equal((await stack.control.requests()).filter((r) => r.target === 'login').length, 0);
  });

  it('when any page is served, then strict security headers are set', async () => {
    const browser = new HttpBrowser();
    const page = await browser.get(`${stack.url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers.get('x-powered-by'), null);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.doesNotMatch(
      page.text,
      /<script>|<style>|style="| on[a-z]+="/,
      'no inline script or style',
    );
  });

  it('when an agent is signed in, then pages are no-store and the cookie is HttpOnly and SameSite=Lax', async () => {
    const browser = new HttpBrowser();
    const home = await browser.get(`${stack.url}/`);
    const started = await browser.post(`${stack.url}/connect`, {
      _csrf: inputValue(home.text, '_csrf') ?? '',
    });
    for (const setCookie of [home, started].map((p) => p.headers.get('set-cookie') ?? '')) {
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Lax/i);
    }
    assert.match(
      started.headers.get('set-cookie') ?? '',
      new RegExp(`^${SESSION_COOKIE.replace('.', '\\.')}=`),
    );
    const station = await connect(browser, stack);
    assert.equal(station.headers.get('cache-control'), 'no-store');
  });

  it('when the app is behind a TLS proxy (TRUST_PROXY), then the cookie is Secure', async () => {
    const proxied = await startStack({ env: { TRUST_PROXY: '1' } });
    try {
      const page = await new HttpBrowser().get(`${proxied.url}/`, { 'X-Forwarded-Proto': 'https' });
      assert.match(page.headers.get('set-cookie') ?? '', /;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it('when the agent signs out, then the old cookie no longer works', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const oldCookie = browser.cookie(stack.url, SESSION_COOKIE)!;
    const signedOut = await submit(browser, station, /\/signout/);
    assert.match(signedOut.text, /Connect to WxCC/);
    const thief = new HttpBrowser();
    thief.setCookie(stack.url, SESSION_COOKIE, oldCookie);
    const page = await thief.get(`${stack.url}/`);
    assert.match(page.text, /Connect to WxCC/);
  });

  it('when sign-in is attempted too often, then 429 with Retry-After and a readable page', async () => {
    const limited = await startStack({ rateLimits: { oauthLimit: 2, windowMs: 60_000 } });
    try {
      const browser = new HttpBrowser();
      const home = await browser.get(`${limited.url}/`);
      const csrf = inputValue(home.text, '_csrf') ?? '';
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 3; i += 1) {
        last = await browser.post(`${limited.url}/connect`, { _csrf: csrf });
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [303, 303, 429]);
      assert.ok(Number(last!.headers.get('retry-after')) > 0);
      assert.match(last!.text, /Too many attempts/);
    } finally {
      await limited.close();
    }
  });

  it('when hostile values are sent to every form, then no 5xx, nothing reflected unescaped, no state change', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      'a'.repeat(20000),
      '\u0000\u0001\u001b[31m',
      '../../../etc/passwd',
      '//evil.example/',
      'https://evil.example/',
      '{{7*7}}<%= 7*7 %>',
    ];
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const csrf = inputValue(station.text, '_csrf') ?? '';
    await stack.control.clearRequests();
    const routes = ['/station/login', '/station/state', '/station/logout', '/connect', '/nowhere'];
    for (const value of hostile) {
      for (const route of routes) {
        const posted = await browser.post(`${stack.url}${route}`, {
          _csrf: csrf,
          teamId: value,
          deviceType: value,
          dialNumber: value,
          state: value,
          auxCodeId: value,
          reason: value,
          returnTo: value,
        });
        assert.ok(posted.status < 500, `${route} answered ${posted.status}`);
        const page = posted.location ? await browser.follow(posted) : posted;
        assert.ok(page.status < 500);
        assert.ok(!page.text.includes('<script>alert(1)</script>'), 'markup reflected unescaped');
        assert.ok(!page.text.includes('<img src=x'), 'markup reflected unescaped');
        if (posted.location)
          assert.doesNotMatch(posted.location, /evil\.example/, 'no open redirect');
      }
      const queried = await browser.get(
        `${stack.url}/oauth?state=${encodeURIComponent(value)}&code=${encodeURIComponent(value)}`,
      );
      assert.ok(queried.status < 500);
    }
    const agentCalls = (await stack.control.requests()).filter((r) =>
      ['login', 'logout', 'state'].includes(r.target),
    );
    assert.deepEqual(agentCalls, [], 'no hostile value reached WxCC');
  });

  it('when a full flow runs, then no token, code or secret appears in any log line', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const loggedIn = await submit(browser, station, /\/station\/login/, {
      dialNumber: '+14155550181',
    });
    await stack.control.expireTokens();
    await submit(browser, loggedIn, /\/station\/logout/);
    const calls = await stack.control.requests();
    const secrets = new Set<string>([stack.config.webex.clientSecret]);
    for (const call of calls) {
      if (call.bearer) secrets.add(call.bearer);
      const body = call.body as Record<string, unknown> | null;
      for (const key of ['code', 'refresh_token', 'code_verifier', 'client_secret']) {
        const value = body?.[key];
        if (typeof value === 'string' && value.length > 8) secrets.add(value);
      }
    }
    const logs = stack.logs.join('');
    assert.ok(logs.length > 0);
    assert.ok(secrets.size > 2);
    for (const secret of secrets) assert.ok(!logs.includes(secret), 'a secret reached the logs');
    const cookie = browser.cookie(stack.url, SESSION_COOKIE)!;
    assert.ok(!logs.includes(cookie.split('.')[0]!.slice(4)), 'the session id reached the logs');
  });

  it('when /healthz and /readyz are asked, then both answer 200 while the store is up', async () => {
    const browser = new HttpBrowser();
    assert.equal((await browser.get(`${stack.url}/healthz`)).status, 200);
    assert.equal((await browser.get(`${stack.url}/readyz`)).status, 200);
  });
});
