// /metrics scraped after a full call: the figures the team that runs the desktop watches, with no
// agent or interaction id among the labels, and the endpoint closed off as production needs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import request from 'supertest';
import { createMetrics, endpointOf } from '../../src/metrics/metrics';
import { metricsRoute } from '../../src/routes/metrics-route';
import {
  ALICE,
  availableAgent,
  connectCall,
  contactAction,
  hangUp,
  pageUntil,
} from '../helpers/contacts';
import { openEventStream } from '../helpers/event-stream';
import { startStack, type Stack } from '../helpers/stack';

/** The value of one sample line, e.g. `name{label="x"} 3`. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('/metrics after a full call', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('when an agent handled a call with the page open, then sessions, sockets, upstream calls, event lag and streams are counted, and no id is a label', async () => {
    const agent = await availableAgent(stack, ALICE, '+14155550391');
    const stream = await openEventStream(agent.browser, `${stack.url}/events`);
    try {
      const id = await connectCall(stack, agent);
      const events = async () =>
        sample(
          await (await fetch(`${stack.url}/metrics`)).text(),
          'wxcc_desktop_wxcc_events_total',
        );
      const beforeHold = (await events()) ?? 0;
      assert.ok(
        beforeHold >= 4,
        `station login, state and the call's events counted: ${beforeHold}`,
      );
      await contactAction(agent, /\/hold$/);
      // The hold's one event (AgentContactHeld), counted once it is stored.
      assert.equal(await events(), beforeHold + 1);
      await contactAction(agent, /\/resume$/);
      await hangUp(stack, id);
      await pageUntil(agent, stack, /Wrap-up reason/);
      await contactAction(agent, /\/wrapup$/);
      const text = (await (await fetch(`${stack.url}/metrics`)).text()) as string;
      assert.equal(sample(text, 'wxcc_desktop_agent_sessions'), 1);
      assert.equal(sample(text, 'wxcc_desktop_wxcc_sockets', 'state="open"'), 1);
      assert.equal(sample(text, 'wxcc_desktop_live_streams'), 1);
      assert.equal(
        sample(
          text,
          'wxcc_desktop_upstream_requests_total',
          'method="POST",endpoint="/wxcc/v1/tasks/:id/hold",status="202"',
        ),
        1,
      );
      assert.ok((sample(text, 'wxcc_desktop_event_lag_seconds_count') ?? 0) > 0, 'event lag');
      assert.ok((sample(text, 'wxcc_desktop_sessions_started_total', 'reason="fresh"') ?? 0) >= 1);
      assert.ok(sample(text, 'wxcc_desktop_process_cpu_user_seconds_total') !== undefined);
      assert.ok(!text.includes(ALICE), 'no agent id in any label');
      assert.ok(!text.includes(id), 'no interaction id in any label');
    } finally {
      stream.close();
    }
  });
});

describe('/metrics access', () => {
  const app = (token: string | undefined, production: boolean) => {
    const metrics = createMetrics();
    const a = express();
    a.use(metricsRoute(metrics.registry, { token, production }));
    a.use((_req, res) => void res.status(404).send('not found'));
    return a;
  };

  it('when production has no token, then /metrics is not served', async () => {
    assert.equal((await request(app(undefined, true)).get('/metrics')).status, 404);
  });

  it('when a token is set, then only a request with it is answered', async () => {
    const served = app('m'.repeat(24), true);
    assert.equal((await request(served).get('/metrics')).status, 401);
    assert.equal(
      (await request(served).get('/metrics').set('Authorization', 'Bearer wrong')).status,
      401,
    );
    const ok = await request(served)
      .get('/metrics')
      .set('Authorization', `Bearer ${'m'.repeat(24)}`);
    assert.equal(ok.status, 200);
    assert.match(ok.text, /wxcc_desktop_process_cpu_user_seconds_total/);
  });

  it('when a URL names agents or interactions, then its endpoint label is a template', () => {
    assert.equal(
      endpointOf('http://x/wxcc/v1/tasks/0ae913a4-c857-4705-8d49-76dd3dde75e4/hold'),
      '/wxcc/v1/tasks/:id/hold',
    );
    assert.equal(
      endpointOf('http://x/organization/AXCZ6mPk_di6m3ouq5cV/v2/team'),
      '/organization/:id/v2/team',
    );
    assert.equal(endpointOf('http://x/v1/people/me'), '/v1/people/me');
  });
});
