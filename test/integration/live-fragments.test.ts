// The live stream pushes the page's regions rendered by the server, not just a hint to re-fetch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEventStream } from '../helpers/event-stream';
import { HttpBrowser, inputValue } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';
import { availableAgent, placeCall, SUPPORT_QUEUE } from '../helpers/contacts';

describe('live fragments', () => {
  let stack: Stack;
  let agentId: string;
  before(async () => {
    stack = await startStack();
    agentId = (await stack.control.agents())[0]!.id;
  });
  after(() => stack.close());

  it('when a supervisor changes the state, then the stream carries the station region with its forms', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId });
    const page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550181' });
    assert.match(page.text, /data-fragment="station"/);
    assert.match(page.text, /data-page="agent"/);
    const csrf = inputValue(page.text, '_csrf');
    const stream = await openEventStream(browser, `${stack.url}/events`);
    try {
      await stack.control.supervisor(agentId, 'state', { state: 'Available' });
      const live = await stream.next((e) => e.event === 'live' && /Available/.test(e.data), 2000);
      const push = JSON.parse(live.data) as { page: string; fragments: Record<string, string> };
      assert.equal(push.page, 'agent');
      // The bar at the top carries the state and its menu; the station region who changed it.
      const bar = push.fragments.bar ?? '';
      const html = push.fragments.station ?? '';
      assert.match(bar, /id="state-label">Available</);
      assert.match(bar, /id="go-available"[^>]*disabled/);
      assert.match(html, /Changed by/);
      assert.ok(csrf && bar.includes(`value="${csrf}"`), 'its forms carry the CSRF token');
      assert.ok(html.includes(`value="${csrf}"`), 'Agent Logout carries it too');
      assert.doesNotMatch(bar + html, /<html|<body/, 'fragments, not a page');

      // The same supervisor changes it again: the bar changed, the station region did not, so
      // only the bar travels.
      await stack.control.supervisor(agentId, 'state', { state: 'Idle' });
      const again = await stream.next(
        (e) => e.event === 'live' && /id=\\"state-label\\">Idle/.test(e.data),
        2000,
      );
      const next = JSON.parse(again.data) as { fragments: Record<string, string> };
      assert.match(next.fragments.bar ?? '', /id="state-label">Idle/);
      assert.equal(next.fragments.station, undefined, 'an unchanged region is not sent again');

      await stack.control.supervisor(agentId, 'logout');
      const gone = await stream.next(
        (e) => e.event === 'live' && /"page":"station"/.test(e.data),
        2000,
      );
      assert.deepEqual(JSON.parse(gone.data), { page: 'station', fragments: {} });
    } finally {
      stream.close();
    }
  });

  it('when an offer arrives between the page and its stream, then the stream sends it at once, and a page drawn after it gets nothing twice', async () => {
    const agent = await availableAgent(
      stack,
      (await stack.control.agents())[1]!.id,
      '+14155550182',
    );
    const drawn = agent.page.text;
    assert.doesNotMatch(drawn, /contact-state">Ringing/);
    // The page the agent has is drawn; the offer comes before its stream is open. Another stream
    // (another tab) shows when the desktop has heard it.
    const watcher = await openEventStream(agent.browser, `${stack.url}/events`);
    await placeCall(stack, agent.agentId, { queueId: SUPPORT_QUEUE });
    await watcher.next((e) => e.event === 'live' && /Ringing/.test(e.data), 3000);
    watcher.close();

    // The page opens its stream as desktop.js does, with what it was drawn from.
    const stream = await openEventStream(agent.browser, `${stack.url}${liveStreamPath(drawn)}`);
    try {
      const live = await stream.next((e) => e.event === 'live' && /Ringing/.test(e.data), 2000);
      const push = JSON.parse(live.data) as { fragments: Record<string, string> };
      assert.match(push.fragments.contacts ?? '', /Grace Hopper/);
    } finally {
      stream.close();
    }

    // A page drawn with the offer already in it: its stream has nothing to send until a change.
    const now = await agent.browser.get(`${stack.url}/`);
    assert.match(now.text, /Ringing/);
    const quiet = await openEventStream(agent.browser, `${stack.url}${liveStreamPath(now.text)}`);
    try {
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(
        quiet.events.filter((e) => e.event === 'live' || e.event === 'station'),
        [],
        'nothing the page already shows',
      );
    } finally {
      quiet.close();
    }
  });

  it('when an offer arrives while the agent is on the directory or callbacks page, then its stream names the offer, even one that came before the stream', async () => {
    const agent = await availableAgent(
      stack,
      (await stack.control.agents())[0]!.id,
      '+14155550183',
    );
    const directory = await agent.browser.get(`${stack.url}/directory`);
    const callbacks = await agent.browser.get(`${stack.url}/callbacks`);
    for (const page of [directory, callbacks]) {
      assert.match(
        page.text,
        /data-drawn-from="[A-Za-z0-9+/=]{44}"/,
        'the page names its snapshot',
      );
    }
    const id = await placeCall(stack, agent.agentId, { queueId: SUPPORT_QUEUE });
    for (const page of [directory, callbacks]) {
      // Opened after the offer, from a page drawn before it: sent at once, naming the offer.
      const stream = await openEventStream(
        agent.browser,
        `${stack.url}${liveStreamPath(page.text)}`,
      );
      try {
        const live = await stream.next((e) => e.event === 'live', 3000);
        const push = JSON.parse(live.data) as { page: string; offers?: string[] };
        assert.equal(push.page, 'agent');
        assert.deepEqual(push.offers, [id]);
      } finally {
        stream.close();
      }
    }
  });
});

/** The stream's address as the page's script builds it (public/desktop.js). */
function liveStreamPath(html: string): string {
  const tools = /data-tools-key="([^"]*)"/.exec(html)?.[1] ?? '';
  const drawn = /data-drawn-from="([^"]*)"/.exec(html)?.[1] ?? '';
  const query = new URLSearchParams();
  if (tools) query.set('tools', tools);
  if (drawn) query.set('drawn', drawn);
  return `/events${query.size > 0 ? `?${query.toString()}` : ''}`;
}
