// What a shift writes to the session store: the sign-in, not every action. An action's message
// rides to the next page in a sealed cookie, so a click is no store write (on Redis, no round trip).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from 'express-session';
import { FLASH_COOKIE } from '../../src/middleware/flash';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';

/** Counts the sessions express-session stores from now on (`set`: a new or changed session). */
function countWrites(store: Store): { writes: number } {
  const counter = { writes: 0 };
  const set = store.set.bind(store);
  store.set = (sid, session, callback) => {
    counter.writes += 1;
    set(sid, session, callback);
  };
  return counter;
}

describe('session writes', () => {
  let stack: Stack;
  let agentIds: string[];
  before(async () => {
    stack = await startStack();
    agentIds = (await stack.control.agents()).map((a) => a.id);
  });
  after(() => stack.close());

  it('when an agent signs in, logs in, goes Available and Idle, then only Connect and the sign-in store the session, and each message shows once', async () => {
    const counter = countWrites(stack.sessions.store);
    const browser = new HttpBrowser();

    const station = await connect(browser, stack, { agentId: agentIds[0] });
    assert.match(station.text, /Connected as /);
    assert.equal(counter.writes, 2, 'Connect (the attempt) and the sign-in (the agent)');

    const loggedIn = await submit(browser, station, /\/station\/login/, {
      dialNumber: '+14155550170',
    });
    assert.match(loggedIn.text, /You are logged in to your station/);
    const available = await submit(browser, loggedIn, /\/station\/state/, {}, 'Go Available');
    assert.match(available.text, /state-available/);
    const idle = await submit(browser, available, /\/station\/state/, {}, 'Go Idle');
    assert.match(idle.text, /state-idle/);
    assert.equal(counter.writes, 2, 'no action wrote the session');

    // Shown once: the page after it has no message, and the cookie is gone.
    const again = await browser.get(`${stack.url}/`);
    assert.doesNotMatch(again.text, /You are logged in to your station|Connected as /);
    assert.equal(browser.cookie(stack.url, FLASH_COOKIE), undefined);
    await submit(browser, again, /\/station\/logout/);
  });

  it('when a refused form is refilled on the next page, then the cookie that carried it does not show what was typed', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: agentIds[1] });
    const typed = '+1 415 555 01xx';
    const { text: page } = await submit(browser, station, /\/station\/login/, {
      dialNumber: typed,
    });
    // The page refills the field from the message's values (the cookie was read, then cleared).
    assert.match(page, /id="dialNumber"[^>]*aria-invalid="true"/);
    assert.ok(page.includes('value="+1 415 555 01xx"'), 'the field is refilled');

    // The cookie as the browser held it between the refusal and the page.
    const refusal = await browser.post(new URL('/station/login', stack.url).toString(), {
      ...formOf(page),
      dialNumber: typed,
    });
    const carried = browser.cookie(stack.url, FLASH_COOKIE);
    assert.equal(refusal.status, 303);
    assert.ok(carried, 'the message rides in the flash cookie');
    const decoded = Buffer.from(decodeURIComponent(carried).replace(/\./g, ''), 'base64url');
    for (const readable of [decodeURIComponent(carried), decoded.toString('latin1')]) {
      assert.ok(!readable.includes('555'), 'the dial number is not readable in the cookie');
      assert.ok(!readable.includes('dialNumber'), 'nor the field it was typed in');
    }
  });
});

/** The station form's hidden fields (the form token) from a page. */
function formOf(html: string): Record<string, string> {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return { _csrf: token };
}
