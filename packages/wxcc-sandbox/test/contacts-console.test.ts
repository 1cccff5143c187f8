// The supervisor console and control API for calls: place, answer, decline, ring out, hang up,
// every contact's state, tenant switches, and clear refusals of bad input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from '../src/contacts/contact-seed';
import {
  ContactFixture,
  alice,
  bruno,
  chiara,
  interactionOf,
  taskEvent,
} from './support/contact-fixture';
import { call } from './support/sandbox-client';
import { ORG_ID } from './support/sandbox-oauth';

const queue = defaultContactSeed.queues[1]!;

describe('sandbox console and control API: calls', () => {
  const fx = ContactFixture.forSuite();
  const config = (path: string) =>
    call(`${fx.sandbox.wxccApiBase}/organization/${ORG_ID}${path}`, {
      token: fx.token(alice.id),
    });

  /** Posts a console form; returns the page it redirects to. */
  async function form(path: string, fields: Record<string, string>) {
    const posted = await fetch(`${fx.sandbox.url}/_sandbox${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    assert.equal(posted.status, 303, path);
    const location = new URL(posted.headers.get('location') ?? '', fx.sandbox.url);
    const page = await (await fetch(location)).text();
    return { location, page };
  }

  it('when a call is placed, answered and hung up from the console, then the page shows each step', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const before = await (await fetch(`${fx.sandbox.url}/_sandbox/console`)).text();
    assert.match(before, new RegExp(`action="/_sandbox/agents/${alice.id}/call"`));
    assert.doesNotMatch(before, /<script|style="/);

    const placed = await form(`/agents/${alice.id}/call`, {
      ani: '+442071838750',
      customerName: 'Ada Lovelace',
      queueId: queue.id,
      cad: 'accountNumber=98765\r\ntier=gold',
    });
    assert.match(placed.page, /Call placed/);
    assert.match(placed.page, /Ada Lovelace \(\+442071838750\)/);
    assert.match(placed.page, /Answer on the phone/);
    assert.match(placed.page, /accountNumber=98765, tier=gold/);
    const offer = await taskEvent(events, 'AgentOfferContact');
    assert.equal(interactionOf(offer).callFlowParams.tier?.value, 'gold');
    assert.equal(interactionOf(offer).callProcessingDetails.virtualTeamName, queue.name);
    const id = String(offer.data.interactionId);

    const answered = await form(`/agents/${alice.id}/answer`, { interactionId: id });
    assert.match(answered.page, /Answered on the phone/);
    assert.match(answered.page, /Connected/);
    await taskEvent(events, 'AgentContactAssigned', id);

    const hungUp = await form(`/contacts/${id}/hang-up`, {});
    assert.match(hungUp.page, /The caller hung up/);
    assert.match(hungUp.page, /Wrap-up/);
    await taskEvent(events, 'ContactEnded', id);
  });

  it('when a consult rings at an agent, then the console offers to answer or decline it', async () => {
    const a = await fx.listen(alice.id);
    const b = await fx.listen(bruno.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, b);
    const id = await fx.connect(alice.id, a);
    await fx.task(alice.id, id, 'consult', { to: bruno.id, destinationType: 'agent' });
    await taskEvent(b, 'AgentOfferConsult', id);
    const page = await (await fetch(`${fx.sandbox.url}/_sandbox/console`)).text();
    assert.match(page, /Consult from Alice Anderson is ringing/);
    assert.match(page, new RegExp(`action="/_sandbox/agents/${bruno.id}/decline"`));
    const declined = await form(`/agents/${bruno.id}/decline`, { interactionId: id });
    assert.match(declined.page, /Consult declined/);
    await taskEvent(a, 'AgentConsultFailed', id);
  });

  it('when contacts are listed, then each shows its state, agents, hold and pending wrap-ups', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.connect(alice.id, events, { cad: { orderId: 'A-1' } });
    await fx.task(alice.id, id, 'hold', { mediaResourceId: id });
    await taskEvent(events, 'AgentContactHeld', id);
    const [listed] = (await fx.control('GET', '/contacts')).body as Record<string, unknown>[];
    assert.equal(listed?.interactionId, id);
    assert.equal(listed?.state, 'held');
    assert.equal(listed?.isHold, true);
    assert.deepEqual(listed?.cad, { orderId: 'A-1' });
    assert.deepEqual(listed?.pendingWrapUp, []);
    assert.deepEqual((listed?.agents as { agentId: string; state: string }[])[0], {
      agentId: alice.id,
      name: 'Alice Anderson',
      hasJoined: true,
      hasLeft: false,
      isConsulted: false,
      state: 'held',
    });
    const index = (await fx.control('GET', '')).body as { endpoints: string[] };
    for (const path of ['/call', 'hang-up', '/_sandbox/contacts', '/_sandbox/tenant']) {
      assert.ok(
        index.endpoints.some((e) => e.includes(path)),
        path,
      );
    }
  });

  it('when a tenant switch is flipped from the console, then the configuration API serves it', async () => {
    const flipped = await form('/tenant', { endCallEnabled: 'false' });
    assert.match(flipped.page, /Tenant settings changed/);
    assert.match(flipped.page, /endCallEnabled: off/);
    const tenant = await config('/v2/tenant-configuration?agentView=true');
    const [settings] = (tenant.body as { data: Record<string, unknown>[] }).data;
    assert.equal(settings?.endCallEnabled, false);
    assert.equal(settings?.endConsultEnabled, true);
  });

  it('when the desktop reads its configuration, then wrap-up codes, profile switches, queues, entry points and ANIs are there', async () => {
    const wrapUps = await config('/v2/auxiliary-code?filter=workTypeCode=="WRAP_UP_CODE"');
    const codes = (wrapUps.body as { data: { id: string; name: string }[] }).data;
    assert.ok(
      codes.some((c) => c.id === 'AXUH3oN12eV-WekpnDpl'),
      'the older id format',
    );
    const all = (await config('/v2/auxiliary-code')).body as { data: Record<string, unknown>[] };
    assert.equal(all.data.filter((c) => c.name === 'RONA' && c.isSystemCode === true).length, 1);
    const profile = (await config(`/agent-profile/${chiara.agentProfileId}`)).body as Record<
      string,
      unknown
    >;
    assert.equal(profile.autoWrapUp, true);
    assert.equal(profile.autoWrapAfterSeconds, 60);
    assert.equal(profile.allowAutoWrapUpExtension, true);
    assert.equal(profile.consultToQueue, false);
    assert.equal(profile.outdialEntryPointId, defaultContactSeed.outdialEntryPoint.id);
    assert.equal(profile.outdialANIId, defaultContactSeed.outdialAni.id);
    const flexible = (await config(`/agent-profile/${alice.agentProfileId}`)).body as {
      autoWrapUp: boolean;
      accessWrapUpCode: string;
      outdialEnabled: boolean;
    };
    assert.deepEqual(
      [flexible.autoWrapUp, flexible.accessWrapUpCode, flexible.outdialEnabled],
      [false, 'ALL', true],
    );
    const queues = (await config('/v2/contact-service-queue')).body as { data: { id: string }[] };
    assert.deepEqual(
      queues.data.map((q) => q.id),
      defaultContactSeed.queues.map((q) => q.id),
    );
    const points = (await config('/v2/entry-point')).body as { data: { id: string }[] };
    assert.ok(points.data.some((p) => p.id === defaultContactSeed.outdialEntryPoint.id));
    const anis = await config(`/v2/outdial-ani/${defaultContactSeed.outdialAni.id}/entry`);
    const entries = (anis.body as { data: { number: string }[] }).data;
    assert.deepEqual(
      entries.map((e) => e.number),
      defaultContactSeed.outdialAni.entries.map((e) => e.number),
    );
    assert.equal((await config('/v2/outdial-ani/nope/entry')).status, 404);
  });

  it('when control input is wrong, then 400, 404 or 409 with a clear message', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', `/agents/${alice.id}/call`, { ani: 'nobody' }, 400, /ani must be a phone number/],
      ['POST', `/agents/${alice.id}/call`, { queueId: 'nope' }, 400, /queueId/],
      ['POST', `/agents/${alice.id}/call`, { cad: { 'bad name': 'x' } }, 400, /cad variable name/],
      ['POST', `/agents/${alice.id}/call`, { cad: ['x'] }, 400, /cad must be/],
      ['POST', `/agents/${alice.id}/call`, { ronaTimeoutSec: 0 }, 400, /ronaTimeoutSec/],
      [
        'POST',
        `/agents/${alice.id}/call`,
        { pauseResumeEnabled: 'maybe' },
        400,
        /pauseResumeEnabled/,
      ],
      ['POST', `/agents/${bruno.id}/call`, {}, 409, /not logged in/],
      ['POST', '/agents/nobody/call', {}, 404, /no agent/],
      ['POST', `/agents/${alice.id}/answer`, {}, 409, /nothing is ringing/],
      ['POST', `/agents/${alice.id}/decline`, {}, 409, /no consult/],
      ['POST', '/contacts/unknown/hang-up', undefined, 409, /no call/],
      ['PATCH', '/tenant', { endCallEnabled: 'yes' }, 400, /true or false/],
      ['PATCH', '/tenant', { somethingElse: true }, 400, /not one of/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const reply = await fx.control(method, path, body);
      assert.equal(reply.status, status, `${method} ${path} ${JSON.stringify(body)}`);
      assert.match((reply.body as { error: string }).error, message);
    }
    assert.equal((await fx.control('GET', '/contacts')).status, 200);
  });
});
