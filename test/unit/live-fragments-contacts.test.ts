// The contacts region with no contact and no note is drawn once per stream and again only when
// what it is drawn from changes (its Dial form, its problem line): live-fragments.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Request } from 'express';
import { emptySnapshot, type StationSnapshot } from '../../src/agent-session/snapshot';
import { liveFragments, liveStreamOf } from '../../src/routes/live-fragments';
import type { ContactsModel } from '../../src/routes/contact-view-models';
import type { Views } from '../../src/rendering/views';
import type { StationContext } from '../../src/station/station-service';
import { unavailableDirectory, type DirectoryService } from '../../src/station/station-directory';

function setUp() {
  const drawn: ContactsModel[] = [];
  const views = {
    render: (name: string, locals: Record<string, unknown>) => {
      if (name !== 'partials/contacts') return name;
      const contacts = locals.contacts as ContactsModel;
      drawn.push(contacts);
      return JSON.stringify(contacts);
    },
  } as unknown as Views;
  const directory = { forAgent: async () => unavailableDirectory() } as unknown as DirectoryService;
  let model: ContactsModel;
  let toolsFail = false;
  const tools = async () => {
    if (toolsFail) throw new Error('the tools panels could not be drawn');
    return { complete: true };
  };
  const render = liveFragments(views, directory, async () => model, tools);
  const agent = { agentId: 'agent-1', orgId: 'org-1', name: 'Alice' };
  const live = liveStreamOf(
    {
      session: { agent, csrfToken: 'token' },
      app: { locals: {} },
      query: {},
      get: () => undefined,
      log: { warn: () => undefined },
    } as unknown as Request,
    { agent } as unknown as StationContext,
  );
  const snapshot = { ...emptySnapshot(), known: true, loggedIn: true } as StationSnapshot;
  return {
    drawn,
    /** One live update with this contacts model: the regions it pushes. */
    push: async (next: ContactsModel, stateSince?: number) => {
      model = next;
      return (await render(live, { ...snapshot, stateSince })).fragments;
    },
    failTools: (fail: boolean) => (toolsFail = fail),
  };
}

const outdial = (callerId: string) => ({
  callerId,
  callerIds: [{ value: callerId, label: callerId, selected: true }],
});
const empty = (callerId = '+14085550100'): ContactsModel =>
  ({ items: [], notes: [], announce: [], outdial: outdial(callerId) }) as unknown as ContactsModel;
const withCall = (): ContactsModel =>
  ({ ...empty(), items: [{ id: 'call-1' }], outdial: undefined }) as unknown as ContactsModel;
const withNote = (): ContactsModel =>
  ({
    ...empty(),
    notes: [{ kind: 'info', text: 'The caller hung up' }],
  }) as unknown as ContactsModel;

describe('the contacts region between contacts', () => {
  it('when nothing it is drawn from changed, then it is not drawn again, nor pushed', async () => {
    const t = setUp();
    assert.ok((await t.push(empty())).contacts, 'drawn the first time');
    assert.equal((await t.push(empty())).contacts, undefined);
    assert.equal((await t.push(empty())).contacts, undefined);
    assert.equal(t.drawn.length, 1);
  });

  it('when a contact comes and goes, then the region is drawn for each change, and the empty one again after it', async () => {
    const t = setUp();
    await t.push(empty());
    assert.ok((await t.push(withCall())).contacts);
    assert.ok((await t.push(empty())).contacts, 'the empty region again once the call left');
    assert.equal((await t.push(empty())).contacts, undefined);
    assert.equal(t.drawn.length, 3);
  });

  it('when the Dial form changes with no contact, then the region is drawn again', async () => {
    const t = setUp();
    await t.push(empty('+14085550100'));
    assert.match((await t.push(empty('+14085550199'))).contacts ?? '', /\+14085550199/);
    assert.equal(t.drawn.length, 2);
  });

  it('when a note shows, then the region is drawn at every update (notes fade with time)', async () => {
    const t = setUp();
    await t.push(empty());
    await t.push(withNote());
    await t.push(withNote());
    assert.equal(t.drawn.length, 3);
  });

  it('when a push fails after drawing the region, then the next one draws it again', async () => {
    const t = setUp();
    await t.push(withCall(), 1);
    t.failTools(true);
    // A state change: the statistics are drawn too, and fail.
    await assert.rejects(t.push(empty(), 2));
    t.failTools(false);
    assert.ok((await t.push(empty(), 2)).contacts, 'the page never received the empty region');
  });
});
