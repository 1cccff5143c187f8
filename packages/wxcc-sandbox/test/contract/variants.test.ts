// Every reading in variants.ts must be one the contract allows, or tests looping over them prove nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOTIFICATION_TYPES, validateNotification } from '../fixtures/notification-schemas';
import { validateRequest, validateResponse } from '../../src/spec-check/openapi-validator';
import {
  agentErrorBodies,
  agentErrorStatuses,
  authorizeErrorRedirects,
  configErrorBodies,
  findVariant,
  GRANTED_REFRESH_TOKEN,
  loginBodies,
  logoutMethods,
  notificationSamples,
  OAUTH_ERROR_CODES,
  sampleIds,
  tokenErrorBodies,
  tokenSuccessBodies,
  webexErrorBodies,
} from '../fixtures/variants';

const AGENT_CALLS = [
  ['POST', '/v1/agents/login'],
  ['PUT', '/v1/agents/logout'],
  ['POST', '/v1/agents/logout'],
  ['PUT', '/v1/agents/session/state'],
] as const;

describe('variants', () => {
  it('when logout is sent with each method, then each is an operation of the contract', () => {
    const body = { logoutReason: 'User requested logout' };
    for (const method of logoutMethods) {
      assert.deepEqual(validateRequest({ method, path: '/v1/agents/logout', body }), [], method);
    }
  });

  it('when a token error body is read, then it is either plain OAuth or the Webex envelope', () => {
    const codes = new Set<string>(OAUTH_ERROR_CODES);
    let oauth = 0;
    let envelope = 0;
    for (const { name, status, body } of tokenErrorBodies) {
      assert.equal(status, 400, name);
      if (body && 'error' in body) {
        assert.ok(codes.has(body.error) && body.error_description.length > 0, name);
        oauth += 1;
      } else {
        assert.ok(body && body.message && body.errors[0]?.description && body.trackingId, name);
        envelope += 1;
      }
    }
    assert.equal(oauth, OAUTH_ERROR_CODES.length);
    assert.equal(envelope, 1);
  });

  it('when an agents call fails with any variant at any error status, then the spec has no objection', () => {
    for (const [method, path] of AGENT_CALLS) {
      for (const status of agentErrorStatuses) {
        for (const variant of agentErrorBodies) {
          const issues = validateResponse({ method, path, status, body: variant.body });
          assert.deepEqual(issues, [], `${method} ${path} ${status} ${variant.name}`);
        }
      }
    }
  });

  it('when agent error variants are listed, then they cover errorType, the envelope, empty and text bodies', () => {
    const shapes = agentErrorBodies.map(({ body, contentType }) =>
      body === undefined || body === null
        ? 'empty'
        : typeof body === 'string'
          ? contentType
          : Object.keys(body).sort().join(','),
    );
    assert.ok(shapes.includes('errorType,trackingId'));
    assert.ok(shapes.includes('errors,message,trackingId'));
    assert.ok(shapes.includes('empty'));
    assert.ok(shapes.includes('text/plain'));
  });

  it('when a config call fails with each documented error body, then the spec accepts it', () => {
    for (const { name, status, body } of configErrorBodies) {
      const path = `/organization/${sampleIds.orgId}/v2/team`;
      assert.deepEqual(validateResponse({ method: 'GET', path, status, body }), [], name);
    }
  });

  it('when a config call is rate limited, then one reading has Retry-After and one has not', () => {
    const limited = configErrorBodies.filter(({ status }) => status === 429);
    assert.deepEqual(
      limited.map(({ headers }) => headers?.['Retry-After'] !== undefined),
      [true, false],
    );
  });

  it('when a token is refreshed, then the answers cover no rotation, rotation, both lifetimes and a scope', () => {
    const bodies = tokenSuccessBodies.map(({ body }) => body!);
    assert.ok(tokenSuccessBodies.every(({ status }) => status === 200));
    assert.ok(bodies.every((b) => b.token_type === 'Bearer' && b.expires_in > 0));
    assert.ok(bodies.some((b) => b.refresh_token === GRANTED_REFRESH_TOKEN));
    assert.ok(bodies.some((b) => b.refresh_token !== GRANTED_REFRESH_TOKEN));
    for (const days of [60, 90]) {
      assert.ok(
        bodies.some((b) => Math.round(b.refresh_token_expires_in / 86400) === days),
        `${days}`,
      );
    }
    assert.ok(bodies.some((b) => b.scope !== undefined));
    assert.ok(bodies.some((b) => b.scope === undefined));
  });

  it('when the consent fails, then every redirect names the error and echoes state', () => {
    for (const { name, query } of authorizeErrorRedirects) {
      assert.ok(query.error && query.state, name);
    }
    assert.ok(authorizeErrorRedirects.some(({ query }) => query.error_description === undefined));
    assert.ok(authorizeErrorRedirects.some(({ query }) => query.error === 'access_denied'));
  });

  it('when /people/me fails with each variant, then the spec accepts it, and its 429 says when to retry', () => {
    for (const { name, status, body } of webexErrorBodies) {
      assert.deepEqual(
        validateResponse({ method: 'GET', path: '/people/me', status, body }),
        [],
        name,
      );
    }
    const limited = webexErrorBodies.find(({ status }) => status === 429);
    assert.match(limited?.headers?.['Retry-After'] ?? '', /^\d+$/);
  });

  it('when a response is matched to variants, then its shape picks one and extra fields do not matter', () => {
    const sandboxStyle = {
      trackingId: 't',
      errorType: 'BAD_REQUEST',
      errorMessage: 'dialNumber: is required',
      reasonCode: 400,
      field: 'dialNumber',
    };
    assert.match(findVariant(agentErrorBodies, { body: sandboxStyle })?.name ?? '', /task-error/);
    assert.equal(
      findVariant(agentErrorBodies, { body: { errorType: 'X', trackingId: 't' } })?.name,
      'errorType (what the SDK reads)',
    );
    assert.equal(findVariant(agentErrorBodies, {})?.name, 'empty body');
    assert.equal(
      findVariant(agentErrorBodies, { body: 'Bad Gateway' })?.name,
      'text/plain from a gateway',
    );
    assert.equal(findVariant(agentErrorBodies, { body: { errorType: 400 } }), undefined);
    assert.equal(findVariant(agentErrorBodies, { body: ['errorType'] }), undefined);
    const grant = { error: 'invalid_grant', error_description: 'expired', trackingId: 't' };
    assert.equal(findVariant(tokenErrorBodies, { body: grant })?.name, 'OAuth invalid_grant');
  });

  it('when each login shape is sent, then the spec accepts it and deviceId fits its 43 characters', () => {
    for (const { name, body } of loginBodies) {
      assert.deepEqual(
        validateRequest({ method: 'POST', path: '/v1/agents/login', body }),
        [],
        name,
      );
    }
  });

  it('when every notification sample is validated, then none has an issue', () => {
    for (const { name, event } of notificationSamples) {
      assert.deepEqual(validateNotification(event), [], name);
    }
  });

  it('when samples are listed, then every OUTER/INNER pair in the contract has at least one', () => {
    const covered = new Set(
      notificationSamples.map(({ outer, inner }) => `${outer}/${inner ?? ''}`),
    );
    for (const [outer, inners] of Object.entries(NOTIFICATION_TYPES)) {
      for (const inner of inners.length > 0 ? inners : ['']) {
        assert.ok(covered.has(`${outer}/${inner}`), `${outer}/${inner}`);
      }
    }
    const reasons = notificationSamples.map(
      ({ event }) => (event.data as { reason?: string }).reason,
    );
    for (const reason of ['DUPLICATE_LOCATION', 'INVALID_DIAL_NUMBER', 'AGENT_NOT_FOUND']) {
      assert.ok(reasons.includes(reason), reason);
    }
    assert.ok(
      notificationSamples.some(({ name }) => /supervisor/.test(name) && /StateChange/.test(name)),
    );
  });
});
