// The request side of the contract: what the app sends must be what Cisco's spec defines, and nothing more.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateRequest, type ContractIssue } from '../../src/spec-check/openapi-validator';
import { loginBodies, logoutMethods, sampleIds } from '../fixtures/variants';

const messages = (issues: ContractIssue[]) => issues.map((found) => found.message);
const login = (body: unknown) =>
  validateRequest({ method: 'POST', path: '/v1/agents/login', body });
const validLogin = loginBodies[0].body;

describe('validateRequest accepts what the spec defines', () => {
  for (const { name, body } of loginBodies) {
    it(`when an agent logs in with ${name}, then there is no issue`, () => {
      assert.deepEqual(login(body), []);
    });
  }

  it('when the agent logs out with PUT or POST, then there is no issue', () => {
    for (const method of logoutMethods) {
      const body = { logoutReason: 'User requested logout', agentId: sampleIds.agentId };
      assert.deepEqual(validateRequest({ method, path: '/v1/agents/logout', body }), []);
    }
  });

  it('when the state changes to Available or to Idle with a reason, then there is no issue', () => {
    const path = '/v1/agents/session/state';
    assert.deepEqual(
      validateRequest({ method: 'PUT', path, body: { state: 'Available', auxCodeId: '0' } }),
      [],
    );
    const idle = {
      state: 'Idle',
      auxCodeId: sampleIds.idleCodeId,
      lastStateChangeReason: 'Lunch',
      agentId: sampleIds.agentId,
    };
    assert.deepEqual(validateRequest({ method: 'PUT', path, body: idle }), []);
  });

  it('when reload is sent with no body or the SDK’s {}, then there is no issue', () => {
    assert.deepEqual(validateRequest({ method: 'POST', path: '/v1/agents/reload' }), []);
    assert.deepEqual(validateRequest({ method: 'POST', path: '/v1/agents/reload', body: {} }), []);
  });

  it('when the app subscribes with every option or none, then there is no issue', () => {
    const path = '/v1/notification/subscribe';
    const body = {
      isKeepAliveEnabled: true,
      clientType: 'AgentDesktop',
      allowMultiLogin: false,
      force: true,
    };
    assert.deepEqual(validateRequest({ method: 'POST', path, body }), []);
    assert.deepEqual(validateRequest({ method: 'POST', path }), []);
  });

  it('when config lists are paged, then query strings are read as the integers the spec declares', () => {
    const path = `/organization/${sampleIds.orgId}/v2/auxiliary-code`;
    const query = { page: '0', pageSize: '100', filter: 'workTypeCode=="IDLE_CODE"' };
    assert.deepEqual(validateRequest({ method: 'GET', path, query }), []);
    assert.deepEqual(validateRequest({ method: 'GET', path: `${path}?page=1&pageSize=50` }), []);
    assert.deepEqual(
      validateRequest({ method: 'GET', path: '/people/me', query: { callingData: 'true' } }),
      [],
    );
  });
});

describe('validateRequest rejects drift, naming the field', () => {
  it('when a required field is missing, then it says which', () => {
    assert.deepEqual(messages(login({ dialNumber: '1001' })), ['roles: is required']);
    const logout = validateRequest({
      method: 'PUT',
      path: '/v1/agents/logout',
      body: { agentId: 'a' },
    });
    assert.deepEqual(logout, [
      { where: 'body', field: 'logoutReason', message: 'logoutReason: is required' },
    ]);
  });

  it('when a field is longer than the spec allows, then it says how long it may be', () => {
    assert.deepEqual(messages(login({ ...validLogin, dialNumber: '1'.repeat(44) })), [
      'dialNumber: must NOT have more than 43 characters',
    ]);
    const subscribe = { clientType: 'x'.repeat(21) };
    assert.deepEqual(
      messages(
        validateRequest({ method: 'POST', path: '/v1/notification/subscribe', body: subscribe }),
      ),
      ['clientType: must NOT have more than 20 characters'],
    );
  });

  it('when a value is outside an enumeration, then it lists the allowed ones', () => {
    const state = validateRequest({
      method: 'PUT',
      path: '/v1/agents/session/state',
      body: { state: 'Busy', auxCodeId: '0' },
    });
    assert.deepEqual(messages(state), ['state: must be one of "Available", "Idle"']);
    // Not roles: Cisco's Postman collection sends ["Agent"], so the spec's prose enum is not applied
    // (the sandbox reads roles without case instead; see test/cisco-clients.test.ts).
    assert.deepEqual(messages(login({ ...validLogin, roles: ['Agent'] })), []);
    assert.deepEqual(messages(login({ ...validLogin, deviceType: 'PHONE' })), [
      'deviceType: must be one of "AGENT_DN", "EXTENSION", "BROWSER"',
    ]);
  });

  it('when the app sends a field the spec does not define, then that field is named', () => {
    assert.deepEqual(login({ ...validLogin, teamName: 'Sales' }), [
      { where: 'body', field: 'teamName', message: 'teamName: is not defined by the spec' },
    ]);
  });

  it('when a value has the wrong type, then the expected type is named', () => {
    assert.deepEqual(messages(login({ ...validLogin, isExtension: 'false', roles: 'agent' })), [
      'isExtension: must be boolean',
      'roles: must be array',
    ]);
    assert.deepEqual(messages(login('dialNumber=1001')), ['(body): must be object']);
  });

  it('when a query parameter is unknown or mistyped, then it is reported under query', () => {
    const path = `/organization/${sampleIds.orgId}/v2/team`;
    const issues = validateRequest({
      method: 'GET',
      path,
      query: { pageSize: 'lots', sort: 'name' },
    });
    assert.deepEqual(
      issues.map(({ where, field }) => `${where}:${field}`),
      ['query:sort', 'query:pageSize'],
    );
  });

  it('when a body is required or forbidden, then its absence or presence is reported', () => {
    assert.deepEqual(messages(login(undefined)), ['(body): is required']);
    const reload = validateRequest({
      method: 'POST',
      path: '/v1/agents/reload',
      body: { force: true },
    });
    assert.deepEqual(messages(reload), ['(body): the spec defines no request body']);
  });

  it('when the operation is not in the contract, then one issue names the method and path', () => {
    assert.deepEqual(validateRequest({ method: 'GET', path: '/v1/agents/session' }), [
      {
        where: 'path',
        field: 'GET /v1/agents/session',
        message: 'GET /v1/agents/session: no operation in the contract has this path',
      },
    ]);
    const wrongMethod = validateRequest({ method: 'GET', path: '/v1/agents/login' });
    assert.deepEqual(messages(wrongMethod), [
      'GET /v1/agents/login: method not in the contract (documented: POST)',
    ]);
  });
});
