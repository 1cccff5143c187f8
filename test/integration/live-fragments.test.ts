// The live stream pushes the page's regions rendered by the server, not just a hint to re-fetch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEventStream } from '../helpers/event-stream';
import { HttpBrowser, inputValue } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';

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
      const html = push.fragments.station ?? '';
      assert.match(html, /id="state-label">Available</);
      assert.match(html, /id="go-available"[^>]*disabled/);
      assert.match(html, /Changed by/);
      assert.ok(csrf && html.includes(`value="${csrf}"`), 'its forms carry the CSRF token');
      assert.doesNotMatch(html, /<html|<body/, 'a fragment, not a page');

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
});
