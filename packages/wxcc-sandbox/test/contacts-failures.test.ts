// Contacts in the sandbox: each task action refused with its reason, bad requests, faults, and
// bodies Cisco's own clients send accepted as they are.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContactFixture, alice, bruno, interactionOf, taskEvent } from './support/contact-fixture';

const RESOLVED = '8de61794-a454-4f87-a586-4fe2b0768215';
const BREAK = 'fdaba960-5939-4840-90d1-af712d924e53';

describe('sandbox contacts: failures', () => {
  const fx = ContactFixture.forSuite();

  it('when hold and resume do not fit the call, then *Failed events name the reason', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.connect(alice.id, events);
    await fx.task(alice.id, id, 'hold', { mediaResourceId: 'not-the-call' });
    const wrongMedia = await taskEvent(events, 'AgentContactHoldFailed', id);
    assert.equal(wrongMedia.data.reason, 'INVALID_MEDIA_RESOURCE_ID');
    assert.equal(typeof wrongMedia.data.reasonCode, 'number');
    await fx.task(alice.id, id, 'unhold', { mediaResourceId: id });
    assert.equal(
      (await taskEvent(events, 'AgentContactUnHoldFailed', id)).data.reason,
      'INVALID_STATE',
    );
    await fx.task(alice.id, id, 'hold', { mediaResourceId: id });
    await taskEvent(events, 'AgentContactHeld', id);
    events.frames.length = 0;
    await fx.task(alice.id, id, 'hold', { mediaResourceId: id });
    assert.equal(
      (await taskEvent(events, 'AgentContactHoldFailed', id)).data.reason,
      'INVALID_STATE',
    );
    await fx.task(alice.id, id, 'unhold', { mediaResourceId: 'not-the-call' });
    assert.equal(
      (await taskEvent(events, 'AgentContactUnHoldFailed', id)).data.reason,
      'INVALID_MEDIA_RESOURCE_ID',
    );
  });

  it('when wrap-up is wrong, then 400 for a missing field and AgentWrapupFailed otherwise', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.connect(alice.id, events);
    await fx.task(alice.id, id, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
    assert.equal((await taskEvent(events, 'AgentWrapupFailed', id)).data.reason, 'INVALID_STATE');
    await fx.task(alice.id, id, 'end');
    await taskEvent(events, 'AgentWrapup', id);
    await fx.task(alice.id, id, 'end');
    assert.equal(
      (await taskEvent(events, 'AgentContactEndFailed', id)).data.reason,
      'INVALID_STATE',
    );
    for (const body of [
      { wrapUpReason: 'Resolved' },
      { auxCodeId: RESOLVED },
      { wrapUpReason: '', auxCodeId: RESOLVED },
    ]) {
      const reply = await fx.task(alice.id, id, 'wrapup', body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      const error = reply.body as { errorType: string; field: string; errorMessage: string };
      assert.equal(error.errorType, 'BAD_REQUEST');
      assert.ok(['wrapUpReason', 'auxCodeId'].includes(error.field), error.errorMessage);
    }
    events.frames.length = 0;
    // An idle code is not a wrap-up code, and an unknown id is no code at all.
    for (const auxCodeId of [BREAK, 'AXnope0000000000000']) {
      await fx.task(alice.id, id, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId });
      const failed = await events.inner('AgentWrapupFailed');
      assert.equal(failed.data.reason, 'INVALID_WRAPUP_CODE');
      events.frames.length = 0;
    }
    // Still owed: a good code then works.
    await fx.task(alice.id, id, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
    await taskEvent(events, 'AgentWrappedUp', id);
  });

  it('when the task is unknown or another agent’s, then 404 in the agents-API shape', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.connect(alice.id, events);
    const unknown = await fx.task(alice.id, '9b2f4a52-27a4-4d2c-9d1e-1f3a7c9e0b11', 'end');
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body as { errorType: string }).errorType, 'NOT_FOUND');
    const stranger = await fx.task(bruno.id, id, 'hold', { mediaResourceId: id });
    assert.equal(stranger.status, 404);
    // The owner still reaches it.
    assert.equal((await fx.task(alice.id, id, 'end')).status, 202);
    await taskEvent(events, 'AgentWrapup', id);
  });

  it('when a request breaks the spec, then 400 names the field, before any task rule', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.connect(alice.id, events);
    const noMedia = await fx.task(alice.id, id, 'hold', {});
    assert.equal(noMedia.status, 400);
    assert.equal((noMedia.body as { field: string }).field, 'mediaResourceId');
    const badType = await fx.task(alice.id, id, 'record/resume', { autoResumed: 'no' });
    assert.equal(badType.status, 400);
    const noTo = await fx.task(alice.id, id, 'transfer', { destinationType: 'agent' });
    assert.equal(noTo.status, 400);
  });

  it('when Cisco’s clients send their usual bodies, then each is accepted as they send it', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.ring(alice.id, events);
    // DSK's Postman accepts a voice call with {mediaResourceId}; the SDK ends with {}.
    assert.equal((await fx.task(alice.id, id, 'accept', { mediaResourceId: id })).status, 202);
    await taskEvent(events, 'AgentContactAssigned', id);
    assert.equal((await fx.task(alice.id, id, 'record/pause')).status, 202);
    await taskEvent(events, 'ContactRecordingPaused', id);
    const resumed = await fx.task(alice.id, id, 'record/resume', { autoResumed: false });
    assert.equal(resumed.status, 202);
    const event = await taskEvent(events, 'ContactRecordingResumed', id);
    assert.equal(interactionOf(event).callProcessingDetails.isPaused, 'false');
    assert.equal((await fx.task(alice.id, id, 'accept', {})).status, 202);
    const again = await taskEvent(events, 'AgentContactAssignFailed', id);
    assert.equal(again.data.reason, 'INVALID_STATE');
    assert.equal((await fx.task(alice.id, id, 'end', {})).status, 202);
    await taskEvent(events, 'AgentWrapup', id);
  });

  it('when recording control does not fit, then the pause and resume failures say why', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const gated = await fx.connect(alice.id, events, { pauseResumeEnabled: false });
    await fx.task(alice.id, gated, 'record/pause');
    const refused = await taskEvent(events, 'ContactRecordingPauseFailed', gated);
    assert.equal(refused.data.reason, 'RECORDING_CONTROL_DISABLED');
    await fx.control('POST', `/contacts/${gated}/hang-up`);
    const open = await fx.connect(alice.id, events);
    await fx.task(alice.id, open, 'record/resume', { autoResumed: false });
    const notPaused = await taskEvent(events, 'ContactRecordingResumeFailed', open);
    assert.equal(notPaused.data.reason, 'INVALID_STATE');
  });

  it('when a fault is armed for the tasks API, then the next task call fails with it and the one after works', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const id = await fx.connect(alice.id, events);
    const armed = await fx.control('POST', '/faults', {
      target: 'tasks',
      kind: 'status',
      status: 503,
    });
    assert.equal(armed.status, 201);
    const failed = await fx.task(alice.id, id, 'hold', { mediaResourceId: id });
    assert.equal(failed.status, 503);
    assert.equal((failed.body as { errorType: string }).errorType, 'SERVICE_UNAVAILABLE');
    assert.ok(failed.headers.get('retry-after'));
    assert.equal((await fx.task(alice.id, id, 'hold', { mediaResourceId: id })).status, 202);
    await taskEvent(events, 'AgentContactHeld', id);
    const log = (await fx.control('GET', '/requests')).body as { target: string }[];
    assert.ok(log.some((entry) => entry.target === 'tasks'));
  });
});
