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

  it('when a stream opens with the key its page was drawn from, then an unrelated first push sends no tools panels and a change that matters does', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550433');
    const id = await connectCall(fx.stack, agent, { queueId: SUPPORT_QUEUE });
    const page = await agent.browser.get(`${fx.stack.url}/`);
    const key = /data-fragment="tools" data-tools-key="([A-Za-z0-9_-]+)"/.exec(page.text)?.[1];
    assert.ok(key, 'the agent page carries the key of the tools it drew');
    // The page's stream, as desktop.js opens it; and one opened without the key, as before.
    const keyed = await openEventStream(agent.browser, `${fx.stack.url}/events?tools=${key}`);
    const unkeyed = await openEventStream(agent.browser, `${fx.stack.url}/events`);
    const held = (e: ServerEvent) =>
      e.event === 'live' && /Resume/.test(JSON.parse(e.data).fragments.contacts ?? '');
    try {
      await contactAction(agent, /\/hold$/);
      await keyed.next(held, 10_000);
      await unkeyed.next(held, 10_000);
      assert.deepEqual(
        keyed.events.filter((e) => tools(e) !== ''),
        [],
        'the hold changes nothing the panels show: not redrawn',
      );
      assert.ok(
        unkeyed.events.some((e) => tools(e) !== ''),
        'a stream that does not know what its page drew redraws them on its first push',
      );
      // The call ends: the agent is no longer busy (Redial comes back), so the panels are redrawn.
      await hangUp(fx.stack, id);
      const redrawn = await keyed.next((e) => tools(e) !== '', 10_000);
      assert.match(tools(redrawn), /id="recent-contacts"/);
      await pageUntil(agent, fx.stack, /Wrap-up reason/);
      await contactAction(agent, /\/wrapup$/);
    } finally {
      keyed.close();
      unkeyed.close();
    }
  });

  it('when the agent only changes state, then the statistics alone are pushed, not the recent contacts and callbacks', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550435');
    const page = await agent.browser.get(`${fx.stack.url}/`);
    const key = /data-fragment="tools" data-tools-key="([A-Za-z0-9_-]+)"/.exec(page.text)?.[1];
    assert.ok(key, 'the agent page carries the key of the tools it drew');
    assert.match(page.text, /<div data-fragment="statistics">\s*<section id="agent-statistics"/);
    const stream = await openEventStream(agent.browser, `${fx.stack.url}/events?tools=${key}`);
    const statistics = (e: ServerEvent) =>
      e.event === 'live'
        ? ((JSON.parse(e.data) as { fragments: Record<string, string> }).fragments.statistics ?? '')
        : '';
    try {
      await submit(agent.browser, page, /\/station\/state/, {}, 'Go Idle');
      const pushed = await stream.next((e) => statistics(e) !== '', 10_000);
      assert.match(statistics(pushed), /^\s*<section id="agent-statistics"/);
      assert.doesNotMatch(statistics(pushed), /recent-contacts|my-callbacks/);
      assert.equal(tools(pushed), '', 'the lists did not change: the whole panel is not sent');
      assert.deepEqual(
        stream.events.filter((e) => tools(e) !== ''),
        [],
        'no push redrew the recent contacts and callbacks',
      );
      const idle = await agent.browser.get(`${fx.stack.url}/`);
      await submit(agent.browser, idle, /\/station\/state/, {}, 'Go Available');
      // (Its statistics may read as before, to the second: then they are not pushed at all.)
      await stream.next(
        (e) =>
          e.event === 'live' &&
          /state-available/.test(
            (JSON.parse(e.data) as { fragments: Record<string, string> }).fragments.bar ?? '',
          ),
        10_000,
      );
      assert.deepEqual(
        stream.events.filter((e) => tools(e) !== ''),
        [],
        'Available again: still the statistics alone',
      );
      // A change the lists show (a call, so no redial) still redraws the whole panel, with its
      // statistics inside.
      const id = await connectCall(fx.stack, agent, { queueId: SUPPORT_QUEUE });
      const whole = await stream.next((e) => tools(e) !== '', 10_000);
      assert.match(tools(whole), /data-fragment="statistics"[\s\S]*id="recent-contacts"/);
      await hangUp(fx.stack, id);
      await pageUntil(agent, fx.stack, /Wrap-up reason/);
      await contactAction(agent, /\/wrapup$/);
    } finally {
      stream.close();
    }
  });

  it('when a stream sends a key that is not the page’s, then the panels are drawn on its first push', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550434');
    const id = await connectCall(fx.stack, agent, { queueId: SUPPORT_QUEUE });
    const garbled = await openEventStream(
      agent.browser,
      `${fx.stack.url}/events?tools=${encodeURIComponent('<script>')}`,
    );
    const other = await openEventStream(
      agent.browser,
      `${fx.stack.url}/events?tools=${'A'.repeat(22)}`,
    );
    try {
      await contactAction(agent, /\/hold$/);
      for (const stream of [garbled, other]) {
        const drawn = await stream.next((e) => tools(e) !== '', 10_000);
        assert.match(tools(drawn), /id="agent-statistics"/);
      }
      await contactAction(agent, /\/resume$/);
      await hangUp(fx.stack, id);
      await pageUntil(agent, fx.stack, /Wrap-up reason/);
      await contactAction(agent, /\/wrapup$/);
    } finally {
      garbled.close();
      other.close();
    }
  });
});
