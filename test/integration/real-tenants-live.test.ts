// Real tenants, live: a lost socket (agent-wss-disconnect), our own client type, contacts that come
// and go between page views (REAL-TENANTS.md findings 4, 5, 6).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLIENT_TYPE } from '../../src/clients/webex-client';
import { defaultSeed } from 'wxcc-sandbox/seed';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

const alice = defaultSeed.agents[0]!;
const chiara = defaultSeed.agents[2]!;

describe('real tenants, live', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('when the notification socket is lost, then WxCC idles the agent, and the desktop makes them Available again and says so', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: alice.id });
    let page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550401' });
    page = await submit(browser, page, /\/station\/state/, {}, 'Go Available');
    assert.match(page.text, /You are Available/);
    await stack.control.clearRequests();

    await stack.control.supervisor(alice.id, 'drop-websocket');
    await waitFor(async () => {
      const now = await browser.get(`${stack.url}/`);
      return /id="connection-notice"/.test(now.text) && /state-available/.test(now.text);
    }, 5000);
    page = await browser.get(`${stack.url}/`);
    assert.match(
      page.text,
      /lost for a moment, and it set you Idle\. The desktop has made you Available again/,
    );

    const sent = await stack.control.requests();
    // Reconnected as our own client type, forcing out only our own stale socket.
    const subscribe = sent.find((r) => r.target === 'subscribe');
    assert.deepEqual(subscribe?.body, {
      isKeepAliveEnabled: true,
      clientType: CLIENT_TYPE,
      allowMultiLogin: false,
      force: true,
    });
    // Restored as Cisco's SDK does: Available, with the reason WxCC gave.
    const restore = sent.find((r) => r.target === 'state');
    assert.deepEqual(restore?.body, {
      state: 'Available',
      auxCodeId: '0',
      lastStateChangeReason: 'agent-wss-disconnect',
      agentId: alice.id,
    });

    // The agent's next change retires the notice.
    page = await submit(browser, page, /\/station\/state/, {}, 'Go Idle');
    assert.doesNotMatch(page.text, /id="connection-notice"/);
    await submit(browser, page, /\/station\/logout/);
  });

  it('when the desktop first subscribes, then with a client type of its own (not Cisco Desktop’s or the SDK’s) and without force', async () => {
    assert.ok(CLIENT_TYPE.length <= 20);
    assert.notEqual(CLIENT_TYPE, 'AgentDesktop');
    assert.notEqual(CLIENT_TYPE, 'WebexCCSDK');
    const fresh = await startStack();
    try {
      await connect(new HttpBrowser(), fresh, { agentId: chiara.id });
      const subscribe = (await fresh.control.requests()).find((r) => r.target === 'subscribe');
      assert.deepEqual(subscribe?.body, {
        isKeepAliveEnabled: true,
        clientType: CLIENT_TYPE,
        allowMultiLogin: false,
        force: false,
      });
    } finally {
      await fresh.close();
    }
  });

  it('when a contact starts after login, then the page shows it and logout is refused before WxCC is asked; when it ends, logout works', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: alice.id });
    let page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550402' });
    assert.doesNotMatch(page.text, /id="busy-note"/);

    await stack.control.supervisor(alice.id, 'interaction', { active: true });
    await waitFor(async () => /id="busy-note"/.test((await browser.get(`${stack.url}/`)).text));
    await stack.control.clearRequests();
    page = await browser.get(`${stack.url}/`);
    const refused = await submit(browser, page, /\/station\/logout/);
    assert.match(refused.text, /You have an active customer interaction/);
    const sent = await stack.control.requests();
    assert.equal(sent.filter((r) => r.target === 'logout').length, 0);

    await stack.control.supervisor(alice.id, 'interaction', { active: false });
    await waitFor(async () => !/id="busy-note"/.test((await browser.get(`${stack.url}/`)).text));
    const out = await submit(browser, await browser.get(`${stack.url}/`), /\/station\/logout/);
    assert.match(out.text, /You are logged out of your station/);
  });

  it('when a contact ended since the page was drawn, then logout is not blocked by the old list', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: alice.id });
    await stack.control.supervisor(alice.id, 'interaction', { active: true });
    let page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550403' });
    // Logged in during a contact: the login event lists it.
    assert.match(page.text, /id="busy-note"/);
    // The contact ends while this page is still on screen.
    await stack.control.supervisor(alice.id, 'interaction', { active: false });
    page = await submit(browser, page, /\/station\/logout/);
    assert.match(page.text, /You are logged out of your station/);
  });
});
