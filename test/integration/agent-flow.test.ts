// The whole flow over HTTP against the in-process sandbox: Connect, Agent Login, state, Logout.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SESSION_COOKIE } from '../../src/app';
import { HttpBrowser, formFields } from '../helpers/http-browser';
import { connect, startConnect, startStack, submit, type Stack } from '../helpers/stack';

const DIAL = '+14155550123';

describe('agent flow', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('when nobody is connected, then / offers Connect to WxCC', async () => {
    const page = await new HttpBrowser().get(`${stack.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Connect to WxCC/);
  });

  it('when an address does not exist, then a 404 page says so and links back', async () => {
    const page = await new HttpBrowser().get(`${stack.url}/nowhere`);
    assert.equal(page.status, 404);
    assert.match(page.text, /Page not found/);
    assert.match(page.text, /href="\/"/);
  });

  it('when an agent connects, logs in, goes Available and logs out, then each page tells the truth', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    assert.equal(station.status, 200);
    assert.match(station.text, /Log in to your station/);
    assert.match(station.text, /Agent Login/);

    const loggedIn = await submit(browser, station, /\/station\/login/, { dialNumber: DIAL });
    assert.match(loggedIn.text, /You are logged in to your station/);
    assert.match(loggedIn.text, /Agent Logout/);
    assert.match(loggedIn.text, new RegExp(`\\${DIAL}`));

    const available = await submit(browser, loggedIn, /\/station\/state/, {}, 'Go Available');
    assert.match(available.text, /You are Available/);
    assert.match(available.text, /state-available/);

    const idle = await submit(browser, available, /\/station\/state/, {}, 'Go Idle');
    assert.match(idle.text, /You are Idle/);

    const loggedOut = await submit(browser, idle, /\/station\/logout/);
    assert.match(loggedOut.text, /You are logged out of your station/);
    assert.match(loggedOut.text, /Agent Login/);
  });

  it('when the page is reloaded, then the form is not resubmitted (post/redirect/get)', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const { formFields } = await import('../helpers/http-browser');
    const { action, fields } = formFields(station.text, /\/station\/login/);
    const posted = await browser.post(new URL(action, station.url).toString(), {
      ...fields,
      dialNumber: '+14155550124',
    });
    assert.equal(posted.status, 303);
    assert.equal(posted.location, '/');
    await submit(browser, await browser.get(`${stack.url}/`), /\/station\/logout/);
  });

  it('when the agent connects, then the session id changes (no fixation)', async () => {
    const browser = new HttpBrowser();
    const consent = await startConnect(browser, stack);
    const before = browser.cookie(stack.url, SESSION_COOKIE);
    assert.ok(before, 'the Connect attempt is remembered in a session');
    const { action, fields } = formFields(consent.text, /./, 'Accept');
    await browser.follow(await browser.post(new URL(action, consent.url).toString(), fields));
    const afterConnect = browser.cookie(stack.url, SESSION_COOKIE);
    assert.ok(afterConnect);
    assert.notEqual(afterConnect, before);
  });

  it('when the whole flow runs, then no token appears in any page, header or redirect', async () => {
    const browser = new HttpBrowser();
    const pages: string[] = [];
    const station = await connect(browser, stack);
    pages.push(station.text);
    const loggedIn = await submit(browser, station, /\/station\/login/, {
      dialNumber: '+14155550125',
    });
    pages.push(loggedIn.text);
    pages.push((await submit(browser, loggedIn, /\/station\/logout/)).text);
    const issued = (await stack.control.requests())
      .map((r) => r.bearer)
      .filter((t): t is string => typeof t === 'string');
    assert.ok(issued.length > 0);
    for (const token of new Set(issued)) {
      for (const page of pages) assert.ok(!page.includes(token), 'a token leaked into a page');
      const cookie = browser.cookie(stack.url, SESSION_COOKIE) ?? '';
      assert.ok(!decodeURIComponent(cookie).includes(token), 'a token leaked into the cookie');
    }
  });

  it('when the agent signs out and connects again, then the form is prefilled with the last station', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const loggedIn = await submit(browser, station, /\/station\/login/, {
      deviceType: 'EXTENSION',
      dialNumber: '4712',
    });
    const loggedOut = await submit(browser, loggedIn, /\/station\/logout/);
    await submit(browser, loggedOut, /\/signout/);
    const again = await connect(browser, stack);
    assert.match(again.text, /<input id="dialNumber"[^>]*value="4712"/);
    assert.match(again.text, /value="EXTENSION" checked/);
  });
});
