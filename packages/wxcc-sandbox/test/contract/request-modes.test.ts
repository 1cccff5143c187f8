// validateRequest's two modes: closed for the app's requests (tests), open for what a service receives (the sandbox).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileRequestValidators,
  validateRequest,
  type ContractIssue,
} from '../../src/spec-check/openapi-validator';
import { loginBodies, sampleIds } from '../fixtures/variants';

const messages = (issues: ContractIssue[]) => issues.map((found) => found.message);
const login = (body: unknown) =>
  validateRequest({ method: 'POST', path: '/v1/agents/login', body });
const validLogin = loginBodies[0].body;

describe('validateRequest with allowUnknownFields, as a service reads requests', () => {
  const open = { allowUnknownFields: true };
  const teams = `/organization/${sampleIds.orgId}/v2/team`;
  // What Cisco's SDK adds to a login, with the values it sends.
  const sdkLogin = { ...validLogin, teamName: '', siteId: '', usesOtherDN: false, auxCodeId: '' };

  it('when a body or query carries fields the spec does not define, then only the strict mode objects', () => {
    assert.deepEqual(
      messages(login(sdkLogin)),
      ['teamName', 'siteId', 'usesOtherDN', 'auxCodeId'].map(
        (f) => `${f}: is not defined by the spec`,
      ),
    );
    assert.deepEqual(
      validateRequest({ method: 'POST', path: '/v1/agents/login', body: sdkLogin }, open),
      [],
    );
    const query = { pageSize: '10', sort: 'name' };
    assert.equal(validateRequest({ method: 'GET', path: teams, query }).length, 1);
    assert.deepEqual(validateRequest({ method: 'GET', path: teams, query }, open), []);
    const reload = { method: 'POST', path: '/v1/agents/reload', body: { force: true } };
    assert.equal(validateRequest(reload).length, 1);
    assert.deepEqual(validateRequest(reload, open), []);
  });

  it('when a defined field breaks the spec, then the open mode names it just the same', () => {
    const body = { ...sdkLogin, dialNumber: '1'.repeat(44), deviceType: 'PHONE' };
    assert.deepEqual(
      messages(validateRequest({ method: 'POST', path: '/v1/agents/login', body }, open)),
      [
        'dialNumber: must NOT have more than 43 characters',
        'deviceType: must be one of "AGENT_DN", "EXTENSION", "BROWSER"',
      ],
    );
    assert.deepEqual(
      messages(validateRequest({ method: 'GET', path: teams, query: { pageSize: 'ten' } }, open)),
      ['pageSize: must be integer'],
    );
    assert.deepEqual(
      messages(validateRequest({ method: 'POST', path: '/v1/agents/login' }, open)),
      ['(body): is required'],
    );
  });

  it('when a query value is coerced to check it, then the caller’s object is left as it was', () => {
    const query = { page: ['2'], pageSize: '5' };
    assert.deepEqual(validateRequest({ method: 'GET', path: teams, query }, open), []);
    assert.deepEqual(query, { page: ['2'], pageSize: '5' });
  });

  it('when 10,000 requests are checked in each mode, then each takes well under a millisecond', () => {
    // Validators are compiled once; recompiling per call would cost milliseconds each.
    compileRequestValidators(open);
    compileRequestValidators();
    for (const options of [open, {}]) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 10_000; i++) {
        validateRequest({ method: 'POST', path: '/v1/agents/login', body: validLogin }, options);
      }
      const microsPerCall = Number(process.hrtime.bigint() - started) / 1000 / 10_000;
      assert.ok(microsPerCall < 200, `${microsPerCall.toFixed(1)} µs per call`);
    }
  });
});
