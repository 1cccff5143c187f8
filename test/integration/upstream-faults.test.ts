// WxCC and Webex faults end on the right page with a human message, never a 500 or a hang.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';

describe('upstream faults during Agent Login', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  const cases = [
    { kind: 'status', status: 500, message: /having trouble right now/ },
    { kind: 'status', status: 503, message: /having trouble right now/ },
    { kind: 'timeout', message: /did not answer in time/ },
    { kind: 'reset', message: /could not reach Webex Contact Center/ },
    { kind: 'malformed', message: /could not read/ },
    { kind: 'rate_limit', message: /busy\. Please try again in (1 second|\d+ seconds)\./ },
    { kind: 'status', status: 400, message: /refused the request/ },
  ];

  for (const fault of cases) {
    it(`when login meets ${fault.kind} ${fault.status ?? ''}, then the station page explains it`, async () => {
      const browser = new HttpBrowser();
      const station = await connect(browser, stack);
      await stack.control.fault({ target: 'login', kind: fault.kind, status: fault.status });
      const started = Date.now();
      const page = await submit(browser, station, /\/station\/login/, {
        dialNumber: '+14155550140',
      });
      assert.ok(Date.now() - started < 6000, 'nothing hangs');
      assert.equal(page.status, 200);
      assert.match(page.text, fault.message);
      assert.match(page.text, /Agent Login/, 'the agent can try again from the same page');
      await stack.control.clearFaults();
    });
  }

  it('when the token endpoint fails during connect, then Connect is offered again with a message', async () => {
    const browser = new HttpBrowser();
    await stack.control.fault({ target: 'token', kind: 'status', status: 500 });
    const page = await connect(browser, stack);
    assert.equal(page.status, 200);
    assert.match(page.text, /Webex is having trouble/);
    assert.match(page.text, /Connect to WxCC/);
  });
});
