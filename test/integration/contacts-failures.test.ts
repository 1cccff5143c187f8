// Every contact action that WxCC refuses or cannot answer says so, and the contact stays as it was.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';
import {
  ALICE,
  BRUNO,
  availableAgent,
  contactAction,
  contactsRegion,
  statusText,
  type SignedInAgent,
  connectCall,
  contactStack,
} from '../helpers/contacts';
import { startStack } from '../helpers/stack';

describe('contact action failures', () => {
  const suite = contactStack({ perTest: true });
  let agent: SignedInAgent;
  beforeEach(async () => {
    agent = await availableAgent(suite.stack, ALICE, '+14155550351');
    await availableAgent(suite.stack, BRUNO, '+14155550352');
    await connectCall(suite.stack, agent);
  });

  const actions: [string, RegExp, Record<string, string>][] = [
    ['hold', /\/hold$/, {}],
    ['end', /\/end$/, {}],
    ['pause recording', /\/record-pause$/, {}],
    ['transfer', /\/transfer$/, { dialNumber: '+14155550199' }],
    ['consult', /\/consult$/, { target: `agent:${BRUNO}` }],
  ];
  for (const [name, action, fields] of actions) {
    it(`when WxCC fails the ${name} request, then the agent is told and the call is still connected`, async () => {
      await suite.stack.control.fault({ target: 'tasks', kind: 'status', status: 500, count: 1 });
      const page = await contactAction(agent, action, fields);
      assert.match(statusText(page), /having trouble right now/);
      assert.match(contactsRegion(page), /Connected/);
      // Not retried: an action sent twice is not the same as once.
      const sent = (await suite.stack.control.requests()).filter((r) => r.target === 'tasks');
      assert.equal(sent.length, 1);
    });
  }

  it('when resume and wrap-up requests fail, then the agent is told and can try again', async () => {
    await contactAction(agent, /\/hold$/);
    await suite.stack.control.fault({ target: 'tasks', kind: 'status', status: 503, count: 1 });
    let page = await contactAction(agent, /\/resume$/);
    assert.match(statusText(page), /having trouble/);
    assert.match(contactsRegion(page), /On hold/);
    page = await contactAction(agent, /\/resume$/);
    assert.match(contactsRegion(page), /Connected/);
    await contactAction(agent, /\/end$/);
    await suite.stack.control.fault({ target: 'tasks', kind: 'timeout', count: 1 });
    page = await contactAction(agent, /\/wrapup$/);
    assert.match(statusText(page), /did not answer in time/);
    assert.match(contactsRegion(page), /Wrap-up reason/);
  });

  it('when a control no longer fits the call (a stale page), then it is refused before anything is sent', async () => {
    const stale = agent.page;
    await contactAction(agent, /\/hold$/);
    await suite.stack.control.clearRequests();
    agent.page = stale;
    const page = await contactAction(agent, /\/hold$/);
    assert.match(statusText(page), /Only a connected call can be put on hold/);
    assert.equal(
      (await suite.stack.control.requests()).filter((r) => r.target === 'tasks').length,
      0,
    );
  });

  it('when the contact is gone, then the action says so instead of failing', async () => {
    const stale = agent.page;
    await contactAction(agent, /\/end$/);
    await contactAction(agent, /\/wrapup$/);
    agent.page = stale;
    const page = await contactAction(agent, /\/hold$/);
    assert.match(statusText(page), /no longer on your desktop/);
  });

  it('when the logged-in agent has a contact, then logout is refused with the live contacts', async () => {
    // The page says it once, beside the disabled button; a stale form's click is refused too.
    const page = await contactAction(agent, /\/station\/logout/);
    assert.equal(page.text.match(/active customer interaction/g)?.length, 1);
    assert.match(page.text, /<button[^>]*id="agent-logout"[^>]*disabled/);
  });
});

describe('controls the tenant or profile disable', () => {
  it('when the tenant disables end call and the profile consult to queue, then neither is offered', async () => {
    const stack = await startStack({
      sandbox: {
        contactSeed: {
          ...defaultContactSeed,
          tenant: { ...defaultContactSeed.tenant, endCallEnabled: false },
          defaultProfile: { ...defaultContactSeed.defaultProfile, consultToQueue: false },
          profiles: {},
        },
      },
    });
    try {
      const agent = await availableAgent(stack, ALICE, '+14155550353');
      await availableAgent(stack, BRUNO, '+14155550354');
      await connectCall(stack, agent);
      const region = contactsRegion(agent.page);
      assert.doesNotMatch(region, /End call/);
      const consult = region.match(/<select[^>]*consult-target[\s\S]*?<\/select>/)?.[0] ?? '';
      assert.match(consult, /Bruno Becker/, 'consult to an agent is offered');
      assert.doesNotMatch(consult, /Queues/);
      assert.match(region, /Hold/);
    } finally {
      await stack.close();
    }
  });
});

describe('an HTTP refusal of a task action', () => {
  // The result wait is 30 s here: an answer that waited for an event would take that long and fail.
  const suite = contactStack({ perTest: true, services: { resultTimeoutMs: 30_000 } });

  it('when WxCC refuses a task action over HTTP, then the page says so at once, without waiting for a result event (issue 18: it waited 20 s)', async () => {
    const agent = await availableAgent(suite.stack, ALICE, '+14155550355');
    await availableAgent(suite.stack, BRUNO, '+14155550356');
    await connectCall(suite.stack, agent);
    for (const [action, fields] of [
      [/\/hold$/, {}],
      [/\/consult$/, { target: `agent:${BRUNO}` }],
    ] as const) {
      await suite.stack.control.fault({ target: 'tasks', kind: 'status', status: 500, count: 1 });
      const started = performance.now();
      const page = await contactAction(agent, action, fields);
      const tookMs = performance.now() - started;
      assert.match(statusText(page), /having trouble right now/);
      // Nothing waited on the event stream: well under even the default 20 s result wait.
      assert.ok(tookMs < 5000, `the refusal took ${Math.round(tookMs)} ms`);
      assert.match(contactsRegion(page), /Connected/);
    }
  });
});
