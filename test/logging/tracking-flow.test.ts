// The WxCC tracking id across a request and the job it sets off (issue 19): the agent ends a call,
// the desktop sends WxCC the request's id, WxCC echoes it in the wrap-up event, and the session's
// auto wrap-up runs under it; and a storm of identical upstream failures logs one line, not one each.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';
import {
  ALICE,
  CHIARA,
  availableAgent,
  connectCall,
  contactAction,
  contactsRegion,
} from '../helpers/contacts';
import { startStack, submit, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

type Line = Record<string, unknown> & { msg?: string; reqId?: string; trackingId?: string };

function lines(stack: Stack): Line[] {
  return stack.logs.flatMap((text) =>
    text
      .split('\n')
      .filter((l) => l.trim().startsWith('{'))
      .map((l) => JSON.parse(l) as Line),
  );
}

/** Chiara's Phone Agent profile wraps up by itself after one second. */
function autoWrapStack() {
  const phone = defaultContactSeed.profiles['Phone Agent']!;
  return startStack({
    sandbox: {
      contactSeed: {
        ...defaultContactSeed,
        profiles: {
          ...defaultContactSeed.profiles,
          'Phone Agent': { ...phone, autoWrapUp: true, autoWrapAfterSeconds: 1 },
        },
      },
    },
  });
}

describe('tracking id in the logs', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when the agent ends a call and the session wraps up by itself, then every line of the request and of the wrap-up job carries the request’s tracking id', async () => {
    stack = await autoWrapStack();
    const agent = await availableAgent(stack, CHIARA, '+442079460351');
    const interactionId = await connectCall(stack, agent);
    await contactAction(agent, /\/end$/);
    assert.match(contactsRegion(agent.page), /Wrapped up with the default reason/);
    const current = stack;
    // The job logs "auto wrap-up", then sends it: wait for the call's line.
    await waitFor(
      async () =>
        lines(current).some(
          (l) => l.msg === 'upstream call' && String(l.url).endsWith(`/${interactionId}/wrapup`),
        ),
      5000,
    );
    const all = lines(stack);
    const end = all.find(
      (l) => l.msg === 'request completed' && l.path === `/contacts/${interactionId}/end`,
    );
    assert.ok(end?.reqId, 'the End request is logged');
    const trackingId = `agentdesktop_${end.reqId}`;
    assert.equal(end.trackingId, trackingId);

    // The request's own lines: its upstream call (WxCC echoed the id, so no other id is named).
    const ofRequest = all.filter((l) => l.reqId === end.reqId);
    const endCall = all.find(
      (l) => l.msg === 'upstream call' && String(l.url).endsWith(`/${interactionId}/end`),
    );
    assert.ok(endCall, 'the End call to WxCC is logged');
    for (const line of [...ofRequest, endCall]) {
      assert.equal(line.trackingId, trackingId, JSON.stringify(line));
      assert.equal(line.upstreamTrackingId, undefined, JSON.stringify(line));
    }
    // The follow-up job: the auto wrap-up and the wrap-up it sent to WxCC, a second later.
    const job = all.filter(
      (l) =>
        (l.msg === 'auto wrap-up' && l.interactionId === interactionId) ||
        (l.msg === 'upstream call' && String(l.url).endsWith(`/${interactionId}/wrapup`)),
    );
    assert.equal(job.length, 2, JSON.stringify(job));
    for (const line of job) assert.equal(line.trackingId, trackingId, JSON.stringify(line));
    // Nothing else claims the id: the socket and other requests run under their own.
    const other = all.find(
      (l) => l.msg === 'request completed' && l.reqId !== end.reqId && l.trackingId === trackingId,
    );
    assert.equal(other, undefined);
  });

  it('when WxCC refuses twenty state changes in a row, then the failed upstream call is logged once', async () => {
    stack = await startStack();
    const agent = await availableAgent(stack, ALICE, '+14155550352');
    await stack.control.fault({ target: 'state', kind: 'status', status: 503, count: 20 });
    const before = lines(stack).length;
    for (let i = 0; i < 20; i += 1) {
      agent.page = await submit(agent.browser, agent.page, /\/station\/state/, {}, 'Go Idle');
    }
    const storm = lines(stack).slice(before);
    const failed = storm.filter((l) => l.msg === 'upstream call' && l.level === 'warn');
    assert.equal(failed.length, 1, JSON.stringify(failed));
    assert.equal(failed[0]?.status, 503);
    // Each of the agent's twenty requests still has its own line.
    const requests = storm.filter(
      (l) => l.msg === 'request completed' && l.path === '/station/state',
    );
    assert.equal(requests.length, 20);
  });
});
