// Contacts in the sandbox: a call nobody answers (RONA), and calls the agent places (outdial).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from '../src/contacts/contact-seed';
import { defaultSeed } from '../src/seed';
import { ContactFixture, alice, chiara, interactionOf, taskEvent } from './support/contact-fixture';
import { call } from './support/sandbox-client';

const RESOLVED = '8de61794-a454-4f87-a586-4fe2b0768215';
const RONA_CODE = defaultSeed.auxCodes.find((c) => c.name === 'RONA' && c.isSystemCode)!;
const outdial = (destination: string, overrides: Record<string, unknown> = {}) => ({
  entryPointId: defaultContactSeed.outdialEntryPoint.id,
  destination,
  direction: 'OUTBOUND',
  attributes: {},
  mediaType: 'telephony',
  outboundType: 'OUTDIAL',
  origin: defaultContactSeed.outdialAni.entries[0]!.number,
  ...overrides,
});

describe('sandbox contacts: RONA', () => {
  const fx = ContactFixture.forSuite();

  it('when nobody answers within ronaTimeout, then AgentOfferContactRona and the agent goes Idle with the RONA code', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.ring(alice.id, events, { ronaTimeoutSec: 12 });
    assert.deepEqual(fx.scheduler.pending(), [12_000]);
    fx.scheduler.fireAll();
    const rona = await taskEvent(events, 'AgentOfferContactRona', id);
    assert.equal(rona.data.reason, 'RONA');
    const change = await events.next(
      (f) => f.data?.type === 'AgentStateChangeSuccess' && f.data.auxCodeId === RONA_CODE.id,
    );
    assert.equal(change.type, 'AgentStateChange');
    assert.equal(change.data.subStatus, 'Idle');
    assert.deepEqual(change.data.interactionIds, []);
    const agents = (await fx.control('GET', '/agents')).body as { interactionIds: string[] }[];
    assert.deepEqual(agents[0]?.interactionIds, []);
    // A missed call cannot be answered any more.
    assert.equal((await fx.control('POST', `/agents/${alice.id}/answer`, {})).status, 409);
  });

  it('when the console rings a call out, then RONA comes at once; with nothing ringing it is 409', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.ring(alice.id, events);
    assert.equal((await fx.control('POST', `/agents/${alice.id}/ring-out`, {})).status, 200);
    await taskEvent(events, 'AgentOfferContactRona', id);
    assert.deepEqual(fx.scheduler.pending(), []);
    assert.equal((await fx.control('POST', `/agents/${alice.id}/ring-out`, {})).status, 409);
  });

  it('when the agent is not Available, then the console cannot place a call', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events, false);
    const reply = await fx.control('POST', `/agents/${alice.id}/call`, {});
    assert.equal(reply.status, 409);
    assert.match((reply.body as { error: string }).error, /not Available/);
  });
});

describe('sandbox contacts: outdial', () => {
  const fx = ContactFixture.forSuite();

  it('when the agent dials out, then 201 with a task id and an OUTDIAL offer rings their phone', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    // DSK's Postman collection dials with no +.
    const reply = await fx.wxcc(alice.id, 'POST', '/tasks', outdial('7813305624'));
    assert.equal(reply.status, 201);
    const { meta, data } = reply.body as { meta: { orgId: string }; data: { id: string } };
    assert.equal(meta.orgId, defaultSeed.organization.id);
    const offer = await taskEvent(events, 'AgentOfferContact', data.id);
    const interaction = interactionOf(offer);
    assert.equal(interaction.outboundType, 'OUTDIAL');
    assert.equal(interaction.contactDirection.type, 'OUTBOUND');
    assert.equal(interaction.callProcessingDetails.ani, '7813305624');
    await fx.control('POST', `/agents/${alice.id}/answer`, { interactionId: data.id });
    await taskEvent(events, 'AgentContactAssigned', data.id);
    await fx.task(alice.id, data.id, 'end');
    await taskEvent(events, 'AgentWrapup', data.id);
  });

  it('when an outdial cannot go out, then AgentOutboundFailed names each reason', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events, false);
    const failed = async (body: Record<string, unknown>, reason: string) => {
      events.frames.length = 0;
      assert.equal((await fx.wxcc(alice.id, 'POST', '/tasks', body)).status, 201);
      const event = await taskEvent(events, 'AgentOutboundFailed');
      assert.equal(event.data.reason, reason, JSON.stringify(body));
    };
    await failed(outdial('+14085550100'), 'AGENT_NOT_AVAILABLE');
    await fx.wxcc(alice.id, 'PUT', '/agents/session/state', { state: 'Available', auxCodeId: '0' });
    await failed(outdial('call me'), 'INVALID_DESTINATION');
    await failed(outdial('+14085550100', { entryPointId: 'nope' }), 'INVALID_ENTRY_POINT');
    await failed(outdial('+14085550100', { origin: '+19995550000' }), 'INVALID_OUTDIAL_ANI');
    // No caller id at all: refused too, never filled in.
    await failed(outdial('+14085550100', { origin: undefined }), 'INVALID_OUTDIAL_ANI');
    const tooLong = await fx.wxcc(alice.id, 'POST', '/tasks', outdial('1'.repeat(37)));
    assert.equal(tooLong.status, 400);
    assert.equal((tooLong.body as { field: string }).field, 'destination');
  });

  it('when a Phone Agent wraps up an outdial, then their profile sends them Idle', async () => {
    const events = await fx.listen(chiara.id);
    await fx.ready(chiara.id, events);
    const reply = await fx.wxcc(chiara.id, 'POST', '/tasks', outdial('+442079460999'));
    const id = (reply.body as { data: { id: string } }).data.id;
    await taskEvent(events, 'AgentOfferContact', id);
    await fx.control('POST', `/agents/${chiara.id}/answer`, {});
    await fx.task(chiara.id, id, 'end');
    await taskEvent(events, 'AgentWrapup', id);
    events.frames.length = 0;
    await fx.task(chiara.id, id, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
    await taskEvent(events, 'AgentWrappedUp', id);
    const idle = await events.inner('AgentStateChangeSuccess');
    assert.equal(idle.data.subStatus, 'Idle');
  });
});

describe('sandbox contacts: tenant and profile switches', () => {
  const fx = ContactFixture.forSuite({
    ...defaultContactSeed,
    tenant: { ...defaultContactSeed.tenant, outdialEnabled: false, endCallEnabled: false },
    profiles: {
      ...defaultContactSeed.profiles,
      'Flexible Agent': {
        ...defaultContactSeed.defaultProfile,
        accessWrapUpCode: 'SPECIFIC',
        wrapUpCodeNames: ['Resolved'],
      },
    },
  });

  it('when the profile allows specific wrap-up codes, then it lists them and another code fails', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const org = `${fx.sandbox.wxccApiBase}/organization/${defaultSeed.organization.id}`;
    const profile = await call(`${org}/agent-profile/${alice.agentProfileId}`, {
      token: fx.token(alice.id),
    });
    const body = profile.body as { accessWrapUpCode: string; wrapUpCodes: string[] };
    assert.equal(body.accessWrapUpCode, 'SPECIFIC');
    assert.deepEqual(body.wrapUpCodes, [RESOLVED]);
    const id = await fx.connect(alice.id, events);
    await fx.control('POST', `/contacts/${id}/hang-up`);
    await taskEvent(events, 'ContactEnded', id);
    const escalated = defaultSeed.auxCodes.find((c) => c.name === 'Escalated')!;
    await fx.task(alice.id, id, 'wrapup', { wrapUpReason: 'Escalated', auxCodeId: escalated.id });
    assert.equal(
      (await taskEvent(events, 'AgentWrapupFailed', id)).data.reason,
      'INVALID_WRAPUP_CODE',
    );
    await fx.task(alice.id, id, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
    await taskEvent(events, 'AgentWrappedUp', id);
  });

  it('when the tenant disables outdial and ending calls, then both fail with their reason', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    await fx.wxcc(alice.id, 'POST', '/tasks', outdial('+14085550100'));
    assert.equal((await taskEvent(events, 'AgentOutboundFailed')).data.reason, 'OUTDIAL_DISABLED');
    const id = await fx.connect(alice.id, events);
    await fx.task(alice.id, id, 'end');
    const failed = await taskEvent(events, 'AgentContactEndFailed', id);
    assert.equal(failed.data.reason, 'END_CALL_DISABLED');
  });
});
