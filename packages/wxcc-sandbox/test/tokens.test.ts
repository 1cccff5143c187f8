// The sandbox's /access_token and /people/me: PKCE, one-time codes, non-rotating refresh, 401s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../src';
import { call, control } from './support/sandbox-client';
import {
  AGENTS,
  authorizeCode,
  obtainTokens,
  ORG_ID,
  pkcePair,
  startTestSandbox,
  TEST_CLIENT,
  tokenCall,
} from './support/sandbox-oauth';

const client = {
  client_id: TEST_CLIENT.clientId,
  client_secret: TEST_CLIENT.clientSecret,
  redirect_uri: TEST_CLIENT.redirectUris[0] ?? '',
};

describe('sandbox tokens and people', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  async function exchange(code: string, verifier?: string) {
    const form: Record<string, string> = { grant_type: 'authorization_code', ...client, code };
    if (verifier !== undefined) form.code_verifier = verifier;
    return tokenCall(sandbox, form);
  }

  it('when a code is exchanged with the right verifier, then Webex-shaped tokens come back', async () => {
    const { verifier, challenge } = pkcePair();
    const { status, body, headers } = await exchange(
      await authorizeCode(sandbox, { challenge }),
      verifier,
    );
    assert.equal(status, 200);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 43199);
    assert.equal(body.refresh_token_expires_in, 5183999);
    assert.match(String(body.access_token), new RegExp(`^[A-Za-z0-9]{64}_[A-Z0-9]+_${ORG_ID}$`));
    assert.match(String(body.refresh_token), new RegExp(`_${ORG_ID}$`));
    assert.equal(headers.get('cache-control'), 'no-store');
    assert.ok(headers.get('trackingid'));
  });

  it('when the verifier is wrong or missing, then invalid_grant', async () => {
    const { challenge } = pkcePair();
    const wrong = await exchange(await authorizeCode(sandbox, { challenge }), pkcePair().verifier);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error, 'invalid_grant');
    const missing = await exchange(await authorizeCode(sandbox, { challenge }));
    assert.equal(missing.body.error, 'invalid_grant');
  });

  it('when a code is used twice, then the second use is invalid_grant', async () => {
    const code = await authorizeCode(sandbox);
    assert.equal((await exchange(code)).status, 200);
    const again = await exchange(code);
    assert.equal(again.status, 400);
    assert.equal(again.body.error, 'invalid_grant');
  });

  it('when the client secret is wrong, then 400 invalid_client with a tracking id in body and header', async () => {
    const code = await authorizeCode(sandbox);
    const reply = await tokenCall(sandbox, {
      grant_type: 'authorization_code',
      ...client,
      client_secret: 'wrong',
      code,
    });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error, 'invalid_client');
    assert.ok(typeof reply.body.error_description === 'string');
    assert.equal(reply.body.trackingId, reply.headers.get('trackingid'));
  });

  it('when the body is JSON or the grant type unknown, then invalid_request / unsupported_grant_type', async () => {
    const json = await call(`${sandbox.webexApiBase}/access_token`, {
      method: 'POST',
      body: { grant_type: 'refresh_token', ...client },
    });
    assert.equal(json.status, 400);
    assert.equal((json.body as { error: string }).error, 'invalid_request');
    const grant = await tokenCall(sandbox, { grant_type: 'password', ...client });
    assert.equal(grant.body.error, 'unsupported_grant_type');
  });

  it('when refreshed, then a new access token and the same refresh token whose expiry does not slide', async (t) => {
    // The sandbox runs in this process: a mocked Date moves its token clock on by a second and
    // more without waiting for it (only Date; sockets and their timers stay real).
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const first = await obtainTokens(sandbox);
    t.mock.timers.tick(1100);
    const { status, body } = await tokenCall(sandbox, {
      grant_type: 'refresh_token',
      client_id: client.client_id,
      client_secret: client.client_secret,
      refresh_token: first.refresh_token,
    });
    assert.equal(status, 200);
    assert.notEqual(body.access_token, first.access_token);
    assert.equal(body.refresh_token, first.refresh_token);
    assert.ok(Number(body.refresh_token_expires_in) < first.refresh_token_expires_in);
  });

  it('when refresh tokens are revoked, then refreshing is invalid_grant', async () => {
    const tokens = await obtainTokens(sandbox, { agentId: AGENTS[2]?.id });
    const revoked = await control(sandbox, 'POST', '/tokens/revoke', { agentId: AGENTS[2]?.id });
    assert.deepEqual(revoked.body, { revoked: 1 });
    const { status, body } = await tokenCall(sandbox, {
      grant_type: 'refresh_token',
      client_id: client.client_id,
      client_secret: client.client_secret,
      refresh_token: tokens.refresh_token,
    });
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_grant');
  });

  it('when /people/me is read, then the person has base64 Webex ids of the agent and org', async () => {
    const agent = AGENTS[1]!;
    const tokens = await obtainTokens(sandbox, { agentId: agent.id });
    const reply = await call(`${sandbox.webexApiBase}/people/me`, { token: tokens.access_token });
    assert.equal(reply.status, 200);
    const person = reply.body as Record<string, unknown>;
    const decode = (id: unknown) => Buffer.from(String(id), 'base64').toString('utf8');
    assert.equal(decode(person.id), `ciscospark://us/PEOPLE/${agent.id}`);
    assert.equal(decode(person.orgId), `ciscospark://us/ORGANIZATION/${ORG_ID}`);
    assert.deepEqual(person.emails, [agent.email]);
    assert.equal(person.displayName, `${agent.firstName} ${agent.lastName}`);
    assert.equal(person.firstName, agent.firstName);
  });

  it('when the token is missing, wrong or expired, then 401 in the Webex envelope', async () => {
    const tokens = await obtainTokens(sandbox, { agentId: AGENTS[3]?.id });
    const url = `${sandbox.webexApiBase}/people/me`;
    await control(sandbox, 'POST', '/tokens/expire', { agentId: AGENTS[3]?.id });
    for (const token of [undefined, 'not-a-token', tokens.access_token]) {
      const reply = await call(url, { token });
      assert.equal(reply.status, 401);
      const body = reply.body as { message: string; errors: { description: string }[] };
      assert.ok(body.message);
      assert.ok(body.errors[0]?.description);
      assert.equal(
        (reply.body as { trackingId: string }).trackingId,
        reply.headers.get('trackingid'),
      );
    }
  });

  it('when the client sends a TrackingId, then the response echoes it', async () => {
    const reply = await call(`${sandbox.webexApiBase}/people/me`, {
      headers: { TrackingId: 'mydesk_1234-abcd' },
    });
    assert.equal(reply.headers.get('trackingid'), 'mydesk_1234-abcd');
  });
});
