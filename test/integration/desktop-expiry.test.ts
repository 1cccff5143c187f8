// A desktop that outlives its idle limit with no browser left: the station is logged out (as
// Cisco's desktop does on inactivity), the socket closed and the tokens forgotten.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

const MINUTE = 60_000;

describe('desktop expiry without a browser', () => {
  it('when the agent closed the browser and the idle limit passes, then the station is logged out and the socket closed', async () => {
    const clock = { now: Date.now() };
    const stack = await startStack({
      now: () => clock.now,
      env: { SESSION_IDLE_TIMEOUT_MIN: '5', SESSION_ABSOLUTE_TIMEOUT_MIN: '60' },
      services: { sweepEveryMs: 50 },
    });
    try {
      const agentId = (await stack.control.agents())[0]!.id;
      const browser = new HttpBrowser();
      const station = await connect(browser, stack, { agentId });
      const page = await submit(browser, station, /\/station\/login/, {
        dialNumber: '+14155550720',
      });
      assert.match(page.text, /You are logged in to your station/);
      // The browser is gone: no request will ever come to notice the timeout.
      clock.now += 4 * MINUTE;
      // One sweep by hand instead of sleeping through a few of the timer's: it is known to have
      // run, with the clock moved, before the assertion.
      await stack.services.station.sessions.ownership.sweep();
      let agent = (await stack.control.agents()).find((a) => a.id === agentId);
      assert.ok(agent?.session, 'still logged in within the idle limit');

      clock.now += 2 * MINUTE;
      await waitFor(async () => {
        agent = (await stack.control.agents()).find((a) => a.id === agentId);
        return agent?.session === null && (agent.websockets as unknown[]).length === 0;
      });
      const logouts = (await stack.control.requests()).filter((r) => r.target === 'logout');
      assert.equal(logouts.length, 1);
      assert.match(JSON.stringify(logouts[0]?.body), /Desktop session expired/);
      assert.equal(await stack.services.oauth.isSignedIn(agentId), false, 'tokens forgotten');
      assert.deepEqual(stack.services.station.stats(), { channels: 0, open: 0 });
      const next = await browser.get(`${stack.url}/`);
      assert.match(next.text, /Connect to WxCC/);
    } finally {
      await stack.close();
    }
  });

  it('when the agent has a customer interaction open, then expiry waits for it to end', async () => {
    const clock = { now: Date.now() };
    const stack = await startStack({
      now: () => clock.now,
      env: { SESSION_IDLE_TIMEOUT_MIN: '5', SESSION_ABSOLUTE_TIMEOUT_MIN: '60' },
      services: { sweepEveryMs: 50 },
    });
    try {
      const agentId = (await stack.control.agents())[1]!.id;
      const browser = new HttpBrowser();
      const station = await connect(browser, stack, { agentId });
      await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550721' });
      await stack.control.supervisor(agentId, 'interaction', { active: true });
      await waitFor(
        async () =>
          (await stack.services.station.sessions.current(agentId)).interactionIds.length > 0,
      );
      clock.now += 6 * MINUTE;
      await stack.services.station.sessions.ownership.sweep();
      let agent = (await stack.control.agents()).find((a) => a.id === agentId);
      assert.ok(agent?.session, 'a customer is not dropped by a timeout');

      await stack.control.supervisor(agentId, 'interaction', { active: false });
      await waitFor(async () => {
        agent = (await stack.control.agents()).find((a) => a.id === agentId);
        return agent?.session === null;
      });
    } finally {
      await stack.close();
    }
  });
});
