// The live station: outcomes from WxCC events, supervisor changes pushed to the page, recovery.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpBrowser, type Page } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';
import { openEventStream } from '../helpers/event-stream';
import { waitFor } from '../helpers/wait-for';

describe('live station', () => {
  let stack: Stack;
  let agentIds: string[];
  before(async () => {
    stack = await startStack({ env: { SESSION_SECRET: 'x'.repeat(40) } });
    agentIds = (await stack.control.agents()).map((a) => a.id);
    assert.ok(agentIds.length >= 2, 'the seed has at least two agents');
  });
  after(() => stack.close());

  async function loggedInAgent(
    index: number,
    dial: string,
  ): Promise<{ browser: HttpBrowser; page: Page }> {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: agentIds[index] });
    const page = await submit(browser, station, /\/station\/login/, { dialNumber: dial });
    assert.match(page.text, /You are logged in to your station/);
    return { browser, page };
  }

  it('when a second agent logs in on a number in use, then the dial number field says so', async () => {
    const first = await loggedInAgent(0, '+14155550150');
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId: agentIds[1] });
    const refused = await submit(browser, station, /\/station\/login/, {
      dialNumber: '+14155550150',
    });
    assert.match(refused.text, /already in use by another agent/);
    assert.match(refused.text, /id="dialNumber-error"/);
    assert.match(refused.text, /aria-invalid="true"/);
    await submit(first.browser, first.page, /\/station\/logout/);
  });

  it('when a supervisor sets the agent Available, then the open page stream hears it within a second', async () => {
    const { browser, page } = await loggedInAgent(0, '+14155550151');
    const stream = await openEventStream(browser, `${stack.url}/events`);
    try {
      const started = Date.now();
      await stack.control.supervisor(agentIds[0]!, 'state', { state: 'Available' });
      const event = await stream.next(
        (e) => e.event === 'station' && /"Available"/.test(e.data),
        1000,
      );
      assert.ok(Date.now() - started < 1000);
      assert.match(event.data, /"changedByName":"[^"]+"/);
      const reloaded = await browser.get(`${stack.url}/`);
      assert.match(reloaded.text, /Changed by/);
    } finally {
      stream.close();
    }
    await submit(browser, page, /\/station\/logout/);
  });

  it('when a supervisor logs the agent out, then the next page is the station form with who did it', async () => {
    const { browser } = await loggedInAgent(0, '+14155550152');
    await stack.control.supervisor(agentIds[0]!, 'logout');
    await waitFor(async () =>
      /Log in to your station/.test((await browser.get(`${stack.url}/`)).text),
    );
    const page = await browser.get(`${stack.url}/`);
    assert.match(page.text, /You were logged out by/);
  });

  it('when the agent has an active interaction, then logout is refused with an explanation', async () => {
    const { browser, page } = await loggedInAgent(0, '+14155550153');
    await stack.control.supervisor(agentIds[0]!, 'interaction', { active: true });
    await waitFor(async () =>
      /active customer interaction/.test((await browser.get(`${stack.url}/`)).text),
    );
    const current = await browser.get(`${stack.url}/`);
    assert.match(current.text, /<button[^>]*id="agent-logout"[^>]*disabled/, 'logout is disabled');
    // A page opened before the contact still has a live button: the click is refused, said once.
    const refused = await submit(browser, page, /\/station\/logout/);
    assert.equal(refused.text.match(/Finish it before you log out/g)?.length, 1);
    assert.match(refused.text, /Agent Logout/);
    await stack.control.supervisor(agentIds[0]!, 'interaction', { active: false });
    await waitFor(
      async () => !/active customer interaction/.test((await browser.get(`${stack.url}/`)).text),
    );
    await submit(browser, await browser.get(`${stack.url}/`), /\/station\/logout/);
  });

  it('when the websocket drops, then it reconnects and later changes still arrive', async () => {
    const { browser, page } = await loggedInAgent(0, '+14155550154');
    const subscriptions = async () => {
      const agent = (await stack.control.agents()).find((a) => a.id === agentIds[0]);
      return ((agent?.websockets ?? []) as { subscriptionId: string }[]).map(
        (w) => w.subscriptionId,
      );
    };
    const dropped = new Set(await subscriptions());
    await stack.control.supervisor(agentIds[0]!, 'drop-websocket');
    // Until the sandbox holds a new socket of the desktop (after its reconnect backoff), instead
    // of a fixed wait: only then can a change reach the desktop.
    await waitFor(async () => (await subscriptions()).some((id) => !dropped.has(id)), 8000);
    await stack.control.supervisor(agentIds[0]!, 'state', { state: 'Available' });
    await waitFor(
      async () => /state-available/.test((await browser.get(`${stack.url}/`)).text),
      8000,
    );
    await submit(browser, page, /\/station\/logout/);
  });

  it('when another desktop takes over, then the page says so and offers to take it back', async () => {
    const { browser, page: before } = await loggedInAgent(0, '+14155550155');
    await stack.control.supervisor(agentIds[0]!, 'multi-login');
    await waitFor(async () =>
      /Another desktop has taken over/.test((await browser.get(`${stack.url}/`)).text),
    );
    const taken = await browser.get(`${stack.url}/`);
    // The page offers only the way forward: no state or logout buttons that cannot work.
    assert.doesNotMatch(taken.text, />(Go Idle|Go Available|Agent Logout)</);
    const started = Date.now();
    // A page opened before the take-over still has the buttons: the click is refused at once.
    const refused = await submit(browser, before, /\/station\/state/, {}, 'Go Idle');
    assert.ok(Date.now() - started < 1000, 'refused at once, not after the result timeout');
    assert.equal(
      refused.text.match(/Another desktop ha(s taken over|s your session)/g)?.length,
      1,
      'the explanation appears once',
    );
    const back = await submit(browser, refused, /\/station\/take-back/);
    assert.match(back.text, /This desktop has the session again/);
    assert.doesNotMatch(back.text, /Another desktop has taken over/);
    await submit(browser, back, /\/station\/logout/);
  });
});
