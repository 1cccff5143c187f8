// Injected faults: error statuses in each service's shape, hangs, resets, garbage and rate limits.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../src';
import { call, control, wxcc } from './support/sandbox-client';
import {
  obtainTokens,
  ORG_ID,
  startTestSandbox,
  tokenCall,
  TEST_CLIENT,
} from './support/sandbox-oauth';

describe('sandbox faults', () => {
  let sandbox: RunningSandbox;
  let token: string;
  before(async () => {
    sandbox = await startTestSandbox();
    token = (await obtainTokens(sandbox)).access_token;
  });
  afterEach(() => control(sandbox, 'DELETE', '/faults'));
  after(() => sandbox.close());

  const fault = (spec: Record<string, unknown>) => control(sandbox, 'POST', '/faults', spec);
  const reload = () => call(wxcc(sandbox, '/v1/agents/reload'), { method: 'POST', token });
  const people = () => call(`${sandbox.webexApiBase}/people/me`, { token });
  const teams = () => call(`${sandbox.wxccApiBase}/organization/${ORG_ID}/v2/team`, { token });
  const refresh = () =>
    tokenCall(sandbox, {
      grant_type: 'refresh_token',
      client_id: TEST_CLIENT.clientId,
      client_secret: TEST_CLIENT.clientSecret,
      refresh_token: 'whatever',
    });

  it('when a status fault is armed for N calls, then exactly N calls fail, each in its service’s shape', async () => {
    assert.equal(
      (await fault({ target: 'reload', kind: 'status', status: 503, count: 2 })).status,
      201,
    );
    const first = await reload();
    assert.equal(first.status, 503);
    assert.equal((first.body as { errorType: string }).errorType, 'SERVICE_UNAVAILABLE');
    assert.equal((await reload()).status, 503);
    assert.equal((await reload()).status, 202);

    await fault({ target: 'people', kind: 'status', status: 500 });
    const person = await people();
    assert.equal(person.status, 500);
    assert.ok((person.body as { errors: unknown[] }).errors.length > 0);

    await fault({ target: 'config', kind: 'status', status: 403 });
    const config = await teams();
    assert.equal((config.body as { error: { key: string } }).error.key, '403');

    await fault({ target: 'token', kind: 'status', status: 500 });
    const tokenReply = await refresh();
    assert.equal(tokenReply.status, 500);
    assert.equal(tokenReply.body.error, 'server_error');
  });

  it('when a timeout fault is armed, then the call never answers until the client gives up', async () => {
    await fault({ target: 'people', kind: 'timeout' });
    const started = Date.now();
    await assert.rejects(
      fetch(`${sandbox.webexApiBase}/people/me`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(300),
      }),
      (error: Error) => error.name === 'TimeoutError',
    );
    assert.ok(Date.now() - started >= 290);
    assert.equal((await people()).status, 200);
  });

  it('when a reset fault is armed, then the connection is destroyed', async () => {
    await fault({ target: 'login', kind: 'reset' });
    await assert.rejects(
      call(wxcc(sandbox, '/v1/agents/login'), { method: 'POST', token, body: {} }),
      /fetch failed/,
    );
  });

  it('when a malformed fault is armed, then a 2xx with a body that is not JSON', async () => {
    await fault({ target: 'subscribe', kind: 'malformed' });
    const subscribe = await call(wxcc(sandbox, '/v1/notification/subscribe'), {
      method: 'POST',
      token,
      body: {},
    });
    assert.equal(subscribe.status, 200);
    assert.equal(subscribe.body, undefined);
    assert.throws(() => JSON.parse(subscribe.text));
    await fault({ target: 'reload', kind: 'malformed' });
    assert.equal((await reload()).status, 202);
  });

  it('when a rate_limit fault is armed on any target, then 429 with Retry-After', async () => {
    await fault({ target: 'any', kind: 'rate_limit', retryAfterSec: 7 });
    const limited = await teams();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal((await teams()).status, 200);
  });

  it('when a fault has a delay, then the answer comes after it', async () => {
    await fault({ target: 'config', kind: 'status', status: 500, delayMs: 200 });
    const started = Date.now();
    assert.equal((await teams()).status, 500);
    assert.ok(Date.now() - started >= 190);
  });

  it('when faults are cleared, then calls succeed again', async () => {
    await fault({ target: 'any', kind: 'status', count: 100 });
    assert.equal((await control(sandbox, 'GET', '/faults')).text.includes('"any"'), true);
    assert.equal((await control(sandbox, 'DELETE', '/faults')).status, 204);
    assert.equal((await people()).status, 200);
  });

  it('when the fault input is wrong, then 400 with a clear message', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ target: 'moon', kind: 'status' }, /target must be one of/],
      [{ target: 'login', kind: 'explode' }, /kind must be one of/],
      [{ target: 'login', kind: 'status', status: 200 }, /status must be/],
      [{ target: 'login', kind: 'status', count: 0 }, /count must be/],
      [{ target: 'login', kind: 'rate_limit', retryAfterSec: 'soon' }, /retryAfterSec must be/],
    ];
    for (const [spec, message] of cases) {
      const reply = await fault(spec);
      assert.equal(reply.status, 400);
      assert.match((reply.body as { error: string }).error, message);
    }
    const notJson = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{nope',
    });
    assert.equal(notJson.status, 400);
    assert.match(((await notJson.json()) as { error: string }).error, /not valid JSON/);
  });
});
