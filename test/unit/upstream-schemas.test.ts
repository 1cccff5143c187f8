// Webex and WxCC answers are read through zod schemas: real tenants' shapes pass, malformed ones name the field.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configApiCalls } from '../../src/clients/wxcc-configuration/api';
import type { HttpCallOptions, HttpResult } from '../../src/clients/http-call';
import { parsePerson, parseSubscription, parseTokenResponse } from '../../src/clients/webex-types';
import { AppError } from '../../src/errors';

const WXCC = 'https://wxcc.test';
const ORG = '50fc362d-bb05-4884-8d16-ab9207d7444c';
const PEOPLE_ID = Buffer.from(
  `ciscospark://us/PEOPLE/57ef21f1-50e0-4dd4-988a-c5478b725e00`,
).toString('base64');
const ORG_ID = Buffer.from(`ciscospark://us/ORGANIZATION/${ORG}`).toString('base64');

/** A stand-in for the HTTP call: answers each URL (without its query) with the body given. */
function fakeCall(bodies: Record<string, unknown>) {
  const urls: string[] = [];
  const call = (options: HttpCallOptions): Promise<HttpResult> => {
    urls.push(options.url);
    const path = options.url.replace(`${WXCC}/organization/${ORG}`, '').split('?')[0] ?? '';
    if (!(path in bodies)) return Promise.reject(new Error(`unexpected ${path}`));
    return Promise.resolve({ status: 200, body: bodies[path] });
  };
  return { call, urls };
}

const clientOf = (bodies: Record<string, unknown>) => {
  const { call, urls } = fakeCall(bodies);
  return { ...configApiCalls(call, WXCC), urls };
};

/** The AppError thrown, checked to be `upstream_malformed` with a message naming `field`. */
async function assertMalformed(promise: Promise<unknown> | (() => unknown), field: RegExp) {
  const run = typeof promise === 'function' ? async () => promise() : () => promise;
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'upstream_malformed');
    assert.equal(error.status, 502);
    assert.match(
      error.userMessage,
      /^Webex( Contact Center)? sent an answer the desktop could not read/,
    );
    assert.match(error.userMessage, field);
    return true;
  });
}

describe('Webex answers', () => {
  it('when the token answer has no access_token, then the AppError names token.access_token', async () => {
    await assertMalformed(
      () => parseTokenResponse({ expires_in: 3600, refresh_token: 'r' }, 0),
      /token\.access_token is missing/,
    );
  });

  it('when expires_in is text that is not a number, then the AppError says so', async () => {
    await assertMalformed(
      () => parseTokenResponse({ access_token: 'a', expires_in: 'soon', refresh_token: 'r' }, 0),
      /token\.expires_in is not a number/,
    );
  });

  it('when a refresh answer leaves out the refresh token and sends null extras, then the old one is kept', () => {
    const previous = {
      accessToken: 'old',
      accessTokenExpiresAt: 1,
      refreshToken: 'keep-me',
      refreshTokenExpiresAt: 99,
    };
    const tokens = parseTokenResponse(
      {
        access_token: 'new',
        expires_in: '3600',
        refresh_token: null,
        token_type: 'Bearer',
        scope: null,
      },
      1000,
      previous,
    );
    assert.deepEqual(tokens, {
      accessToken: 'new',
      accessTokenExpiresAt: 1000 + 3600 * 1000,
      refreshToken: 'keep-me',
      refreshTokenExpiresAt: 99,
    });
  });

  it('when the person has null displayName and extra fields, then the email names the agent', () => {
    const person = parsePerson({
      id: PEOPLE_ID,
      orgId: ORG_ID,
      emails: ['ana@example.com'],
      displayName: null,
      avatar: null,
      firstName: 'Ana',
    });
    assert.equal(person.displayName, 'ana@example.com');
    assert.equal(person.agentId, '57ef21f1-50e0-4dd4-988a-c5478b725e00');
    assert.equal(person.orgId, ORG);
  });

  it('when the person id is a number, then the AppError names person.id', async () => {
    await assertMalformed(() => parsePerson({ id: 42, orgId: ORG_ID }), /person\.id is not a text/);
  });

  it('when the org id is not a Webex id, then the AppError names person.orgId', async () => {
    await assertMalformed(
      () => parsePerson({ id: PEOPLE_ID, orgId: 'not-an-id' }),
      /person\.orgId is not a Webex id/,
    );
  });

  it('when the subscription has no webSocketUrl, then the AppError names it', async () => {
    await assertMalformed(
      () => parseSubscription({ subscriptionId: 's' }),
      /subscription\.webSocketUrl is missing/,
    );
  });
});

describe('WxCC configuration answers', () => {
  it('when a team has no id, then the AppError names the item and field', async () => {
    const client = clientOf({ '/v2/team': { data: [{ id: 't1', name: 'One' }, { name: 'Two' }] } });
    await assertMalformed(client.listTeams('t', ORG, ['t1']), /teams\.data\[1\]\.id is missing/);
  });

  it('when an aux code id is true, then the AppError names it', async () => {
    const client = clientOf({ '/v2/auxiliary-code': { data: [{ id: true, name: 'Lunch' }] } });
    await assertMalformed(
      client.listAuxCodes('t', ORG),
      /auxiliary codes\.data\[0\]\.id is not an id/,
    );
  });

  it('when a page has no data list, then the AppError names it', async () => {
    const client = clientOf({ '/v2/auxiliary-code': { items: [] } });
    await assertMalformed(client.listAuxCodes('t', ORG), /auxiliary codes\.data is missing/);
  });

  it('when a profile sends idleCodes as text, then the AppError names the field', async () => {
    const client = clientOf({ '/agent-profile/p1': { idleCodes: 'all' } });
    await assertMalformed(
      client.getAgentProfile('t', ORG, 'p1'),
      /desktop profile\.idleCodes is not a list/,
    );
  });

  it('when aux codes come with numeric ids, nulls and extra fields, then they are read', async () => {
    const client = clientOf({
      '/v2/auxiliary-code': {
        data: [
          { id: 1234, name: null, active: null, workTypeCode: 'IDLE_CODE', description: null },
          { id: 'AXZxaC0KgHvT6JNFiA-g', name: 'Lunch', isSystemCode: null, extra: { a: 1 } },
        ],
        meta: { totalPages: null },
      },
    });
    assert.deepEqual(await client.listAuxCodes('t', ORG), [
      {
        id: '1234',
        name: '1234',
        active: true,
        isSystemCode: false,
        defaultCode: false,
        workTypeCode: 'IDLE_CODE',
      },
      {
        id: 'AXZxaC0KgHvT6JNFiA-g',
        name: 'Lunch',
        active: true,
        isSystemCode: false,
        defaultCode: false,
        workTypeCode: '',
      },
    ]);
  });

  it('when the user has null fields and the misspelt default number, then both read', async () => {
    const client = clientOf({
      [`/v2/user/by-ci-user-id/u1`]: {
        teamIds: null,
        agentProfileId: null,
        deafultDialledNumber: '+14085550100',
        firstName: 'Ana',
      },
    });
    assert.deepEqual(await client.getUser('t', ORG, 'u1'), {
      teamIds: [],
      agentProfileId: undefined,
      defaultDialNumber: '+14085550100',
    });
  });

  it('when the tenant settings come in the v2 envelope, then data[0] is read', async () => {
    const client = clientOf({
      '/v2/tenant-configuration': {
        data: [
          { forceDefaultDn: null, endCallEnabled: false, lostConnectionRecoveryTimeout: '20000' },
        ],
      },
    });
    assert.deepEqual(await client.getTenantSettings('t', ORG), {
      forceDefaultDn: false,
      endCallEnabled: false,
      lostConnectionRecoveryTimeout: 20000,
    });
  });

  it('when dial plans come as a bare list with null fields, then inactive and regex-less ones drop', async () => {
    const client = clientOf({
      '/dial-plan': [
        { id: 'd1', name: 'US', regularExpression: '\\d+', prefix: null, strippedChars: null },
        { id: 'd2', regularExpression: null },
        { id: 'd3', regularExpression: '.*', active: false },
      ],
    });
    assert.deepEqual(await client.listDialPlans('t', ORG), [
      { id: 'd1', name: 'US', regex: '\\d+', prefix: '', strippedChars: '' },
    ]);
  });

  it('when queues and outdial numbers have null names, then ids and numbers name them', async () => {
    const client = clientOf({
      '/v2/contact-service-queue': {
        data: [
          { id: 'q1', name: null, channelType: null },
          { id: 'q2', name: 'Chat', channelType: 'CHAT' },
          { id: 'q3', active: false },
        ],
      },
      '/v2/outdial-ani/a1/entry': { data: [{ number: '+1408', name: null }, { number: null }] },
    });
    assert.deepEqual(await client.listQueues('t', ORG), [
      // A queue routes one media; a missing channelType is telephony.
      { id: 'q1', name: 'q1', telephony: true, channelType: 'TELEPHONY' },
      { id: 'q2', name: 'Chat', telephony: false, channelType: 'CHAT' },
    ]);
    assert.deepEqual(await client.listOutdialAni('t', ORG, 'a1'), [
      { number: '+1408', name: '+1408', isDefault: false },
    ]);
  });

  // Cisco's consult popover lists every entry point GET v2/entry-point answers, by id and name
  // (@webex/cc-task cc-components useConsultTransferPopover → @webex/cc-store getEntryPoints → SDK
  // services/EntryPoint.ts getEntryPoints: no filter on channel, type or active).
  it('when entry points of every channel, type and state are listed, then each is offered for a consult, as Cisco’s consult popover lists them', async () => {
    const client = clientOf({
      '/v2/entry-point': {
        data: [
          { id: 'ep1', name: 'Main Line', channelType: 'TELEPHONY', entryPointType: 'INBOUND' },
          { id: 'ep2', name: 'Outdial', channelType: 'TELEPHONY', entryPointType: 'OUTBOUND' },
          { id: 'ep3', name: 'Web chat', channelType: 'CHAT', active: true },
          { id: 'ep4', name: null, active: false },
        ],
        meta: { totalPages: 1 },
      },
    });
    assert.deepEqual(await client.listEntryPoints('t', ORG), [
      { id: 'ep1', name: 'Main Line' },
      { id: 'ep2', name: 'Outdial' },
      { id: 'ep3', name: 'Web chat' },
      { id: 'ep4', name: 'ep4' },
    ]);
  });
});
