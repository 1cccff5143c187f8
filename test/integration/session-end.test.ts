// How a session ends, and that the agent always learns why: sign-out, slow WxCC, revoked sign-in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';
import { DEFAULT_LIMITS } from '../../src/middleware/rate-limits';

describe('session end', () => {
  let stack: Stack;
  let agentIds: string[];
  before(async () => {
    // A long upstream timeout: only the sign-out's own bound can make it answer quickly.
    stack = await startStack({
      env: { HTTP_TIMEOUT_MS: '10000' },
      rateLimits: { oauthLimit: 1000, actionLimit: 1000 },
    });
    agentIds = (await stack.control.agents()).map((a) => a.id);
  });
  after(() => stack.close());

  /** Each test its own agent: a station left logged in must not leak into the next test. */
  async function loggedIn(browser: HttpBrowser, dialNumber: string, agent: number) {
    const station = await connect(browser, stack, { agentId: agentIds[agent] });
    const page = await submit(browser, station, /\/station\/login/, { dialNumber });
    assert.match(page.text, /You are logged in to your station/);
    return page;
  }

  it('when the agent signs out, then the Connect page confirms it', async () => {
    const browser = new HttpBrowser();
    const page = await loggedIn(browser, '+14155550161', 0);
    const after = await submit(browser, page, /\/signout/);
    assert.match(after.text, /Connect to WxCC/);
    assert.match(after.text, /You are signed out of the desktop\./);
    const again = await browser.get(`${stack.url}/`);
    assert.doesNotMatch(again.text, /signed out/, 'the confirmation shows once');
  });

  it("when the page checks the sign-in again and again, then the checks are limited per agent, apart from the agent's clicks", async () => {
    const browser = new HttpBrowser();
    // Signed in only: the check is about the Webex sign-in, not the station.
    const page = await connect(browser, stack, { agentId: agentIds[3] });
    await stack.control.clearRequests();
    const json = { Accept: 'application/json' };
    const limit = DEFAULT_LIMITS.sessionCheckLimit;
    for (let i = 0; i < limit; i++) {
      const check = await browser.get(`${stack.url}/session/check`, json);
      assert.equal(check.status, 204, `check ${i + 1}`);
    }
    const me = (await stack.control.requests()).filter((r) => r.path.endsWith('/people/me'));
    assert.equal(me.length, limit, 'Webex is asked at most the limit, not once per request');
    const limited = await browser.get(`${stack.url}/session/check`, json);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1, 'says when to try again');
    // The agent's clicks are counted apart: the checks did not use them up.
    const after = await submit(browser, page, /\/signout/);
    assert.match(after.text, /You are signed out of the desktop\./);
  });

  it('when WxCC does not answer the logout, then sign-out returns within its bound and says the station may still be logged in', async () => {
    const browser = new HttpBrowser();
    const page = await loggedIn(browser, '+14155550162', 1);
    await stack.control.fault({ target: 'logout', kind: 'timeout' });
    const started = Date.now();
    const after = await submit(browser, page, /\/signout/);
    const took = Date.now() - started;
    assert.ok(took < 6000, `answered in ${took} ms, not after the 10 s upstream timeout`);
    assert.match(after.text, /Connect to WxCC/);
    assert.match(after.text, /may still be logged in/);
    assert.match(after.text, /Agent Logout/);
    await stack.control.clearFaults();
  });

  it('when the sign-in is revoked at Webex, then the page check sends the agent to Connect with the reason', async () => {
    const browser = new HttpBrowser();
    await loggedIn(browser, '+442079460163', 2);
    const check = await browser.get(`${stack.url}/session/check`, { Accept: 'application/json' });
    assert.equal(check.status, 204, 'a live sign-in passes the check');
    await stack.control.call('POST', '/tokens/revoke-and-expire', {});
    const dead = await browser.get(`${stack.url}/session/check`, { Accept: 'application/json' });
    assert.equal(dead.status, 401);
    const page = await browser.get(`${stack.url}/`);
    assert.match(page.text, /Connect to WxCC/);
    assert.match(page.text, /expired or was revoked/);
    // Another tab of the same browser, loaded after the first showed it, says why too.
    const otherTab = await browser.get(`${stack.url}/`);
    assert.match(otherTab.text, /expired or was revoked/);
    // Until the agent connects again: then it is said no more.
    await connect(browser, stack, { agentId: agentIds[2] });
    await submit(browser, await browser.get(`${stack.url}/`), /\/signout/);
    const afterSignOut = await browser.get(`${stack.url}/`);
    assert.doesNotMatch(afterSignOut.text, /expired or was revoked/);
  });

  it('when another request already dropped the revoked tokens, then the page still says the sign-in expired or was revoked', async () => {
    const browser = new HttpBrowser();
    await loggedIn(browser, '+14155550164', 0);
    // What a parallel request leaves behind after it met the revoked refresh token.
    await stack.services.oauth.forget(agentIds[0]!);
    const dead = await browser.get(`${stack.url}/session/check`, { Accept: 'application/json' });
    assert.equal(dead.status, 401);
    const page = await browser.get(`${stack.url}/`);
    assert.match(page.text, /Connect to WxCC/);
    assert.match(page.text, /expired or was revoked/);
  });
});
