// Expired and dead tokens: one refresh, a retry with the NEW token, and a clean way back to Connect.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';

describe('token lifecycle', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('when the access token has expired, then exactly one refresh runs and the retry carries the new token', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    await stack.control.expireTokens();
    await stack.control.clearRequests();

    const page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550130' });
    assert.match(page.text, /You are logged in to your station/);

    const calls = await stack.control.requests();
    const refreshes = calls.filter((c) => c.target === 'token');
    assert.equal(refreshes.length, 1, 'one refresh');
    const logins = calls.filter((c) => c.target === 'login');
    assert.equal(logins.length, 2);
    assert.equal(logins[0]?.status, 401);
    assert.equal(logins[1]?.status, 202);
    assert.notEqual(logins[1]?.bearer, logins[0]?.bearer, 'the retry uses the new token');
    await submit(browser, page, /\/station\/logout/);
  });

  it('when WxCC answers 401 twice, then the agent sees a clear message and no loop', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    await stack.control.clearRequests();
    await stack.control.fault({ target: 'login', kind: 'status', status: 401, count: 2 });

    const page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550131' });
    assert.equal(page.status, 200);
    assert.match(page.text, /refused your sign-in even after it was renewed/);
    const calls = await stack.control.requests();
    assert.equal(calls.filter((c) => c.target === 'login').length, 2);
    assert.equal(calls.filter((c) => c.target === 'token').length, 1);
  });

  it('when the refresh token is dead, then the agent is sent back to Connect with the reason', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    await stack.control.expireTokens();
    await stack.control.revokeTokens();

    const page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550132' });
    assert.equal(page.status, 200);
    assert.match(page.text, /sign-in has expired or was revoked/);
    assert.match(page.text, /Connect to WxCC/);
    // And the session no longer holds the dead tokens: the next page is Connect, quietly.
    const next = await browser.get(`${stack.url}/`);
    assert.match(next.text, /Connect to WxCC/);
  });
});
