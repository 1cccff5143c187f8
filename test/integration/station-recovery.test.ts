// Recovery: the real state after an app restart, outcomes that arrive late, and missing config.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSecureStore } from '../../src/secure-store';
import { createSessionStore } from '../../src/session-store';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

const SECRET = { SESSION_SECRET: 's'.repeat(40) };

describe('station recovery', () => {
  it('when the app restarts, then the page shows the real state, recovered with reload', async () => {
    const sessions = await createSessionStore({ kind: 'memory' });
    const secure = await createSecureStore({ kind: 'memory' });
    const first = await startStack({ env: SECRET, sessions, secure });
    const browser = new HttpBrowser();
    const station = await connect(browser, first);
    await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550160' });
    await first.close({ keepSandbox: true });

    // Same port is not needed: cookies are per origin, so copy the cookie to the new origin.
    const second = await startStack({
      env: SECRET,
      sessions,
      secure,
      sandboxInstance: first.sandbox,
    });
    const cookie = browser.cookie(first.url, 'wxcc_desktop.sid');
    assert.ok(cookie);
    browser.setCookie(second.url, 'wxcc_desktop.sid', cookie);
    await second.control.clearRequests();
    const page = await browser.get(`${second.url}/`);
    assert.match(page.text, /Agent Logout/);
    assert.match(page.text, /\+14155550160/);
    const reloads = (await second.control.requests()).filter((r) => r.target === 'reload');
    assert.equal(reloads.length, 1);
    await submit(browser, page, /\/station\/logout/);
    await second.close();
    await first.sandbox.close();
    await sessions.close();
    await secure.close();
  });

  it('when the result event is late, then the agent is told it is not known yet, and the page catches up', async () => {
    const stack = await startStack({
      sandbox: { eventDelayMs: 800 },
      services: { resultTimeoutMs: 200, reloadWaitMs: 2000 },
    });
    try {
      const browser = new HttpBrowser();
      const station = await connect(browser, stack);
      const pending = await submit(browser, station, /\/station\/login/, {
        dialNumber: '+14155550161',
      });
      assert.match(pending.text, /has not confirmed it yet/);
      // The sandbox's event comes 800 ms after the action: poll until the page has caught up.
      await waitFor(async () => /Agent Logout/.test((await browser.get(`${stack.url}/`)).text));
      const later = await browser.get(`${stack.url}/`);
      assert.match(later.text, /Agent Logout/);
    } finally {
      await stack.close();
    }
  });

  it('when the configuration API refuses (no cjp:config_read), then the form still works from defaults and says why', async () => {
    const stack = await startStack({ env: { WXCC_TEAM_ID: 'team-from-config' } });
    try {
      await stack.control.fault({ target: 'config', kind: 'status', status: 403, count: 100 });
      const browser = new HttpBrowser();
      const station = await connect(browser, stack);
      assert.match(station.text, /lacks the cjp:config_read permission/);
      assert.match(station.text, /<input id="teamId"[^>]*value="team-from-config"/);
    } finally {
      await stack.close();
    }
  });
});
