// Contacts against the contract: one run through every contact path, every frame checked against the
// event schemas, and every task event the schemas describe sent at least once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from '../src/contacts/contact-seed';
import { validateRequest, validateResponse } from '../src/spec-check/openapi-validator';
import { call } from './support/sandbox-client';
import { ORG_ID } from './support/sandbox-oauth';
import { NOTIFICATION_TYPES, validateNotification } from './fixtures/notification-schemas';
import { ContactFixture, alice, bruno, chiara, taskEvent } from './support/contact-fixture';
import type { EventSocket } from './support/sandbox-client';

const RESOLVED = '8de61794-a454-4f87-a586-4fe2b0768215';
const BREAK = 'fdaba960-5939-4840-90d1-af712d924e53';
const queue = defaultContactSeed.queues[0]!;

describe('sandbox contacts: the contract', () => {
  const fx = ContactFixture.forSuite();

  it('when every contact path runs, then every frame matches the schemas and every task event was sent', async () => {
    const a = await fx.listen(alice.id);
    const b = await fx.listen(bruno.id);
    const c = await fx.listen(chiara.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, b);
    await fx.ready(chiara.id, c);
    const t = (agentId: string, id: string, action: string, body: unknown = {}) =>
      fx.task(agentId, id, action, body);
    const wait = (events: EventSocket, type: string, id?: string) => taskEvent(events, type, id);

    // ring, RONA by timer, then Available again
    let id = await fx.ring(alice.id, a);
    fx.scheduler.fireAll();
    await wait(a, 'AgentOfferContactRona', id);
    await fx.wxcc(alice.id, 'PUT', '/agents/session/state', { state: 'Available', auxCodeId: '0' });
    // answer, hold, resume, recording, failures of each, end, wrap-up
    id = await fx.connect(alice.id, a);
    await t(alice.id, id, 'unhold', { mediaResourceId: id });
    await wait(a, 'AgentContactUnHoldFailed', id);
    await t(alice.id, id, 'hold', { mediaResourceId: 'x' });
    await wait(a, 'AgentContactHoldFailed', id);
    await t(alice.id, id, 'hold', { mediaResourceId: id });
    await wait(a, 'AgentContactHeld', id);
    await t(alice.id, id, 'unhold', { mediaResourceId: id });
    await wait(a, 'AgentContactUnheld', id);
    await fx.wxcc(alice.id, 'PATCH', `/tasks/${id}`, { attributes: { accountNumber: 'A-9' } });
    await wait(a, 'ContactUpdated', id);
    await t(alice.id, id, 'record/resume', { autoResumed: false });
    await wait(a, 'ContactRecordingResumeFailed', id);
    await t(alice.id, id, 'record/pause');
    await wait(a, 'ContactRecordingPaused', id);
    await t(alice.id, id, 'record/pause');
    await wait(a, 'ContactRecordingPauseFailed', id);
    await t(alice.id, id, 'record/resume', { autoResumed: false });
    await wait(a, 'ContactRecordingResumed', id);
    await t(alice.id, id, 'consult/accept');
    await wait(a, 'AgentContactAssignFailed', id);
    await t(alice.id, id, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
    await wait(a, 'AgentWrapupFailed', id);
    // consult failures, queue consult and its cancel refused, consult with Bruno, transfer
    await t(alice.id, id, 'consult/transfer', { to: bruno.id, destinationType: 'agent' });
    await wait(a, 'AgentConsultTransferFailed', id);
    await t(alice.id, id, 'consult/conference', { to: bruno.id });
    await wait(a, 'AgentConsultConferenceFailed', id);
    await t(alice.id, id, 'consult/end');
    await wait(a, 'AgentConsultEndFailed', id);
    await t(alice.id, id, 'conference/exit');
    await wait(a, 'ParticipantLeftConferenceFailed', id);
    await t(alice.id, id, 'conference/transfer');
    await wait(a, 'AgentConferenceTransferFailed', id);
    await t(alice.id, id, 'consult', { to: 'nope', destinationType: 'agent' });
    await wait(a, 'AgentConsultFailed', id);
    await t(alice.id, id, 'consult', { to: 'nope', destinationType: 'queue' });
    await wait(a, 'AgentCtqFailed', id);
    // Bruno Idle: the queue consult waits in the queue, as a CTQ nobody takes.
    await fx.wxcc(bruno.id, 'PUT', '/agents/session/state', { state: 'Idle', auxCodeId: BREAK });
    await t(alice.id, id, 'consult', { to: queue.id, destinationType: 'queue' });
    await wait(a, 'AgentConsultCreated', id);
    // Only a tenant that forbids ending consults makes WxCC refuse to cancel one.
    await fx.control('PATCH', '/tenant', { endConsultEnabled: false });
    await t(alice.id, id, 'consult/end', { queueId: queue.id });
    await wait(a, 'AgentCtqCancelFailed', id);
    await fx.control('PATCH', '/tenant', { endConsultEnabled: true });
    await t(alice.id, id, 'consult/end', { queueId: queue.id });
    await wait(a, 'AgentCtqCancelled', id);
    await fx.control('POST', `/contacts/${id}/hang-up`);
    await wait(a, 'ContactEnded', id);
    await t(alice.id, id, 'end');
    await wait(a, 'AgentContactEndFailed', id);
    await t(alice.id, id, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
    await wait(a, 'AgentWrappedUp', id);

    id = await fx.connect(alice.id, a);
    await t(alice.id, id, 'consult', { to: bruno.id, destinationType: 'agent' });
    await wait(b, 'AgentOfferConsult', id);
    await fx.control('POST', `/agents/${bruno.id}/answer`, {});
    await wait(a, 'AgentConsulting', id);
    await t(alice.id, id, 'consult/conference', { to: bruno.id, destinationType: 'agent' });
    await wait(a, 'AgentConsultConferenced', id);
    // A third agent joins from the conference, then Alice hands the conference on.
    await t(bruno.id, id, 'consult', { to: chiara.id, destinationType: 'agent' });
    await wait(c, 'AgentOfferConsult', id);
    await fx.control('POST', `/agents/${chiara.id}/answer`, {});
    await wait(b, 'AgentConsulting', id);
    await t(bruno.id, id, 'consult/conference', { to: chiara.id, destinationType: 'agent' });
    await wait(a, 'ParticipantJoinedConference', id);
    await t(alice.id, id, 'conference/transfer');
    await wait(a, 'AgentConferenceTransferred', id);
    await t(chiara.id, id, 'conference/exit');
    await wait(b, 'ParticipantLeftConference', id);
    await t(bruno.id, id, 'transfer', { to: 'nope', destinationType: 'queue' });
    await wait(b, 'AgentVteamTransferFailed', id);
    await t(bruno.id, id, 'transfer', { to: 'x', destinationType: 'dialNumber' });
    await wait(b, 'AgentBlindTransferFailed', id);
    await t(bruno.id, id, 'transfer', { to: queue.id, destinationType: 'queue' });
    await wait(b, 'AgentVteamTransferred', id);

    id = await fx.connect(alice.id, a);
    await t(alice.id, id, 'consult', { to: bruno.id, destinationType: 'agent' });
    await wait(b, 'AgentOfferConsult', id);
    await fx.control('POST', `/agents/${bruno.id}/answer`, {});
    await wait(a, 'AgentConsulting', id);
    await t(alice.id, id, 'consult/transfer', { to: bruno.id, destinationType: 'agent' });
    await wait(b, 'AgentConsultTransferred', id);
    await t(bruno.id, id, 'transfer', { to: '+14085550111', destinationType: 'dialNumber' });
    await wait(b, 'AgentBlindTransferred', id);
    await fx.control('DELETE', '/contacts');

    id = await fx.connect(alice.id, a);
    await t(alice.id, id, 'consult', { to: bruno.id, destinationType: 'agent' });
    await wait(b, 'AgentOfferConsult', id);
    await fx.control('POST', `/agents/${bruno.id}/decline`, {});
    await wait(b, 'AgentConsultEnded', id);
    await t(alice.id, id, 'end');
    await wait(a, 'AgentWrapup', id);
    await fx.wxcc(alice.id, 'POST', '/agents/reload');
    await wait(a, 'AgentContact', id);
    await fx.wxcc(alice.id, 'POST', '/tasks', {
      entryPointId: 'nope',
      destination: '+14085550100',
      mediaType: 'telephony',
    });
    await wait(a, 'AgentOutboundFailed');
    await fx.wxcc(alice.id, 'POST', '/agents/buddyList', {
      agentProfileId: alice.agentProfileId,
      mediaType: 'telephony',
    });
    await a.inner('BuddyAgents');
    await fx.wxcc(alice.id, 'POST', '/agents/buddyList', {
      agentProfileId: 'x',
      mediaType: 'telephony',
    });
    await a.inner('BuddyAgentsRetrieveFailed');

    const frames = [...a.frames, ...b.frames, ...c.frames];
    for (const frame of frames)
      assert.deepEqual(validateNotification(frame), [], JSON.stringify(frame));
    const sent = new Set(frames.map((f) => `${f.type}/${String(f.data?.type)}`));
    for (const outer of ['RoutingMessage', 'BuddyAgents']) {
      for (const inner of NOTIFICATION_TYPES[outer] ?? []) {
        assert.ok(sent.has(`${outer}/${inner}`), `the run sent no ${outer}/${inner}`);
      }
    }
  });

  it('when Cisco’s SDK and samples build task requests, then the trimmed spec accepts each', () => {
    const id = '0ae913a4-c857-4705-8d49-76dd3dde75e4';
    const requests: [string, unknown][] = [
      [
        '/v1/tasks',
        {
          entryPointId: defaultContactSeed.outdialEntryPoint.id,
          destination: '7813305624',
          direction: 'OUTBOUND',
          attributes: {},
          mediaType: 'telephony',
          outboundType: 'OUTDIAL',
          origin: '+18005550100',
        },
      ],
      [`/v1/tasks/${id}/accept`, { mediaResourceId: id }],
      [`/v1/tasks/${id}/hold`, { mediaResourceId: id }],
      [`/v1/tasks/${id}/unhold`, { mediaResourceId: id }],
      [`/v1/tasks/${id}/end`, {}],
      [`/v1/tasks/${id}/wrapup`, { wrapUpReason: 'Resolved', auxCodeId: RESOLVED }],
      [`/v1/tasks/${id}/record/pause`, {}],
      [`/v1/tasks/${id}/record/resume`, { autoResumed: false }],
      [`/v1/tasks/${id}/consult`, { to: id, destinationType: 'agent' }],
      [`/v1/tasks/${id}/consult/accept`, {}],
      [`/v1/tasks/${id}/consult/end`, {}],
      [`/v1/tasks/${id}/consult/transfer`, { to: id, destinationType: 'agent' }],
      [`/v1/tasks/${id}/consult/conference`, { agentId: id, to: id, destinationType: 'agent' }],
      [`/v1/tasks/${id}/conference/exit`, {}],
      [`/v1/tasks/${id}/transfer`, { to: id, destinationType: 'queue' }],
      ['/v1/agents/buddyList', { agentProfileId: id, mediaType: 'telephony', state: 'Available' }],
    ];
    for (const [path, body] of requests) {
      const issues = validateRequest(
        { method: 'POST', path, query: {}, body },
        {
          allowUnknownFields: true,
        },
      );
      assert.deepEqual(issues, [], path);
    }
  });

  it('when the contact endpoints answer, then each body matches the spec', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const org = `${fx.sandbox.wxccApiBase}/organization/${ORG_ID}`;
    const checked = async (method: string, url: string, body?: unknown) => {
      const reply = await call(url, { method, token: fx.token(alice.id), body });
      const path = new URL(url).pathname.replace(/^\/wxcc/, '');
      // The spec types every value of the entry points' `meta` as an object; the real API pages
      // with numbers there (the SDK reads meta.totalPages), so only `data` is held to it.
      const answered =
        path.endsWith('/v2/entry-point') && reply.body !== null && typeof reply.body === 'object'
          ? { ...reply.body, meta: undefined }
          : reply.body;
      const issues = validateResponse({ method, path, status: reply.status, body: answered });
      assert.deepEqual(issues, [], `${method} ${path} ${reply.status}`);
      return reply;
    };
    await checked('GET', `${org}/v2/contact-service-queue`);
    await checked('GET', `${org}/v2/entry-point?page=0&pageSize=10`);
    await checked('GET', `${org}/v2/outdial-ani/${defaultContactSeed.outdialAni.id}/entry`);
    await checked('GET', `${org}/agent-profile/${alice.agentProfileId}`);
    const created = await checked('POST', `${fx.sandbox.wxccApiBase}/v1/tasks`, {
      entryPointId: defaultContactSeed.outdialEntryPoint.id,
      destination: '+14085550100',
      origin: defaultContactSeed.outdialAni.entries[0]!.number,
      mediaType: 'telephony',
      outboundType: 'OUTDIAL',
    });
    assert.equal(created.status, 201);
    const id = (created.body as { data: { id: string } }).data.id;
    await taskEvent(events, 'AgentOfferContact', id);
    const ended = await checked('POST', `${fx.sandbox.wxccApiBase}/v1/tasks/${id}/end`, {});
    assert.equal(ended.status, 202);
    await checked('POST', `${fx.sandbox.wxccApiBase}/v1/agents/buddyList`, {
      agentProfileId: alice.agentProfileId,
      mediaType: 'telephony',
    });
  });
});
