// `npm start` restarted in development: the kept secret and sandbox snapshot keep agents connected.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SESSION_COOKIE } from '../../src/app';
import { createSecureStore } from '../../src/secure-store';
import { createSessionStore } from '../../src/session-store';
import { HttpBrowser, inputValue } from '../helpers/http-browser';
import { connect, startStack, submit } from '../helpers/stack';

describe('restart in development', () => {
  it('when the app and its sandbox restart with the kept state, then the agent is still connected and logged in', async () => {
    const stateFile = path.join(mkdtempSync(path.join(tmpdir(), 'wxcc-restart-')), 'sandbox.json');
    // The session and secure stores outlive the process, as the SQLite file in data/ does.
    const sessions = await createSessionStore({ kind: 'memory' });
    const secure = await createSecureStore({ kind: 'memory' });
    const env = { SESSION_SECRET: 'kept-secret-'.repeat(4) };
    const browser = new HttpBrowser();

    const first = await startStack({ env, sessions, secure, sandbox: { stateFile } });
    const station = await connect(browser, first);
    const page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550171' });
    assert.match(page.text, /Agent Logout/);
    const cookie = browser.cookie(first.url, SESSION_COOKIE)!;
    await first.close();

    const second = await startStack({ env, sessions, secure, sandbox: { stateFile } });
    try {
      browser.setCookie(second.url, SESSION_COOKIE, cookie);
      const again = await browser.get(`${second.url}/`);
      assert.match(again.text, /Agent Logout/, 'still logged in to the station');
      assert.doesNotMatch(again.text, /Connect to WxCC/);
    } finally {
      await second.close();
      await sessions.close();
      await secure.close();
    }
  });

  it('when the app restarts on the same SQLite file, then the agent is still connected with the station prefilled', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wxcc-restart-'));
    const stateFile = path.join(dir, 'sandbox.json');
    // What `npm start` does with data/: every start opens the file itself, nothing is handed over.
    const env = {
      SESSION_SECRET: 'kept-secret-'.repeat(4),
      SESSION_STORE: 'sqlite',
      SESSION_DB_FILE: path.join(dir, 'data', 'sessions.db'),
    };
    const browser = new HttpBrowser();

    const first = await startStack({ env, sandbox: { stateFile } });
    const station = await connect(browser, first);
    await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550172' });
    const loggedOut = await submit(
      browser,
      await browser.get(`${first.url}/`),
      /\/station\/logout/,
    );
    assert.match(loggedOut.text, /You are logged out of your station/);
    const cookie = browser.cookie(first.url, SESSION_COOKIE)!;
    await first.close();

    const second = await startStack({ env, sandbox: { stateFile } });
    try {
      browser.setCookie(second.url, SESSION_COOKIE, cookie);
      const again = await browser.get(`${second.url}/`);
      assert.doesNotMatch(again.text, /Connect to WxCC/, 'still signed in: the tokens were kept');
      assert.equal(
        inputValue(again.text, 'dialNumber'),
        '+14155550172',
        'the last station is remembered',
      );
    } finally {
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
