// The buddy list's cache: one list per profile and media shared by its agents, fresh for page
// views, a few minutes old for live updates (refreshed in the background), one request per agent at
// a time (the answer names no media).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBuddyList } from '../../src/contacts/buddy-list';
import { emptyContactDirectory } from '../../src/contacts/contact-directory';
import type { ContactDirectoryService } from '../../src/contacts/contact-directory';
import type { StationContext, StationService } from '../../src/station/station-service';
import type { AgentCalls } from '../../src/clients/agent-client';
import type { NotificationEvent } from '../../src/agent-session/snapshot';

const ctx = {
  agent: { agentId: 'agent-1', orgId: 'org-1', displayName: 'Ada Lovelace' },
} as unknown as StationContext;
const other = {
  agent: { agentId: 'agent-9', orgId: 'org-1', displayName: 'Grace Hopper' },
} as unknown as StationContext;

function fixture(profileOf: (agentId: string) => string = () => 'profile-1') {
  let clock = 1_700_000_000_000;
  const asked: string[] = [];
  const askers: string[] = [];
  let inFlight = 0;
  let overlapped = false;
  let names: Record<string, string> = { telephony: 'Bruno Becker', chat: 'Dmitri Dahl' };
  let failing = false;
  const station = {
    snapshot: async () => ({ loggedIn: true, takenOver: false, subStatus: 'Idle' }),
    async sendAndWait(
      asker: StationContext,
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
      askers.push(asker.agent.agentId);
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
    forAgent: async (c) => ({
      ...emptyContactDirectory(),
      agentProfileId: profileOf(c.agent.agentId),
    }),
    forget: () => undefined,
  };
  const list = createBuddyList({ station, directory, now: () => clock });
  return {
    list,
    asked,
    askers,
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

  it('when two agents of one profile need the list, then WxCC is asked once and each sees the other but not themselves', async () => {
    const f = fixture();
    const mine = await f.list.forAgent(ctx);
    const theirs = await f.list.forAgent(other);
    assert.deepEqual(f.askers, ['agent-1'], 'one request for the profile');
    assert.deepEqual(
      mine.map((b) => b.agentId),
      ['telephony-agent'],
    );
    // WxCC leaves the asker out of its answer; the asker's colleagues still reach them, in the
    // state their own session knows.
    assert.deepEqual(
      theirs.map((b) => [b.agentId, b.name, b.state]),
      [
        ['telephony-agent', 'Bruno Becker', 'Available'],
        ['agent-1', 'Ada Lovelace', 'Idle'],
      ],
    );
    assert.equal(mine[0], theirs[0], 'the same agent object, not a copy per viewer');
    assert.ok(Object.isFrozen(theirs[0]), 'a shared list is never edited by a reader');
  });

  it('when two agents have different profiles, then each profile has its own list', async () => {
    const f = fixture((agentId) => (agentId === 'agent-1' ? 'profile-1' : 'profile-2'));
    await f.list.forAgent(ctx);
    await f.list.forAgent(other);
    assert.deepEqual(f.askers, ['agent-1', 'agent-9']);
  });
});
