// What a newcomer reads: the sandbox's control API documents itself; the agent page explains itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';

describe('newcomer', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('when the control API is listed, then it names the fault targets and kinds and what revoke does', async () => {
    const index = (await stack.control.call('GET', '')) as {
      endpoints: string[];
      faults: { targets: string[]; kinds: string[] };
    };
    assert.ok(index.faults.targets.includes('login'));
    assert.ok(index.faults.kinds.includes('timeout'));
    const revoke = index.endpoints.find((e) => e.startsWith('POST /_sandbox/tokens/revoke '));
    assert.match(revoke ?? '', /access tokens keep working until they expire/);
    assert.ok(index.endpoints.some((e) => e.startsWith('POST /_sandbox/tokens/revoke-and-expire')));
  });

  it('when refresh tokens are revoked and access tokens expired at once, then both counts are reported', async () => {
    const agentId = (await stack.control.agents())[3]!.id;
    await connect(new HttpBrowser(), stack, { agentId });
    const ended = (await stack.control.call('POST', '/tokens/revoke-and-expire', {
      agentId,
    })) as { revoked: number; expired: number };
    assert.deepEqual(ended, { revoked: 1, expired: 1 });
  });

  it('when an agent has just logged in, then the page says the idle reason is WxCC default and keeps Agent Logout apart', async () => {
    const browser = new HttpBrowser();
    const station = await connect(browser, stack);
    const page = await submit(browser, station, /\/station\/login/, { dialNumber: '+14155550185' });
    assert.match(page.text, /puts every agent in its default idle reason, Break, at login/);
    // The everyday state menu is in the bar at the top; Agent Logout sits apart, with the station.
    const actions = page.text.match(/<div class="bar-menu"[\s\S]*?<\/div>/)?.[0] ?? '';
    assert.match(actions, /Go Available/);
    assert.doesNotMatch(actions, /Agent Logout/, 'logout is not among the everyday actions');
    assert.match(page.text, /<div class="station-end">[\s\S]*?Agent Logout/);

    const available = await submit(browser, page, /\/station\/state/, {}, 'Go Available');
    const idle = await submit(browser, available, /\/station\/state/, {}, 'Go Idle');
    assert.match(idle.text, /You are Idle/);
    await submit(browser, idle, /\/station\/logout/);
  });
});
