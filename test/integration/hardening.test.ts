// The last gaps an attacker found: caching of token-bearing pages, oversized forms, 404 noise.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp, type AppDeps } from '../../src/app';
import { loadConfig } from '../../src/settings/config';
import { createLogger } from '../../src/logging';
import { HttpBrowser, formFields, inputValue } from '../helpers/http-browser';
import { connect, startStack, type Stack } from '../helpers/stack';

describe('hardening', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  const linesOf = (pattern: RegExp) =>
    stack.logs.filter((l) => pattern.test(l)).map((l) => JSON.parse(l) as Record<string, unknown>);

  it('when the Connect page (which holds a CSRF token) is served, then it is no-store', async () => {
    const page = await new HttpBrowser().get(`${stack.url}/`);
    assert.ok(inputValue(page.text, '_csrf'), 'the page has a form token');
    assert.equal(page.headers.get('cache-control'), 'no-store');
  });

  it('when a signed-in agent gets an error page, then it is no-store', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const { action, fields } = formFields(station.text, /\/station\/login/);
    const refused = await browser.post(new URL(action, station.url).toString(), {
      ...fields,
      _csrf: 'forged',
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('cache-control'), 'no-store');
    const missing = await browser.get(`${stack.url}/no-such-page`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('cache-control'), 'no-store');
  });

  it('when a form is larger than the limit, then 413 with a clear page, logged at warn without the body', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const csrf = inputValue(station.text, '_csrf') ?? '';
    const page = await browser.post(`${stack.url}/station/login`, {
      _csrf: csrf,
      dialNumber: 'x'.repeat(20_000),
    });
    assert.equal(page.status, 413);
    assert.match(page.text, /too large for this desktop/);
    assert.match(page.text, /href="\/"/);
    const lines = stack.logs.filter((l) => l.includes('"status":413') && !l.includes('"res"'));
    assert.ok(lines.length > 0, 'the refusal is logged');
    for (const line of lines) assert.doesNotMatch(line, /"level":"error"/, 'not at error level');
    assert.ok(!stack.logs.some((l) => l.includes(csrf)), 'no CSRF token anywhere in the log');
    assert.ok(!stack.logs.some((l) => l.includes('xxxxxxxxxx')), 'no body anywhere in the log');
  });

  it('when the favicon is asked for, then it is served; an unknown path is logged at info without a stack', async () => {
    const browser = new HttpBrowser();
    const icon = await browser.get(`${stack.url}/static/favicon.svg`);
    assert.equal(icon.status, 200);
    const home = await browser.get(`${stack.url}/`);
    assert.match(home.text, /<link rel="icon" href="\/static\/favicon.svg"/);
    await browser.get(`${stack.url}/favicon.ico`);
    const notFound = linesOf(/no such page/).filter((l) => l.path === '/favicon.ico');
    assert.equal(notFound.length, 1);
    assert.equal(notFound[0]!.level, 'info');
    assert.ok(!JSON.stringify(notFound[0]).includes('stack'), 'no stack trace');
  });

  it('when a contact action or id names a member of Object.prototype, then 404 or 409, never a 500 with a stack', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const csrf = inputValue(station.text, '_csrf') ?? '';
    const from = stack.logs.length;
    for (const action of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const page = await browser.post(
        `${stack.url}/contacts/abc-123/${action}`,
        { _csrf: csrf },
        // Answered in place (a browser's form would get a redirect and the same words in the flash).
        { Accept: 'application/json' },
      );
      assert.equal(page.status, 404, action);
      assert.match(page.text, /There is no such contact action\./, action);
    }
    // An id that Object.prototype has is no contact on the desktop either.
    for (const id of ['constructor', 'toString', 'hasOwnProperty']) {
      const page = await browser.post(
        `${stack.url}/contacts/${id}/hold`,
        { _csrf: csrf },
        { Accept: 'application/json' },
      );
      assert.equal(page.status, 409, id);
      assert.match(page.text, /no longer on your desktop/, id);
    }
    const lines = stack.logs.slice(from);
    assert.ok(!lines.some((l) => /"level":"error"|"level":50/.test(l)), lines.join('\n'));
    assert.ok(!lines.some((l) => l.includes('TypeError')), 'no TypeError logged');
  });

  it('when production runs behind an https proxy, then the cookie is __Host- prefixed and Secure', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      WEBEX_CLIENT_ID: 'C0123456789abcdef',
      WEBEX_CLIENT_SECRET: 'client-secret-from-developer-webex-com',
      WEBEX_REDIRECT_URI: 'https://desktop.example.com/oauth',
      SESSION_SECRET: 'Qm7f2Kx9pLr4Tz8WvB3nYc6HdJ1sGa5E0uRiO',
      SESSION_ENCRYPTION_KEY: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      SESSION_STORE: 'sqlite',
      TRUST_PROXY: '1',
    });
    // The Connect page needs no service: only the configuration and the session matter here.
    const unused = {} as never;
    const deps: AppDeps = {
      config,
      logger: createLogger({ level: 'silent' }),
      oauth: unused,
      station: unused,
      contacts: unused,
      contactDirectory: unused,
      directory: unused,
      wxcc: unused,
    };
    const app = createApp(deps);
    // The Connect page stores no session: only its anonymous CSRF cookie, hardened the same way.
    const page = await request(app).get('/').set('X-Forwarded-Proto', 'https');
    const csrfCookie = page.headers['set-cookie']?.[0] ?? '';
    assert.match(csrfCookie, /^__Host-wxcc_desktop\.csrf=/);
    // A refused form leaves a message to show, in the flash cookie (nothing anonymous is stored).
    const refused = await request(app).post('/connect').set('X-Forwarded-Proto', 'https');
    const cookies = (refused.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    assert.equal(
      cookies.find((c) => c.includes('.sid=')),
      undefined,
      'no session is stored',
    );
    const flashCookie = cookies.find((c) => c.includes('.flash='));
    assert.ok(flashCookie, 'the message rides in a cookie');
    for (const c of [csrfCookie, flashCookie]) {
      assert.match(c, /; Secure/);
      assert.match(c, /; Path=\//);
      assert.doesNotMatch(c, /Domain=/i);
    }
    assert.match(flashCookie, /^__Host-wxcc_desktop\.flash=/);
    // The session cookie a sign-in makes is hardened the same way.
    assert.equal(config.session.cookieName, '__Host-wxcc_desktop.sid');
    assert.equal(config.session.cookieSecure, true);
  });

  it('when production trusts every proxy (TRUST_PROXY=true), then the desktop starts and logs a warning naming it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wxcc-trust-'));
    const production = await startStack({
      env: {
        NODE_ENV: 'production',
        WEBEX_CLIENT_ID: 'C0123456789abcdef',
        WEBEX_CLIENT_SECRET: 'client-secret-from-developer-webex-com',
        SESSION_SECRET: randomBytes(32).toString('hex'),
        SESSION_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        SESSION_STORE: 'sqlite',
        SESSION_DB_FILE: path.join(dir, 'sessions.db'),
        TRUST_PROXY: 'true',
      },
    });
    try {
      const warnings = production.logs
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.level === 'warn' && /TRUST_PROXY=true/.test(String(l.msg)));
      assert.equal(warnings.length, 1, production.logs.join('\n'));
      assert.match(String(warnings[0]!.msg), /X-Forwarded-For from every client/);
    } finally {
      await production.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
