// The sandbox's APIs behind the agent's tools: address book, CAD variables, the task PATCH, scheduled callbacks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from '../src/contacts/contact-seed';
import { defaultSeed } from '../src/seed';
import { ContactFixture, alice, bruno, interactionOf, taskEvent } from './support/contact-fixture';
import { call, wxcc } from './support/sandbox-client';
import { obtainTokens } from './support/sandbox-oauth';

const ORG = defaultSeed.organization.id;
const BOOK = defaultContactSeed.addressBook.id;
const QUEUE = defaultContactSeed.queues[0]!.id;

describe('sandbox tools: address book and CAD variable definitions', () => {
  const fx = ContactFixture.forSuite();
  const config = (path: string) =>
    call(wxcc(fx.sandbox, `/organization/${ORG}${path}`), { token: fx.token(alice.id) });

  it('when the profile is read, then it names the address book; its entries search by name or number, paged', async () => {
    const user = (await config(`/v2/user/by-ci-user-id/${alice.id}`)).body as {
      agentProfileId: string;
    };
    const profile = (await config(`/agent-profile/${user.agentProfileId}`)).body as {
      addressBookId: string;
    };
    assert.equal(profile.addressBookId, BOOK);
    const all = (await config(`/v2/address-book/${BOOK}/entry?page=0&pageSize=5`)).body as {
      meta: { totalRecords: number; totalPages: number; links: { next?: string } };
      data: { name: string; number: string }[];
    };
    assert.equal(all.meta.totalRecords, defaultContactSeed.addressBook.entries.length);
    assert.equal(all.data.length, 5);
    assert.ok(all.meta.links.next);
    const byName = (await config(`/v2/address-book/${BOOK}/entry?search=claims`)).body as {
      data: { name: string }[];
    };
    assert.deepEqual(
      byName.data.map((e) => e.name),
      ['Claims Team'],
    );
    const byNumber = (
      await config(
        `/v2/address-book/${BOOK}/entry?search=${encodeURIComponent('fields=in=("number");value=="4420718"')}`,
      )
    ).body as { data: { name: string }[] };
    assert.deepEqual(byNumber.data.map((e) => e.name).sort(), ['Ada Lovelace', 'London Office']);
    const badColumn = await config(
      `/v2/address-book/${BOOK}/entry?search=${encodeURIComponent('field=="email";value=="x"')}`,
    );
    assert.equal(badColumn.status, 400);
    assert.equal((await config(`/v2/address-book/${QUEUE}/entry`)).status, 404);
  });

  it('when the CAD variables are listed, then each has its label, type and the agent’s rights', async () => {
    const reply = (await config('/v2/cad-variable')).body as {
      data: {
        name: string;
        desktopLabel: string;
        variableType: string;
        agentEditable: boolean;
        agentViewable: boolean;
      }[];
    };
    const tier = reply.data.find((v) => v.name === 'customerTier')!;
    assert.deepEqual(
      [tier.desktopLabel, tier.variableType, tier.agentViewable, tier.agentEditable],
      ['Customer tier', 'STRING', true, false],
    );
    assert.equal(reply.data.find((v) => v.name === 'riskScore')?.agentViewable, false);
    assert.equal(reply.data.find((v) => v.name === 'visitCount')?.variableType, 'INTEGER');
  });
});

describe('sandbox tools: PATCH /v1/tasks/{taskId}', () => {
  const fx = ContactFixture.forSuite();

  it('when the agent updates attributes, then 202 and ContactUpdated carries the new callAssociatedData', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.connect(alice.id, events, {
      cad: { customerTier: 'Gold', accountNumber: 'A-1', riskScore: '7' },
    });
    const patch = await fx.wxcc(alice.id, 'PATCH', `/tasks/${id}`, {
      attributes: { accountNumber: 'A-2', visitCount: '3' },
    });
    assert.equal(patch.status, 202);
    const updated = await taskEvent(events, 'ContactUpdated', id);
    const cad = (
      interactionOf(updated) as unknown as {
        callAssociatedData: Record<
          string,
          { value: string; agentEditable: boolean; displayName: string }
        >;
      }
    ).callAssociatedData;
    assert.equal(cad.accountNumber?.value, 'A-2');
    assert.equal(cad.accountNumber?.agentEditable, true);
    assert.equal(cad.visitCount?.value, '3');
    assert.equal(cad.customerTier?.agentEditable, false);
    assert.equal(cad.customerTier?.displayName, 'Customer tier');
    // Not agent-viewable: never sent to the desktop.
    assert.equal(cad.riskScore, undefined);
  });

  it('when the body breaks the spec’s limits or the task is not the agent’s, then 400 or 404 and no event', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.connect(alice.id, events);
    const tooMany = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`v${i}`, 'x']));
    for (const body of [
      {},
      { attributes: 'x' },
      { attributes: {} },
      { attributes: tooMany },
      { attributes: { a: 'x'.repeat(1025) } },
      { attributes: { a: 3 } },
    ]) {
      const reply = await fx.wxcc(alice.id, 'PATCH', `/tasks/${id}`, body);
      assert.equal(reply.status, 400, JSON.stringify(body).slice(0, 60));
    }
    const other = await fx.wxcc(bruno.id, 'PATCH', `/tasks/${id}`, { attributes: { a: 'b' } });
    assert.equal(other.status, 404);
    assert.equal(events.frames.filter((f) => f.data?.type === 'ContactUpdated').length, 0);
  });
});

/** A date and time `minutes` from now in UTC, as the API takes them. */
function utcAt(minutes: number): { date: string; time: string } {
  const iso = new Date(Date.now() + minutes * 60_000).toISOString();
  return { date: iso.slice(0, 10), time: `${iso.slice(11, 16)}:00` };
}

function callbackBody(startIn: number, lengthMin: number, extra: Record<string, unknown> = {}) {
  const start = utcAt(startIn);
  const end = utcAt(startIn + lengthMin);
  return {
    customerName: 'Grace Hopper',
    callbackNumber: '+14085550142',
    timezone: 'UTC',
    scheduleDate: start.date,
    startTime: start.time,
    endTime: end.time,
    queueId: QUEUE,
    callbackReason: 'Card issue',
    assigneeAgent: alice.id,
    ...extra,
  };
}

describe('sandbox tools: scheduled callbacks', () => {
  const fx = ContactFixture.forSuite();
  const path = `/callbacks/organization/${ORG}/scheduled-callback`;

  it('when an agent books one in the window, then 201; it is listed for its assignee and cancelled with 204', async () => {
    const created = await fx.wxcc(alice.id, 'POST', path, callbackBody(90, 60));
    assert.equal(created.status, 201, created.text);
    const cb = created.body as {
      id: string;
      assigneeAgent: string;
      callbackOrigin: string;
      orgId: string;
    };
    assert.equal(cb.assigneeAgent, alice.id);
    assert.equal(cb.orgId, ORG);
    const list = await fx.wxcc(alice.id, 'GET', `${path}?assigneeAgent=${alice.id}`);
    const listed = list.body as { meta: { totalRecords: number }; data: { id: string }[] };
    assert.deepEqual(
      listed.data.map((c) => c.id),
      [cb.id],
    );
    const byNumber = await fx.wxcc(alice.id, 'GET', `${path}?callbackNumber=%2B14085550142`);
    assert.equal((byNumber.body as { data: unknown[] }).data.length, 1);
    const none = await fx.wxcc(alice.id, 'GET', `${path}?assigneeAgent=${bruno.id}`);
    assert.equal((none.body as { data: unknown[] }).data.length, 0);
    assert.equal((await fx.wxcc(alice.id, 'DELETE', `${path}/${cb.id}`)).status, 204);
    assert.equal((await fx.wxcc(alice.id, 'DELETE', `${path}/${cb.id}`)).status, 404);
    const after = await fx.wxcc(alice.id, 'GET', `${path}?assigneeAgent=${alice.id}`);
    assert.equal((after.body as { data: unknown[] }).data.length, 0);
  });

  it('when the window breaks Cisco’s rules, then 400 saying which', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [callbackBody(10, 60), /30 minutes in the future/],
      [callbackBody(90, 20), /at least 30 minutes after/],
      [callbackBody(90, 9 * 60), /8 hours/],
      [callbackBody(33 * 24 * 60, 60), /31 days/],
      [callbackBody(90, 60, { timezone: 'Mars/Olympus' }), /time zone/],
      [callbackBody(90, 60, { callbackNumber: '12' }), /callbackNumber/],
      [callbackBody(90, 60, { queueId: 'nope' }), /queueId/],
      [callbackBody(90, 60, { customerName: 'x'.repeat(251) }), /customerName/],
      [callbackBody(90, 60, { assigneeAgent: 'not-a-uuid' }), /assigneeAgent/],
    ];
    for (const [body, message] of cases) {
      const reply = await fx.wxcc(alice.id, 'POST', path, body);
      assert.equal(reply.status, 400, `${String(message)}: ${reply.text}`);
      assert.match(reply.text, message);
    }
    const noFilter = await fx.wxcc(alice.id, 'GET', path);
    assert.equal(noFilter.status, 400);
    const missing = { ...callbackBody(90, 60) } as Record<string, unknown>;
    delete missing.queueId;
    assert.equal((await fx.wxcc(alice.id, 'POST', path, missing)).status, 400);
  });

  it('when the token lacks cjp:user, then 403; the console lists the upcoming callbacks', async () => {
    const configOnly = await obtainTokens(fx.sandbox, {
      agentId: alice.id,
      scopes: ['cjp:config_read', 'spark:people_read'],
    });
    const refused = await call(wxcc(fx.sandbox, `/v1${path}`), {
      method: 'POST',
      token: configOnly.access_token,
      body: callbackBody(90, 60),
    });
    assert.equal(refused.status, 403);
    await fx.wxcc(alice.id, 'POST', path, callbackBody(120, 60, { customerName: 'Console Check' }));
    const page = await call(`${fx.sandbox.url}/_sandbox/console`);
    assert.match(page.text, /Console Check \(\+14085550142\)/);
    assert.match(page.text, /Account number/);
  });
});
