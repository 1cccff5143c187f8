// The Connect flow's failure paths: state mismatch, denial, replay, and posts without a session.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpBrowser, formFields } from '../helpers/http-browser';
import { connect, startConnect, startStack, type Stack } from '../helpers/stack';

describe('connect failures', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  async function consentRedirect(browser: HttpBrowser, button = 'Accept') {
    const consent = await startConnect(browser, stack);
    const { action, fields } = formFields(consent.text, /./, button);
    const decided = await browser.post(new URL(action, consent.url).toString(), fields);
    assert.ok(decided.location, 'the consent page redirects back to the app');
    return new URL(decided.location);
  }

  const tokenCalls = async () =>
    (await stack.control.requests()).filter((r) => r.target === 'token').length;

  it('when the state does not match, then no token call is made and Connect is offered again', async () => {
    const browser = new HttpBrowser();
    const callback = await consentRedirect(browser);
    await stack.control.clearRequests();
    callback.searchParams.set('state', 'forged-state');
    const page = await browser.follow(await browser.get(callback.toString()));
    assert.equal(page.status, 200);
    assert.match(page.text, /not valid any more/);
    assert.match(page.text, /Connect to WxCC/);
    assert.equal(await tokenCalls(), 0);
  });

  it('when the agent declines, then the page says so and offers Connect again', async () => {
    const browser = new HttpBrowser();
    const page = await connect(browser, stack, { decline: true });
    assert.match(page.text, /You declined access/);
    assert.match(page.text, /Connect to WxCC/);
  });

  it('when a callback is replayed, then no token call is made', async () => {
    const browser = new HttpBrowser();
    const callback = await consentRedirect(browser);
    const first = await browser.follow(await browser.get(callback.toString()));
    assert.match(first.text, /Log in to your station/);
    await stack.control.clearRequests();
    const replay = await browser.follow(await browser.get(callback.toString()));
    assert.equal(replay.status, 200);
    assert.match(replay.text, /not valid any more/);
    assert.equal(await tokenCalls(), 0);
  });

  it('when the callback carries no state and no code, then a clear message, never a 500', async () => {
    const browser = new HttpBrowser();
    await browser.get(`${stack.url}/`);
    const page = await browser.follow(await browser.get(`${stack.url}/oauth`));
    assert.equal(page.status, 200);
    assert.match(page.text, /not valid any more/);
  });

  for (const path of [
    '/station/login',
    '/station/state',
    '/station/logout',
    '/signout',
    '/connect',
  ]) {
    it(`when ${path} is posted without a session, then the agent lands on Connect with a message`, async () => {
      const browser = new HttpBrowser();
      const posted = await browser.post(`${stack.url}${path}`, { teamId: 'x', state: 'Available' });
      assert.equal(posted.status, 303);
      const page = await browser.follow(posted);
      assert.equal(page.status, 200);
      assert.match(page.text, /session has expired/);
      assert.match(page.text, /Connect to WxCC/);
    });
  }

  it('when a stale session cookie is sent, then it is treated as no session', async () => {
    const browser = new HttpBrowser();
    browser.setCookie(stack.url, 'wxcc_desktop.sid', 's%3Aforged.signature');
    const page = await browser.follow(await browser.post(`${stack.url}/station/logout`, {}));
    assert.equal(page.status, 200);
    assert.match(page.text, /Connect to WxCC/);
  });
});
