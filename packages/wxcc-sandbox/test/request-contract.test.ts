// The sandbox holds every WxCC request to Cisco's schemas at run time: 400 naming the field, unknown fields ignored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logoutMethods } from './fixtures/variants';
import { AgentFixture, alice } from './support/agent-fixture';
import { call, control, wxcc, type Reply } from './support/sandbox-client';
import { ORG_ID } from './support/sandbox-oauth';

/** One request that breaks the spec, and the field the 400 must name. */
interface Violation {
  name: string;
  method: string;
  path: string;
  body: Record<string, unknown>;
  field: string;
}
type Row = [name: string, body: Record<string, unknown>, field: string];

const validLogin = {
  dialNumber: '+14155550177',
  teamId: alice.teamIds[0],
  isExtension: false,
  deviceType: 'AGENT_DN',
  deviceId: '+14155550177',
  roles: ['agent'],
};
const logout = { logoutReason: 'End of shift' };
const state = { state: 'Available', auxCodeId: '0' };

const without = (body: Record<string, unknown>, field: string) =>
  Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));

const endpoint = (method: string, path: string, rows: Row[]): Violation[] =>
  rows.map(([name, body, field]) => ({
    name: `${method} ${path}, ${name}`,
    method,
    path,
    body,
    field,
  }));

const violations: Violation[] = [
  ...endpoint('POST', '/login', [
    ['missing required', without(validLogin, 'dialNumber'), 'dialNumber'],
    ['too long', { ...validLogin, dialNumber: `+1${'5'.repeat(42)}` }, 'dialNumber'],
    ['bad enum', { ...validLogin, deviceType: 'PIGEON' }, 'deviceType'],
    ['bad enum in a list', { ...validLogin, roles: ['boss'] }, 'roles[0]'],
    ['wrong type', { ...validLogin, isExtension: 'maybe' }, 'isExtension'],
    ['too long', { ...validLogin, teamId: 'x'.repeat(37) }, 'teamId'],
  ]),
  ...logoutMethods.flatMap((method) =>
    endpoint(method, '/logout', [
      ['missing required', {}, 'logoutReason'],
      ['too long', { logoutReason: 'x'.repeat(129) }, 'logoutReason'],
      ['wrong type', { ...logout, agentId: 42 }, 'agentId'],
    ]),
  ),
  ...endpoint('PUT', '/session/state', [
    ['missing required', without(state, 'auxCodeId'), 'auxCodeId'],
    ['bad enum', { ...state, state: 'Busy' }, 'state'],
    ['too long', { ...state, auxCodeId: 'x'.repeat(37) }, 'auxCodeId'],
    ['wrong type', { ...state, lastStateChangeReason: 7 }, 'lastStateChangeReason'],
  ]),
];

function assertBadRequest(reply: Reply, field: string, context: string): void {
  assert.equal(reply.status, 400, `${context}: ${reply.text}`);
  const body = reply.body as Record<string, unknown>;
  assert.equal(body.errorType, 'BAD_REQUEST', context);
  assert.equal(body.field, field, context);
  assert.ok(String(body.errorMessage).startsWith(`${field}: `), `${context}: ${reply.text}`);
  assert.equal(body.reasonCode, 400, context);
  assert.equal(body.trackingId, reply.headers.get('trackingid'), context);
}

describe('sandbox request checks against the spec', () => {
  const fx = AgentFixture.forSuite();

  const agents = (method: string, path: string, body?: unknown) =>
    fx.agents(alice.id, method, path, body);
  const subscribe = (body: unknown) =>
    call(wxcc(fx.sandbox, '/v1/notification/subscribe'), {
      method: 'POST',
      token: fx.tokens[alice.id],
      body,
    });

  for (const violation of violations) {
    it(`when ${violation.name}, then 400 names ${violation.field}`, async () => {
      const reply = await agents(violation.method, violation.path, violation.body);
      assertBadRequest(reply, violation.field, violation.name);
    });
  }

  it('when a login breaks the spec, then the message is the spec’s and the station is untouched', async () => {
    const reply = await agents('POST', '/login', { ...validLogin, dialNumber: '1'.repeat(44) });
    assert.equal(
      (reply.body as { errorMessage: string }).errorMessage,
      'dialNumber: must NOT have more than 43 characters',
    );
    const listed = (await control(fx.sandbox, 'GET', '/agents')).body as { session: unknown }[];
    assert.ok(listed.every((agent) => agent.session === null));
  });

  it('when a body has several faults, then each is named and the first is the field', async () => {
    const reply = await agents('PUT', '/session/state', { state: 'Busy', auxCodeId: 5 });
    assertBadRequest(reply, 'state', 'two faults');
    assert.match(String((reply.body as { errorMessage: string }).errorMessage), /; auxCodeId: /);
  });

  it('when subscribe breaks the spec, then 400 names the field', async () => {
    assertBadRequest(await subscribe({ clientType: 'x'.repeat(21) }), 'clientType', 'too long');
    assertBadRequest(await subscribe({ isKeepAliveEnabled: 'yes' }), 'isKeepAliveEnabled', 'type');
    assertBadRequest(await subscribe({ force: 1 }), 'force', 'type');
  });

  it('when the body is not an object at all, then 400 names the body', async () => {
    const reply = await agents('POST', '/login', ['dialNumber']);
    assertBadRequest(reply, '(body)', 'array body');
  });

  it('when Cisco’s SDK logs in with the fields it adds, then they are ignored and the login succeeds', async () => {
    const events = await fx.listen(alice.id);
    // What @webex/contact-center's stationLogin sends beyond the spec, with the values it sends.
    const sdkExtras = { teamName: '', siteId: '', usesOtherDN: false, auxCodeId: '' };
    const reply = await agents('POST', '/login', { ...validLogin, ...sdkExtras });
    assert.equal(reply.status, 202, reply.text);
    assert.equal((await events.inner('AgentStationLoginSuccess')).data.dn, validLogin.dialNumber);
  });

  it('when any other call carries a field the spec does not define, then it is accepted', async () => {
    await fx.login(alice.id);
    const extra = { clientVersion: '1.2.3' };
    for (const [method, path, body] of [
      ['PUT', '/session/state', { ...state, ...extra }],
      ['POST', '/reload', { ...extra }],
      ['PUT', '/logout', { ...logout, ...extra }],
    ] as const) {
      assert.equal((await agents(method, path, body)).status, 202, `${method} ${path}`);
    }
    assert.equal((await subscribe({ clientType: 'Test', ...extra })).status, 200);
  });

  it('when the spec’s prose rules are broken, then 400 names the field too', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [without(validLogin, 'teamId'), 'teamId'],
      // Not deviceType: Cisco's Postman login omits it (isExtension says which).
      [{ ...validLogin, dialNumber: '' }, 'dialNumber'],
      [{ ...validLogin, roles: [] }, 'roles'],
    ];
    for (const [body, field] of cases) {
      assertBadRequest(await agents('POST', '/login', body), field, `login ${field}`);
    }
    assertBadRequest(await agents('PUT', '/logout', { logoutReason: '' }), 'logoutReason', 'blank');
    assertBadRequest(await subscribe({ allowMultiLogin: true }), 'clientType', 'multi-login');
    const supervisor = { dialNumber: '+14155550178', roles: ['supervisor'] };
    assert.equal((await agents('POST', '/login', supervisor)).status, 202);
  });

  describe('configuration API query parameters', () => {
    const get = (query: string) =>
      call(`${fx.sandbox.wxccApiBase}/organization/${ORG_ID}/v2/team?${query}`, {
        token: fx.tokens[alice.id],
      });
    const description = (reply: Reply) =>
      (reply.body as { error: { message: { description: string }[] } }).error.message[0]
        ?.description ?? '';

    it('when pageSize or page is not an integer, then 400 names it in the config error shape', async () => {
      for (const [query, field] of [
        ['pageSize=abc', 'pageSize'],
        ['page=1.5', 'page'],
        ['supervisorView=perhaps', 'supervisorView'],
      ]) {
        const reply = await get(query!);
        assert.equal(reply.status, 400, query);
        assert.equal((reply.body as { error: { key: string } }).error.key, '400');
        assert.ok(description(reply).startsWith(`${field}: must be `), description(reply));
      }
    });

    it('when a page is out of range, then the paging rule answers 400 naming it', async () => {
      assert.equal(description(await get('page=-1')), 'page: must be an integer from 0');
      assert.equal(description(await get('pageSize=0')), 'pageSize: must be an integer from 1');
    });

    it('when a query parameter is not in the spec, then it is ignored', async () => {
      const reply = await get('pageSize=2&sort=name');
      assert.equal(reply.status, 200);
      assert.equal((reply.body as { data: unknown[] }).data.length, 2);
    });
  });
});
