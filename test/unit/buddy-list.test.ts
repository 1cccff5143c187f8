// The buddy list's cache: per agent and media, fresh for page views, a few minutes old for live
// updates (refreshed in the background), one request per agent at a time (the answer names no media).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBuddyList } from '../../src/contacts/buddy-list';
import { emptyContactDirectory } from '../../src/contacts/contact-directory';
import type { ContactDirectoryService } from '../../src/contacts/contact-directory';
import type { StationContext, StationService } from '../../src/station/station-service';
import type { AgentCalls } from '../../src/clients/agent-client';
import type { NotificationEvent } from '../../src/agent-session/snapshot';

const ctx = { agent: { agentId: 'agent-1', orgId: 'org-1' } } as unknown as StationContext;

function fixture() {
  let clock = 1_700_000_000_000;
  const asked: string[] = [];
  let inFlight = 0;
  let overlapped = false;
  let names: Record<string, string> = { telephony: 'Bruno Becker', chat: 'Dmitri Dahl' };
  let failing = false;
  const station = {
    async sendAndWait(
      _ctx: StationContext,
      _isResult: (e: NotificationEvent) => boolean,
      send: (wxcc: AgentCalls) => Promise<unknown>,
    ): Promise<NotificationEvent> {
      let media = '';
      await send({
        requestBuddyList: async (request: { mediaType: string }) => {
          media = request.mediaType;
        },
      } as unknown as AgentCalls);
      asked.push(media);
      inFlight += 1;
      overlapped ||= inFlight > 1;
      await new Promise((r) => setImmediate(r));
      inFlight -= 1;
      if (failing) {
        return { outer: 'BuddyAgents', inner: 'BuddyAgentsRetrieveFailed', data: {} };
      }
      return {
        outer: 'BuddyAgents',
        inner: 'BuddyAgents',
        data: {
          agentList: [{ agentId: `${media}-agent`, agentName: names[media], state: 'Available' }],
        },
      };
    },
  } as unknown as StationService;
  const directory: ContactDirectoryService = {
    forAgent: async () => ({ ...emptyContactDirectory(), agentProfileId: 'profile-1' }),
    forget: () => undefined,
  };
  const list = createBuddyList({ station, directory, now: () => clock });
  return {
    list,
    asked,
    overlapped: () => overlapped,
    advance: (ms: number) => {
      clock += ms;
    },
    rename: (next: Record<string, string>) => {
      names = next;
    },
    fail: (on: boolean) => {
      failing = on;
    },
  };
}

describe('buddy list cache', () => {
  it('when a live update comes with nothing cached, then it waits for the first list; within 20 s the list is reused', async () => {
    const f = fixture();
    const first = await f.list.forAgent(ctx, { wait: false });
    assert.deepEqual(
      first.map((b) => b.name),
      ['Bruno Becker'],
    );
    await f.list.forAgent(ctx, { wait: false });
    f.advance(19_000);
    await f.list.forAgent(ctx);
    assert.deepEqual(f.asked, ['telephony']);
  });

  it('when the list is older than 20 s, then a live update shows it at once and refreshes it once in the background; a page view waits for the fresh one', async () => {
    const f = fixture();
    await f.list.forAgent(ctx);
    f.advance(60_000);
    f.rename({ telephony: 'Bruno B.', chat: 'Dmitri Dahl' });
    const stale = await Promise.all([
      f.list.forAgent(ctx, { wait: false }),
      f.list.forAgent(ctx, { wait: false }),
    ]);
    assert.deepEqual(
      stale.map((l) => l[0]?.name),
      ['Bruno Becker', 'Bruno Becker'],
    );
    const fresh = await f.list.forAgent(ctx);
    assert.equal(fresh[0]?.name, 'Bruno B.');
    assert.deepEqual(f.asked, ['telephony', 'telephony'], 'one refresh for both pushes');
  });

  it('when a call and a chat need lists at once, then each media is asked for separately and never two at a time', async () => {
    const f = fixture();
    const [call, chat] = await Promise.all([
      f.list.forAgent(ctx, { media: 'telephony' }),
      f.list.forAgent(ctx, { media: 'chat' }),
    ]);
    assert.equal(call[0]?.name, 'Bruno Becker');
    assert.equal(chat[0]?.name, 'Dmitri Dahl');
    assert.deepEqual(f.asked.sort(), ['chat', 'telephony']);
    assert.equal(f.overlapped(), false);
  });

  it('when the list is older than 5 minutes, then even a live update waits for a fresh one', async () => {
    const f = fixture();
    await f.list.forAgent(ctx);
    f.advance(6 * 60_000);
    f.rename({ telephony: 'Bruno B.', chat: 'Dmitri Dahl' });
    const live = await f.list.forAgent(ctx, { wait: false });
    assert.equal(live[0]?.name, 'Bruno B.');
  });

  it('when WxCC refuses the list, then live updates do not ask again for 20 s; a page view does', async () => {
    const f = fixture();
    f.fail(true);
    assert.deepEqual(await f.list.forAgent(ctx, { wait: false }), []);
    for (let i = 0; i < 5; i += 1) await f.list.forAgent(ctx, { wait: false });
    assert.equal(f.asked.length, 1, 'one request for six pushes');
    f.fail(false);
    assert.equal((await f.list.forAgent(ctx))[0]?.name, 'Bruno Becker');
    assert.equal(f.asked.length, 2);
  });
});
