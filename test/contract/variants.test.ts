// Every reading in variants.ts must be one the contract allows, or tests looping over them prove nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOTIFICATION_TYPES, validateNotification } from '../../src/contract/notification-schemas';
import { validateRequest, validateResponse } from '../../src/contract/openapi-validator';
import {
  agentErrorBodies,
  agentErrorStatuses,
  configErrorBodies,
  loginBodies,
  logoutMethods,
  notificationSamples,
  OAUTH_ERROR_CODES,
  sampleIds,
  tokenErrorBodies,
} from '../../src/contract/variants';

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
