// The last gaps an attacker found: caching of token-bearing pages, oversized forms, 404 noise.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
    for (const line of lines) {
      assert.doesNotMatch(line, /"level":50/, 'not at error level');
      assert.ok(!line.includes(csrf), 'no CSRF token in the log');
      assert.ok(!line.includes('xxxxxxxxxx'), 'no body in the log');
    }
  });

  it('when the favicon is asked for, then it is served; an unknown path is logged at info without a stack', async () => {
    const browser = new HttpBrowser();
    const icon = await browser.get(`${stack.url}/favicon.svg`);
    assert.equal(icon.status, 200);
    const home = await browser.get(`${stack.url}/`);
    assert.match(home.text, /<link rel="icon" href="\/favicon.svg"/);
    await browser.get(`${stack.url}/favicon.ico`);
    const notFound = linesOf(/no such page/).filter((l) => l.path === '/favicon.ico');
    assert.equal(notFound.length, 1);
    assert.equal(notFound[0]!.level, 'info');
    assert.ok(!JSON.stringify(notFound[0]).includes('stack'), 'no stack trace');
  });
});
