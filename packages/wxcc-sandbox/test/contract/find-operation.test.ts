// Which operation a method and path belong to: the lookup the app and the sandbox share.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findOperation } from '../../src/spec-check/openapi-validator';
import { logoutMethods, sampleIds } from '../fixtures/variants';

describe('findOperation', () => {
  it('when a path fills a template, then the template and Cisco’s operationId come back', () => {
    assert.deepEqual(findOperation('GET', `/organization/${sampleIds.orgId}/v2/team`), {
      operationId: 'getAllConfigWithMetaData_4',
      pathTemplate: '/organization/{orgid}/v2/team',
    });
    assert.equal(
      findOperation('get', `/organization/o1/v2/user/by-ci-user-id/${sampleIds.agentId}`)
        ?.pathTemplate,
      '/organization/{orgid}/v2/user/by-ci-user-id/{id}',
    );
    assert.equal(
      findOperation('GET', '/organization/o1/agent-profile/p%2F1')?.operationId,
      'getConfig_28',
    );
  });

  it('when a path has a query string or a trailing slash, then it still matches', () => {
    assert.equal(
      findOperation('GET', '/organization/o1/v2/auxiliary-code?page=0')?.operationId,
      'getAllConfigWithMetaData_21',
    );
    assert.equal(findOperation('POST', '/v1/agents/login/')?.operationId, 'loginRoute');
  });

  it('when logout is sent with PUT or POST, then each finds its own operation', () => {
    const ids = logoutMethods.map(
      (method) => findOperation(method, '/v1/agents/logout')?.operationId,
    );
    assert.deepEqual(ids, ['logoutRoute', 'logoutRoutePost']);
  });

  it('when /people/me is asked for, then the messaging spec answers', () => {
    assert.equal(findOperation('GET', '/people/me')?.pathTemplate, '/people/me');
  });

  it('when the method, the path or a base prefix is wrong, then nothing matches', () => {
    assert.equal(findOperation('GET', '/v1/agents/login'), undefined);
    assert.equal(findOperation('GET', '/organization/o1/v2/team/extra'), undefined);
    assert.equal(findOperation('POST', '/wxcc/v1/agents/login'), undefined);
    assert.equal(findOperation('GET', '/organization//v2/team'), undefined);
  });
});
