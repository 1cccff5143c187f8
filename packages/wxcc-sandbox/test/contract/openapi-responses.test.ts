// The response side of the contract: documented statuses, and bodies checked for types, required fields and enums.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { validateResponse, type ContractIssue } from '../../src/spec-check/openapi-validator';
import { sampleIds } from '../fixtures/variants';

const messages = (issues: ContractIssue[]) => issues.map((found) => found.message);
const org = `/organization/${sampleIds.orgId}`;

const subscription = {
  webSocketUrl:
    'wss://api.wxcc-us1.cisco.com/v1/notification/subscription/AgentDesktop-ffffffac0f-39fa-4122-80d8-f2c2266e6391',
  subscriptionId: 'AgentDesktop-ffffffac0f-39fa-4122-80d8-f2c2266e6391',
};
const idleCode = {
  id: sampleIds.idleCodeId,
  name: 'Lunch',
  active: true,
  isSystemCode: false,
  defaultCode: false,
  workTypeCode: 'IDLE_CODE',
  workTypeId: '19edbcf9-2dea-438b-bdae-446139a5d1fd',
};
const page = { orgid: sampleIds.orgId, page: 0, pageSize: 100, totalPages: 1, totalRecords: 1 };

describe('validateResponse accepts what the spec documents', () => {
  it('when subscribe answers 200 with a websocket URL and an SDK-style id, then there is no issue', () => {
    const res = {
      method: 'POST',
      path: '/v1/notification/subscribe',
      status: 200,
      body: subscription,
    };
    assert.deepEqual(validateResponse(res), []);
  });

  it('when an agents call answers 202 with or without a body, then there is no issue', () => {
    for (const [method, path] of [
      ['POST', '/v1/agents/login'],
      ['PUT', '/v1/agents/logout'],
      ['POST', '/v1/agents/logout'],
      ['PUT', '/v1/agents/session/state'],
      ['POST', '/v1/agents/reload'],
    ] as const) {
      assert.deepEqual(validateResponse({ method, path, status: 202 }), [], `${method} ${path}`);
      assert.deepEqual(
        validateResponse({ method, path, status: 202, body: { trackingId: 't' } }),
        [],
      );
    }
  });

  it('when config lists and records come back as documented, then there is no issue', () => {
    const team = {
      id: sampleIds.teamId,
      name: 'Sales',
      teamType: 'AGENT',
      teamStatus: 'IN_SERVICE',
      active: true,
      siteId: sampleIds.siteId,
      siteName: 'HQ',
      userIds: [sampleIds.agentId],
    };
    const user = {
      id: 'u1',
      ciUserId: sampleIds.agentId,
      teamIds: [sampleIds.teamId],
      agentProfileId: 'p1',
      siteId: sampleIds.siteId,
      deafultDialledNumber: sampleIds.dialNumber,
    };
    const profile = {
      name: 'Agents',
      parentType: 'ORGANIZATION',
      active: true,
      accessBuddyTeam: 'ALL',
      accessEntryPoint: 'ALL',
      accessIdleCode: 'SPECIFIC',
      idleCodes: [sampleIds.idleCodeId],
      accessQueue: 'ALL',
      accessWrapUpCode: 'ALL',
      agentDNValidation: 'ALL',
      loginVoiceOptions: ['AGENT_DN', 'EXTENSION', 'BROWSER'],
      dialPlanEnabled: false,
      dialPlans: [],
      timeoutDesktopInactivityMins: 15,
    };
    const cases = [
      [`${org}/v2/team`, { meta: page, data: [team] }],
      [`${org}/v2/auxiliary-code`, { meta: page, data: [idleCode] }],
      [`${org}/v2/user/by-ci-user-id/${sampleIds.agentId}`, user],
      [`${org}/agent-profile/p1`, profile],
      [
        '/people/me',
        { id: 'Y2lz', emails: ['a@example.com'], displayName: 'Alex Agent', orgId: 'Y2lz' },
      ],
    ] as const;
    for (const [path, body] of cases) {
      assert.deepEqual(validateResponse({ method: 'GET', path, status: 200, body }), [], path);
    }
  });

  it('when a real service adds fields the spec does not list, then that is tolerated', () => {
    const body = { ...subscription, region: 'us1', data: { more: true } };
    assert.deepEqual(
      validateResponse({ method: 'POST', path: '/v1/notification/subscribe', status: 200, body }),
      [],
    );
  });

  it('when the spec’s own examples are checked, then only the team list’s placeholder timestamps fail', () => {
    // The example writes createdTime/lastUpdatedTime as "string" where the schema says int64; the
    // auxiliary-code example (1617536244000) shows the integer is what the service sends.
    const spec = JSON.parse(
      readFileSync(new URL('../../specs/wxcc-openapi.json', import.meta.url), 'utf8'),
    );
    const example =
      spec.paths['/organization/{orgid}/v2/team'].get.responses['200'].content['*/*'].example;
    assert.deepEqual(
      messages(
        validateResponse({ method: 'GET', path: `${org}/v2/team`, status: 200, body: example }),
      ),
      ['data[0].createdTime: must be integer', 'data[0].lastUpdatedTime: must be integer'],
    );
  });
});

describe('validateResponse rejects what the spec rules out', () => {
  it('when a status is not documented for the operation, then it is a status issue', () => {
    const [found] = validateResponse({ method: 'POST', path: '/v1/agents/reload', status: 400 });
    assert.equal(found?.where, 'status');
    assert.equal(
      found?.message,
      'status: 400 is not documented for POST /v1/agents/reload (documented: 202, 401, 403, 500, 503)',
    );
    assert.equal(
      validateResponse({ method: 'POST', path: '/v1/agents/login', status: 200 })[0]?.where,
      'status',
    );
  });

  it('when a required field is missing or mistyped, then the field is named', () => {
    const res = { method: 'POST', path: '/v1/notification/subscribe', status: 200 };
    assert.deepEqual(messages(validateResponse({ ...res, body: { webSocketUrl: 42 } })), [
      'subscriptionId: is required',
      'webSocketUrl: must be string',
    ]);
    assert.deepEqual(messages(validateResponse({ ...res })), [
      '(body): is required: the spec documents a JSON body for 200',
    ]);
  });

  it('when a nested value breaks an enumeration or a type, then its full path is named', () => {
    const body = { meta: page, data: [{ ...idleCode, workTypeCode: 'IDLE', active: 'yes' }] };
    assert.deepEqual(
      messages(
        validateResponse({ method: 'GET', path: `${org}/v2/auxiliary-code`, status: 200, body }),
      ),
      [
        'data[0].active: must be boolean',
        'data[0].workTypeCode: must be one of "IDLE_CODE", "WRAP_UP_CODE"',
      ],
    );
  });

  it('when a config error body has the wrong shape, then it is reported', () => {
    const body = { trackingId: 't', error: { key: 404, message: 'not found' } };
    assert.deepEqual(
      messages(
        validateResponse({ method: 'GET', path: `${org}/agent-profile/p1`, status: 404, body }),
      ),
      ['error.key: must be string', 'error.message: must be array'],
    );
  });
});
