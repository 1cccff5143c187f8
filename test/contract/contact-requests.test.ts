// Every tasks request the app sends while handling contacts, checked against Cisco's published spec.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findOperation, validateRequest } from 'wxcc-sandbox/spec-check';
import {
  ALICE,
  BRUNO,
  CHIARA,
  SUPPORT_QUEUE,
  answer,
  availableAgent,
  contactAction,
  pageUntil,
  placeCall,
  type SignedInAgent,
} from '../helpers/contacts';
import { startStack, submit, type RecordedRequest, type Stack } from '../helpers/stack';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';

const MAIN_LINE = defaultContactSeed.inboundEntryPoint.id;

const specPath = (path: string) => (path.startsWith('/wxcc/') ? path.slice('/wxcc'.length) : path);

describe('contact requests against the published contract', () => {
  let stack: Stack;
  let sent: RecordedRequest[];

  async function connected(alice: SignedInAgent): Promise<string> {
    const id = await placeCall(stack, ALICE);
    await pageUntil(alice, stack, /class="contact-state">Ringing</);
    await answer(stack, ALICE, id);
    await pageUntil(alice, stack, /Connected/);
    return id;
  }

  before(async () => {
    stack = await startStack();
    const alice = await availableAgent(stack, ALICE, '+14155550371');
    const bruno = await availableAgent(stack, BRUNO, '+14155550372');
    const chiara = await availableAgent(stack, CHIARA, '+442079460373');
    await stack.control.clearRequests();
    // Every control: hold, resume, recording, consult (end, transfer, conference), transfers, end, wrap-up, outdial.
    let id = await connected(alice);
    for (const action of [/\/hold$/, /\/resume$/, /\/record-pause$/, /\/record-resume$/]) {
      await contactAction(alice, action);
    }
    await contactAction(alice, /\/consult$/, { target: `agent:${BRUNO}` });
    await answer(stack, BRUNO, id);
    await pageUntil(alice, stack, /Consult connected/);
    await contactAction(alice, /\/consult-end$/);
    await contactAction(alice, /\/resume$/);
    await contactAction(alice, /\/consult$/, { target: `agent:${BRUNO}` });
    await answer(stack, BRUNO, id);
    await pageUntil(alice, stack, /Consult connected/);
    await contactAction(alice, /\/conference$/);
    await contactAction(alice, /\/conference-exit$/);
    await pageUntil(alice, stack, /Wrap-up reason/);
    await contactAction(alice, /\/wrapup$/);
    id = await connected(alice);
    await contactAction(alice, /\/transfer$/, { dialNumber: '+14155550199' });
    await contactAction(alice, /\/wrapup$/);
    await connected(alice);
    await contactAction(alice, /\/transfer$/, { target: `queue:${SUPPORT_QUEUE}` });
    await contactAction(alice, /\/wrapup$/);
    await connected(alice);
    await contactAction(alice, /\/end$/);
    await contactAction(alice, /\/wrapup$/);
    // A chat: accepted through the API (its only way in), ended, wrapped up.
    await stack.control.supervisor(ALICE, 'offer', { mediaType: 'chat' });
    await pageUntil(alice, stack, /Waiting to be accepted/);
    await contactAction(alice, /\/accept$/);
    await pageUntil(alice, stack, /Connected/);
    await contactAction(alice, /\/end$/);
    await contactAction(alice, /\/wrapup$/);
    // A queue consult: cancelled while it rings, then answered and transferred to the agent.
    id = await connected(alice);
    await contactAction(alice, /\/consult$/, { target: `queue:${SUPPORT_QUEUE}` });
    await pageUntil(alice, stack, /Cancel consult/);
    await contactAction(alice, /\/consult-end$/);
    await pageUntil(alice, stack, /On hold/);
    await contactAction(alice, /\/resume$/);
    await contactAction(alice, /\/consult$/, { target: `queue:${SUPPORT_QUEUE}` });
    const taker = await Promise.race([
      pageUntil(bruno, stack, /Consult request/).then(() => bruno),
      pageUntil(chiara, stack, /Consult request/).then(() => chiara),
    ]);
    await answer(stack, taker.agentId, id);
    await pageUntil(alice, stack, /Consult connected/);
    await contactAction(alice, /\/consult-transfer$/);
    await contactAction(alice, /\/wrapup$/);
    await pageUntil(taker, stack, /Connected/);
    await contactAction(taker, /\/end$/);
    await contactAction(taker, /\/wrapup$/);
    // Three agents: a conference, a consult from it, the conference transferred, an exit.
    id = await connected(alice);
    await contactAction(alice, /\/consult$/, { target: `agent:${BRUNO}` });
    await answer(stack, BRUNO, id);
    await pageUntil(alice, stack, /Consult connected/);
    await contactAction(alice, /\/conference$/);
    await pageUntil(alice, stack, /\/consult"/);
    // From the conference with "let the others keep talking" ticked: holdParticipants false.
    await contactAction(alice, /\/consult$/, {
      target: `agent:${CHIARA}`,
      othersKeepTalking: 'yes',
    });
    await answer(stack, CHIARA, id);
    await pageUntil(alice, stack, /Transfer conference/);
    await contactAction(alice, /\/consult-transfer$/);
    await contactAction(alice, /\/wrapup$/);
    await pageUntil(bruno, stack, /Leave conference/);
    await contactAction(bruno, /\/conference-exit$/);
    await contactAction(bruno, /\/wrapup$/);
    await pageUntil(chiara, stack, /End call/);
    await contactAction(chiara, /\/end$/);
    await contactAction(chiara, /\/wrapup$/);
    // An address-book number consulted (the directory), conferenced and left; an entry point
    // consulted (the consult form) and transferred to.
    id = await connected(alice);
    const directory = await alice.browser.get(`${stack.url}/directory?q=claims`);
    await submit(alice.browser, directory, /\/directory\/consult$/);
    await pageUntil(alice, stack, /Consult connected/);
    await contactAction(alice, /\/conference$/);
    await pageUntil(alice, stack, /Leave conference/);
    await contactAction(alice, /\/conference-exit$/);
    await contactAction(alice, /\/wrapup$/);
    await connected(alice);
    await contactAction(alice, /\/consult$/, { target: `entry:${MAIN_LINE}` });
    await pageUntil(alice, stack, /Consult connected/);
    await contactAction(alice, /\/consult-transfer$/);
    await contactAction(alice, /\/wrapup$/);
    await contactAction(alice, /\/contacts\/outdial$/, { destination: '+14155550177' });
    sent = (await stack.control.requests()).filter(
      (r) => r.path.startsWith('/wxcc/v1/tasks') || r.path.includes('buddyList'),
    );
  });
  after(() => stack.close());

  it('when the agent uses every control, then each tasks operation is called', () => {
    const ops = new Set(sent.map((r) => r.path.replace(/\/v1\/tasks\/[^/]+/, '/v1/tasks/{id}')));
    for (const op of [
      '/wxcc/v1/tasks',
      '/wxcc/v1/tasks/{id}/accept',
      '/wxcc/v1/tasks/{id}/hold',
      '/wxcc/v1/tasks/{id}/unhold',
      '/wxcc/v1/tasks/{id}/record/pause',
      '/wxcc/v1/tasks/{id}/record/resume',
      '/wxcc/v1/tasks/{id}/consult',
      '/wxcc/v1/tasks/{id}/consult/end',
      '/wxcc/v1/tasks/{id}/consult/conference',
      '/wxcc/v1/tasks/{id}/conference/exit',
      '/wxcc/v1/tasks/{id}/conference/transfer',
      '/wxcc/v1/tasks/{id}/consult/transfer',
      '/wxcc/v1/tasks/{id}/transfer',
      '/wxcc/v1/tasks/{id}/end',
      '/wxcc/v1/tasks/{id}/wrapup',
      '/wxcc/v1/agents/buddyList',
    ]) {
      assert.ok(ops.has(op), `no ${op} call was made: ${[...ops].join(', ')}`);
    }
  });

  it('when the agent consults a number and an entry point, then consult, consult transfer and conference name them with the SDK’s destination types', () => {
    const bodies = (path: RegExp) =>
      sent.filter((r) => path.test(r.path)).map((r) => r.body as { destinationType?: string });
    const types = (path: RegExp) => new Set(bodies(path).map((b) => b.destinationType));
    assert.ok(types(/\/consult$/).has('dialNumber'), 'a dial-number consult');
    assert.ok(types(/\/consult$/).has('entryPoint'), 'an entry-point consult');
    assert.ok(types(/\/consult\/conference$/).has('dialNumber'), 'a conference with a number');
    assert.ok(types(/\/consult\/transfer$/).has('entryPoint'), 'a transfer to an entry point');
    const media = new Set(
      sent
        .filter((r) => r.path.includes('buddyList'))
        .map((r) => (r.body as { mediaType?: string }).mediaType),
    );
    assert.ok(media.has('telephony') && media.has('chat'), `buddy lists by media: ${[...media]}`);
  });

  it('when the agent consults, then holdParticipants is sent as Cisco’s widgets send it: true, or false from a conference whose box was ticked (spec ConsultResourceRequest)', () => {
    const holds = sent
      .filter((r) => /\/consult$/.test(r.path))
      .map((r) => (r.body as { holdParticipants?: unknown }).holdParticipants);
    assert.ok(holds.length > 0);
    assert.ok(
      holds.every((h) => typeof h === 'boolean'),
      `holdParticipants: ${holds.join(', ')}`,
    );
    assert.deepEqual([...new Set(holds)].sort(), [false, true]);
  });

  it('when the app calls the tasks API, then every path and method is in the spec', () => {
    const unknown = sent
      .filter((r) => findOperation(r.method, specPath(r.path)) === undefined)
      .map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(unknown, []);
  });

  it('when the app sends a tasks body, then it validates against the spec', () => {
    const problems = sent.flatMap((r) => {
      const check = (body: unknown) =>
        validateRequest({ method: r.method, path: specPath(r.path), body }).map(
          (issue) => `${r.method} ${r.path}: ${issue.field}: ${issue.message}`,
        );
      // The sandbox records an empty JSON object as null: then either "no body" or "{}" was sent.
      if (r.body !== null && r.body !== '') return check(r.body);
      const none = check(undefined);
      return none.length === 0 ? none : check({});
    });
    assert.deepEqual(problems, []);
  });

  it('when an action was accepted, then WxCC answered 2xx', () => {
    const refused = sent
      .filter((r) => r.status >= 300)
      .map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.deepEqual(refused, []);
  });
});
