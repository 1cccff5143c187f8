// The session's life: idle and absolute timeouts on the app's clock, activity that keeps it, sign-out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SESSION_COOKIE } from '../../src/app';
import { openEventStream } from '../helpers/event-stream';
import { HttpBrowser, formFields, type Page } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

const MINUTE = 60_000;

/** A stack whose session timeouts run on a clock the test moves by hand. */
async function startClockedStack(idleMin: number, absoluteMin: number, start = Date.now()) {
  const clock = { now: start };
  const stack = await startStack({
    now: () => clock.now,
    env: {
      SESSION_IDLE_TIMEOUT_MIN: String(idleMin),
      SESSION_ABSOLUTE_TIMEOUT_MIN: String(absoluteMin),
    },
  });
  return { stack, clock };
}

async function loggedInAgent(stack: Stack, dialNumber: string) {
  const browser = new HttpBrowser();
  const agentId = (await stack.control.agents())[0]!.id;
  const station = await connect(browser, stack, { agentId });
  const page = await submit(browser, station, /\/station\/login/, { dialNumber });
  assert.match(page.text, /You are logged in to your station/);
  return { browser, agentId, page };
}

function isSignedIn(page: Page): boolean {
  return page.status === 200 && /id="agent-title"/.test(page.text);
}

async function websocketsOf(stack: Stack, agentId: string): Promise<number> {
  const agent = (await stack.control.agents()).find((a) => a.id === agentId);
  return (agent?.websockets as unknown[] | undefined)?.length ?? 0;
}

describe('session lifecycle', () => {
  it('when the agent is idle longer than SESSION_IDLE_TIMEOUT_MIN, then the next page is Connect with the reason and the socket is released', async () => {
    const { stack, clock } = await startClockedStack(5, 60);
    try {
      // arrange
      const { browser, agentId } = await loggedInAgent(stack, '+14155550401');
      assert.deepEqual(stack.services.station.stats(), { channels: 1, open: 1 });
      assert.equal(await websocketsOf(stack, agentId), 1);

      // act
      clock.now += 6 * MINUTE;
      const page = await browser.get(`${stack.url}/`);

      // assert
      assert.equal(page.status, 200);
      assert.match(page.text, /Connect to WxCC/);
      assert.match(page.text, /You were signed out after a period of inactivity/);
      assert.deepEqual(stack.services.station.stats(), { channels: 0, open: 0 });
      await waitFor(async () => (await websocketsOf(stack, agentId)) === 0);
      const next = await browser.get(`${stack.url}/`);
      assert.match(next.text, /Connect to WxCC/, 'the expired sign-in does not come back');
      // Every tab of that browser says why, until the agent connects again.
      assert.match(next.text, /period of inactivity/, 'the reason stays until the next Connect');
    } finally {
      await stack.close();
    }
  });

  it('when the agent keeps using the desktop within the idle window, then the session stays alive', async () => {
    const { stack, clock } = await startClockedStack(5, 60);
    try {
      const { browser } = await loggedInAgent(stack, '+14155550402');
      for (let step = 1; step <= 4; step += 1) {
        clock.now += 4 * MINUTE;
        const page = await browser.get(`${stack.url}/`);
        assert.ok(isSignedIn(page), `still signed in after ${step * 4} minutes`);
      }
      assert.deepEqual(stack.services.station.stats(), { channels: 1, open: 1 });
      await submit(browser, await browser.get(`${stack.url}/`), /\/station\/logout/);
    } finally {
      await stack.close();
    }
  });

  it('when only the live event stream is open, then it does not count as activity', async () => {
    const { stack, clock } = await startClockedStack(5, 60);
    try {
      // arrange
      const { browser } = await loggedInAgent(stack, '+14155550403');

      // act: 4 minutes in, the page's event stream reconnects on its own; 2 minutes later, a click
      clock.now += 4 * MINUTE;
      const stream = await openEventStream(browser, `${stack.url}/events`);
      stream.close();
      clock.now += 2 * MINUTE;
      const page = await browser.get(`${stack.url}/`);

      // assert
      assert.match(page.text, /You were signed out after a period of inactivity/);
    } finally {
      await stack.close();
    }
  });

  it('when the session outlives SESSION_ABSOLUTE_TIMEOUT_MIN, then it ends even though the agent is active', async () => {
    const { stack, clock } = await startClockedStack(4, 10);
    try {
      // arrange
      const { browser, agentId } = await loggedInAgent(stack, '+14155550404');
      for (let step = 1; step <= 3; step += 1) {
        clock.now += 3 * MINUTE;
        assert.ok(isSignedIn(await browser.get(`${stack.url}/`)), `active at ${step * 3} min`);
      }

      // act
      clock.now += 3 * MINUTE;
      const page = await browser.get(`${stack.url}/`);

      // assert
      assert.match(page.text, /Connect to WxCC/);
      assert.match(page.text, /Your session reached its maximum length/);
      assert.deepEqual(stack.services.station.stats(), { channels: 0, open: 0 });
      await waitFor(async () => (await websocketsOf(stack, agentId)) === 0);
    } finally {
      await stack.close();
    }
  });

  it('when the app is given a clock ahead of the wall clock, then a fresh sign-in is not expired at once', async () => {
    // The timeouts read the app's clock; the sign-in must be stamped on that same clock.
    const { stack } = await startClockedStack(5, 60, Date.now() + 24 * 60 * MINUTE);
    try {
      const browser = new HttpBrowser();
      const page = await connect(browser, stack);
      const reason = page.text.match(/signed out after a period of inactivity|maximum length/)?.[0];
      assert.equal(
        reason,
        undefined,
        'the sign-in was stamped with the wall clock, not the app clock',
      );
      assert.match(page.text, /Log in to your station/);
    } finally {
      await stack.close();
    }
  });

  it('when the agent signs out while logged in to a station, then the station is logged out first and the cookie is cleared', async () => {
    const stack = await startStack();
    try {
      // arrange
      const { browser, agentId, page } = await loggedInAgent(stack, '+14155550405');
      const oldCookie = browser.cookie(stack.url, SESSION_COOKIE);
      await stack.control.clearRequests();

      // act
      const { action, fields } = formFields(page.text, /\/signout/);
      const redirect = await browser.post(new URL(action, page.url).toString(), fields);
      const landed = await browser.follow(redirect);

      // assert: WxCC was told first, with the one logout method the app uses
      const logouts = (await stack.control.requests()).filter((r) => r.target === 'logout');
      assert.equal(logouts.length, 1);
      assert.equal(logouts[0]!.method, 'POST');
      assert.equal(logouts[0]!.status, 202);
      const agent = (await stack.control.agents()).find((a) => a.id === agentId);
      assert.equal(agent?.session, null, 'the station is logged out at WxCC');

      // assert: the cookie is cleared, the socket released, and Connect is offered
      assert.equal(redirect.status, 303);
      const cleared = redirect.headers
        .getSetCookie()
        .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      assert.match(cleared ?? '', /^wxcc_desktop\.sid=;.*Expires=Thu, 01 Jan 1970/i);
      assert.match(landed.text, /Connect to WxCC/);
      assert.deepEqual(stack.services.station.stats(), { channels: 0, open: 0 });
      const replay = new HttpBrowser();
      replay.setCookie(stack.url, SESSION_COOKIE, oldCookie!);
      assert.match((await replay.get(`${stack.url}/`)).text, /Connect to WxCC/);
    } finally {
      await stack.close();
    }
  });

  it('when the station logout fails during sign-out, then the agent is still signed out of the desktop', async () => {
    const stack = await startStack();
    try {
      const { browser, page } = await loggedInAgent(stack, '+14155550406');
      await stack.control.fault({ target: 'logout', kind: 'status', status: 500 });
      const landed = await submit(browser, page, /\/signout/);
      assert.equal(landed.status, 200);
      assert.match(landed.text, /Connect to WxCC/);
      assert.deepEqual(stack.services.station.stats(), { channels: 0, open: 0 });
    } finally {
      await stack.close();
    }
  });
});
