// The agent page's tools follow live: the statistics, recent contacts and callbacks panels come down
// the page's live stream when what they show changes, drawn from the shared stores (no WxCC call
// per event); the directory and the callbacks are panels of the agent page too.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALICE,
  SUPPORT_QUEUE,
  availableAgent,
  connectCall,
  contactAction,
  hangUp,
  pageUntil,
  statusText,
} from '../helpers/contacts';
import { contactStack } from '../helpers/contacts';
import { openEventStream, type ServerEvent } from '../helpers/event-stream';
import { submit } from '../helpers/stack';

/** The tools region of a `live` push, when it has one. */
function tools(e: ServerEvent): string {
  if (e.event !== 'live') return '';
  const push = JSON.parse(e.data) as { fragments: Record<string, string> };
  return push.fragments.tools ?? '';
}

describe('agent tools on the agent page, live', () => {
  const fx = contactStack();

  it('when a callback is booked and a call is wrapped up, then an open page is pushed the new panels, read without asking WxCC', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550431');
    // The directory and the callbacks are panels of the agent page, with plain forms and links.
    assert.match(agent.page.text, /<form method="get" action="\/directory"[^>]*role="search"/);
    assert.match(agent.page.text, /id="my-callbacks"/);
    assert.match(agent.page.text, /You have no upcoming callbacks/);
    const found = await agent.browser.get(`${fx.stack.url}/directory?q=claims`);
    assert.match(found.text, /Claims Team/, 'the panel searches on the directory page');

    // Another tab of the same agent, open on the live stream.
    const stream = await openEventStream(agent.browser, `${fx.stack.url}/events`);
    try {
      const id = await connectCall(fx.stack, agent, {
        queueId: SUPPORT_QUEUE,
        customerName: 'Live Lara',
      });
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      let page = await contactAction(agent, /\/callbacks$/, {
        date: tomorrow,
        start: '10:00',
        end: '11:00',
        timezone: 'Europe/Paris',
        reason: 'Live check',
      });
      assert.match(statusText(page), /Callback booked/, statusText(page));
      const booked = await stream.next((e) => /Live check/.test(tools(e)), 10_000);
      assert.match(tools(booked), /Live Lara.*10:00–11:00 \(Europe\/Paris\)/s);
      assert.match(page.text, /id="my-callbacks"[\s\S]*Live check/, 'this page shows it too');

      // The call ends and is wrapped up: the recent contacts and the figures follow, and neither
      // the push nor the page after the post asks WxCC for the callbacks again.
      await hangUp(fx.stack, id);
      await pageUntil(agent, fx.stack, /Wrap-up reason/);
      await fx.stack.control.clearRequests();
      const before = stream.events.length;
      page = await contactAction(agent, /\/wrapup$/);
      const wrapped = await stream.next(
        (e) =>
          stream.events.indexOf(e) >= before && /recent-contacts[\s\S]*Live Lara/.test(tools(e)),
        10_000,
      );
      assert.match(tools(wrapped), /id="agent-statistics"/);
      assert.match(tools(wrapped), /Live check/, 'the kept callbacks list');
      const asked = (await fx.stack.control.requests()).filter(
        (r) => r.method === 'GET' && r.path.includes('scheduled-callback'),
      );
      assert.deepEqual(asked, [], 'no WxCC read of the callbacks for a push or a fresh page');

      // Cancelled from the agent page's panel: back on the agent page, and the stream follows.
      page = await submit(agent.browser, page, /\/callbacks\/[^/]+\/cancel$/);
      assert.equal(new URL(page.url).pathname, '/');
      assert.match(statusText(page), /Callback cancelled/);
      await stream.next(
        (e) => /my-callbacks/.test(tools(e)) && /You have no upcoming callbacks/.test(tools(e)),
        10_000,
      );
    } finally {
      stream.close();
    }
  });

  it('when only the call changes (hold, resume), then the tools panels are not drawn again', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550432');
    const stream = await openEventStream(agent.browser, `${fx.stack.url}/events`);
    try {
      const id = await connectCall(fx.stack, agent, { queueId: SUPPORT_QUEUE });
      // Answered: the agent is busy, so the panels were drawn once for it (no redial now).
      await stream.next((e) => tools(e) !== '', 10_000);
      const drawn = stream.events.filter((e) => tools(e) !== '').length;
      await contactAction(agent, /\/hold$/);
      await pageUntil(agent, fx.stack, /On hold/);
      await contactAction(agent, /\/resume$/);
      await stream.next(
        (e) => e.event === 'live' && /Resumed/.test(JSON.parse(e.data).fragments.contacts ?? ''),
        10_000,
      );
      assert.equal(stream.events.filter((e) => tools(e) !== '').length, drawn);
      await hangUp(fx.stack, id);
      await pageUntil(agent, fx.stack, /Wrap-up reason/);
      await contactAction(agent, /\/wrapup$/);
    } finally {
      stream.close();
    }
  });
});
