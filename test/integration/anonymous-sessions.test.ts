// Visitors who have not signed in: nothing is stored until Connect, and what is stored is short-lived.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SessionData, Store } from 'express-session';
import { SESSION_COOKIE } from '../../src/app';
import { ANONYMOUS_CSRF_COOKIE } from '../../src/middleware/csrf';
import { ANONYMOUS_SESSION_TTL_MS } from '../../src/session-store/anonymous-sessions';
import { HttpBrowser, formFields, inputValue } from '../helpers/http-browser';
import { connect, startConnect, startStack, submit, type Stack } from '../helpers/stack';

function storedCount(store: Store): Promise<number> {
  return new Promise((resolve, reject) =>
    store.length!((err, n) => (err ? reject(err as Error) : resolve(n ?? 0))),
  );
}

function storedSession(store: Store, cookie: string): Promise<SessionData | null | undefined> {
  // The cookie is `s:<id>.<signature>`, URL-encoded.
  const signed = decodeURIComponent(cookie).slice(2);
  const sid = signed.slice(0, signed.lastIndexOf('.'));
  return new Promise((resolve, reject) =>
    store.get(sid, (err, sess) => (err ? reject(err as Error) : resolve(sess))),
  );
}

const expiresIn = (sess: SessionData | null | undefined) =>
  new Date(sess?.cookie.expires ?? 0).getTime() - Date.now();

describe('anonymous sessions', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('when 200 visitors open the Connect page, then the session store holds nothing', async () => {
    for (let i = 0; i < 200; i += 1) {
      const page = await new HttpBrowser().get(`${stack.url}/`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Connect to WxCC/);
    }
    assert.equal(await storedCount(stack.sessions.store), 0);
  });

  it('when a visitor comes back to the Connect page, then the form token stays the same', async () => {
    const browser = new HttpBrowser();
    const first = await browser.get(`${stack.url}/`);
    const second = await browser.get(`${stack.url}/`);
    assert.ok(browser.cookie(stack.url, ANONYMOUS_CSRF_COOKIE));
    assert.equal(browser.cookie(stack.url, SESSION_COOKIE), undefined);
    assert.equal(inputValue(second.text, '_csrf'), inputValue(first.text, '_csrf'));
  });

  it('when Connect is posted with a token from another browser, then 403 and nothing is stored', async () => {
    const stranger = new HttpBrowser();
    const theirs = inputValue((await stranger.get(`${stack.url}/`)).text, '_csrf') ?? '';
    const victim = new HttpBrowser();
    await victim.get(`${stack.url}/`);
    const before = await storedCount(stack.sessions.store);
    const posted = await victim.post(`${stack.url}/connect`, { _csrf: theirs });
    assert.equal(posted.status, 403);
    assert.equal(await storedCount(stack.sessions.store), before);
  });

  it('when a visitor starts Connect, then the stored attempt expires within minutes, and the sign-in gets the full lifetime', async () => {
    const browser = new HttpBrowser();
    const consent = await startConnect(browser, stack);
    const pending = await storedSession(
      stack.sessions.store,
      browser.cookie(stack.url, SESSION_COOKIE)!,
    );
    assert.ok(pending?.pendingAuthorization, 'the attempt is stored');
    assert.ok(expiresIn(pending) <= ANONYMOUS_SESSION_TTL_MS);
    assert.ok(expiresIn(pending) > ANONYMOUS_SESSION_TTL_MS - 60_000);

    const { action, fields } = formFields(consent.text, /./, 'Accept');
    await browser.follow(await browser.post(new URL(action, consent.url).toString(), fields));
    const signedIn = await storedSession(
      stack.sessions.store,
      browser.cookie(stack.url, SESSION_COOKIE)!,
    );
    assert.ok(signedIn?.agent, 'signed in');
    assert.ok(expiresIn(signedIn) > stack.config.session.absoluteTimeoutMs - 60_000);
  });

  it('when an anonymous browser posts Sign out 500 times, with a form token or without, then nothing is stored', async () => {
    const before = await storedCount(stack.sessions.store);
    const browser = new HttpBrowser();
    const token = inputValue((await browser.get(`${stack.url}/`)).text, '_csrf') ?? '';
    for (let i = 0; i < 250; i += 1) {
      const withToken = await browser.post(`${stack.url}/signout`, { _csrf: token });
      assert.equal(withToken.status, 303);
      const stranger = await new HttpBrowser().post(`${stack.url}/signout`, {});
      assert.equal(stranger.status, 303);
    }
    assert.equal(await storedCount(stack.sessions.store), before);
    assert.equal(browser.cookie(stack.url, SESSION_COOKIE), undefined);
    // The confirmation still reaches the page, from the flash cookie.
    const page = await browser.follow(await browser.post(`${stack.url}/signout`, { _csrf: token }));
    assert.match(page.text, /You are signed out of the desktop/);
    assert.equal(await storedCount(stack.sessions.store), before);
  });

  it('when an anonymous browser posts an agent form, then it lands on Connect with the reason and nothing is stored', async () => {
    const before = await storedCount(stack.sessions.store);
    const browser = new HttpBrowser();
    const token = inputValue((await browser.get(`${stack.url}/`)).text, '_csrf') ?? '';
    for (const path of [
      '/station/login',
      '/station/state',
      '/contacts/outdial',
      '/contacts/x/hold',
    ]) {
      const page = await browser.follow(
        await browser.post(`${stack.url}${path}`, { _csrf: token }),
      );
      assert.match(page.text, /Connect to WxCC/, path);
      assert.match(page.text, /Your session has expired/, path);
    }
    assert.equal(await storedCount(stack.sessions.store), before);
  });

  it('when an agent signs out, then the session is gone from the store, and the page says so', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const cookie = browser.cookie(stack.url, SESSION_COOKIE)!;
    assert.ok((await storedSession(stack.sessions.store, cookie))?.agent, 'signed in');
    const page = await submit(browser, station, /\/signout/);
    assert.match(page.text, /You are signed out of the desktop/);
    assert.equal(await storedSession(stack.sessions.store, cookie), null);
    assert.equal(browser.cookie(stack.url, SESSION_COOKIE) ?? '', '');
  });
});

describe('anonymous form posts are rate limited like sign-in', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ rateLimits: { oauthAddressLimit: 5 } });
  });
  after(() => stack.close());

  it('when one address posts more anonymous forms than sign-in allows, then it is refused with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push((await new HttpBrowser().post(`${stack.url}/signout`, {})).status);
    }
    assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429, 429]);
  });
});
