// The station form's directory and the contact directory share one configuration read per cache fill.
import { inEnglish } from '../../src/i18n/translate';
import { createAgentClients, type TokenSource } from '../../src/clients/agent-client';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebexClient } from '../../src/clients/webex-client';
import type { Person } from '../../src/domain/agent';
import { AppError } from '../../src/errors';
import { msg } from '../../src/i18n/message';
import { createAgentConfiguration } from '../../src/agent-configuration/agent-configuration';
import { createContactDirectory } from '../../src/contacts/contact-directory';
import { createDirectoryService } from '../../src/station/station-directory';

const ctx = { agent: { agentId: 'a1', orgId: 'o1' } as Person };

/** A client whose configuration reads are counted by name. */
function countingClient(overrides: Partial<Record<string, () => Promise<unknown>>> = {}) {
  const calls: Record<string, number> = {};
  const answers: Record<string, () => Promise<unknown>> = {
    getUser: async () => ({ teamIds: ['t1'], agentProfileId: 'p1' }),
    listAuxCodes: async () => [
      {
        id: 'w1',
        name: 'Done',
        active: true,
        isSystemCode: false,
        defaultCode: true,
        workTypeCode: 'WRAP_UP_CODE',
      },
      {
        id: 'i1',
        name: 'Lunch',
        active: true,
        isSystemCode: false,
        defaultCode: false,
        workTypeCode: 'IDLE_CODE',
      },
    ],
    getAgentProfile: async () => ({
      loginVoiceOptions: [],
      idleCodes: [],
      dialPlans: [],
      wrapUpCodes: [],
      queues: [],
      dialPlanEnabled: false,
      autoWrapUp: false,
      allowAutoWrapUpExtension: false,
      consultToQueue: false,
      outdialEnabled: false,
    }),
    getTenantSettings: async () => ({ forceDefaultDn: false, endCallEnabled: false }),
    listTeams: async () => [{ id: 't1', name: 'Team', active: true }],
    listQueues: async () => [],
    ...overrides,
  };
  const client = new Proxy(
    {},
    {
      get: (_target, name: string) => () => {
        calls[name] = (calls[name] ?? 0) + 1;
        const answer = answers[name];
        return answer ? answer() : Promise.reject(new Error(`unexpected ${name}`));
      },
    },
  ) as WebexClient;
  return { client, calls };
}

const oauth: TokenSource = {
  withAccessToken: (_id, call) => call('token'),
};

function build(client: WebexClient) {
  let now = 0;
  const configuration = createAgentConfiguration({
    wxcc: createAgentClients(client, oauth),
    now: () => now,
  });
  return {
    directory: createDirectoryService({ configuration, now: () => now }),
    contacts: createContactDirectory({ configuration, now: () => now }),
    advance: (ms: number) => (now += ms),
  };
}

describe('shared agent configuration', () => {
  it('when both directories fill, then user, codes, profile and tenant are read once', async () => {
    const { client, calls } = countingClient();
    const { directory, contacts } = build(client);
    const [form, contact] = await Promise.all([directory.forAgent(ctx), contacts.forAgent(ctx)]);
    assert.deepEqual(
      form.idleCodes.map((c) => c.id),
      ['i1'],
    );
    assert.equal(contact.endCallEnabled, false);
    assert.deepEqual(
      contact.wrapUpCodes.map((c) => c.id),
      ['w1'],
    );
    assert.deepEqual(
      [calls.getUser, calls.listAuxCodes, calls.getAgentProfile, calls.getTenantSettings],
      [1, 1, 1, 1],
    );
  });

  it('when the cache expires or is forgotten, then the next fill reads the tenant again, once', async () => {
    const { client, calls } = countingClient();
    const { directory, contacts, advance } = build(client);
    await Promise.all([directory.forAgent(ctx), contacts.forAgent(ctx)]);
    advance(5 * 60_000);
    await Promise.all([directory.forAgent(ctx), contacts.forAgent(ctx)]);
    assert.equal(calls.getTenantSettings, 2);
    directory.forget('a1');
    await directory.forAgent(ctx);
    assert.equal(calls.getTenantSettings, 3);
  });

  it('when many agents of one org fill, then only the user is read per agent; the org once', async () => {
    const { client, calls } = countingClient();
    const { directory, contacts } = build(client);
    const agents = ['a1', 'a2', 'a3'].map((agentId) => ({
      agent: { agentId, orgId: 'o1' } as Person,
    }));
    await Promise.all(agents.flatMap((c) => [directory.forAgent(c), contacts.forAgent(c)]));
    assert.equal(calls.getUser, 3);
    assert.deepEqual(
      [
        calls.listAuxCodes,
        calls.getAgentProfile,
        calls.getTenantSettings,
        calls.listTeams,
        calls.listQueues,
      ],
      [1, 1, 1, 1, 1],
    );
    // Another org reads its own.
    await directory.forAgent({ agent: { agentId: 'b1', orgId: 'o2' } as Person });
    assert.equal(calls.listAuxCodes, 2);
  });

  it("when another agent's shared read fails (its sign-in is gone), then this agent reads with its own", async () => {
    const gone = new AppError('reconnect_required', msg('signIn.expired'));
    const { client, calls } = countingClient();
    let first = true;
    const tokens: string[] = [];
    const configuration = createAgentConfiguration({
      wxcc: createAgentClients(client, {
        withAccessToken: (agentId, call) => {
          tokens.push(agentId);
          return call(agentId);
        },
      }),
    });
    const a1 = { agent: { agentId: 'a1', orgId: 'o1' } as Person };
    const a2 = { agent: { agentId: 'a2', orgId: 'o1' } as Person };
    const failing = () => {
      if (!first) return Promise.resolve('codes');
      first = false;
      return Promise.reject(gone);
    };
    const [one, two] = await Promise.allSettled([
      configuration.shared(a1, 'x', failing),
      configuration.shared(a2, 'x', failing),
    ]);
    assert.equal(one.status, 'rejected');
    assert.deepEqual(two, { status: 'fulfilled', value: 'codes' });
    void calls;
  });

  it('when the tenant settings are malformed, then WxCC defaults apply and the rest is served', async () => {
    const malformed = new AppError(
      'upstream_malformed',
      msg('upstream.malformedField', {
        service: 'WxCC',
        detail: 'tenant settings.data is not a list',
      }),
    );
    const { client } = countingClient({ getTenantSettings: () => Promise.reject(malformed) });
    const { directory, contacts } = build(client);
    assert.equal((await directory.forAgent(ctx)).recoveryTimeoutMs, 50_000);
    assert.equal((await contacts.forAgent(ctx)).endCallEnabled, true);
  });

  it('when the user answer is malformed, then both directories say so and the next view retries', async () => {
    const malformed = new AppError(
      'upstream_malformed',
      msg('upstream.malformedField', { service: 'WxCC', detail: 'user.teamIds is not a list' }),
    );
    const { client, calls } = countingClient({ getUser: () => Promise.reject(malformed) });
    const { directory, contacts } = build(client);
    assert.match(
      inEnglish((await directory.forAgent(ctx)).unavailableReason ?? ''),
      /could not be loaded/,
    );
    assert.match(inEnglish((await contacts.forAgent(ctx)).problem ?? ''), /could not be loaded/);
    await directory.forAgent(ctx);
    // A failed read is never kept: each of the three views asked WxCC again.
    assert.equal(calls.getUser, 3);
  });
});

describe('lists shared between agents of one profile', () => {
  it('when agents of one org and profile fill, then they hold the very same lists, frozen', async () => {
    const { client } = countingClient();
    const { directory, contacts } = build(client);
    const [a, b] = ['a1', 'a2'].map((agentId) => ({ agent: { agentId, orgId: 'o1' } as Person }));
    const [formA, formB, contactA, contactB] = await Promise.all([
      directory.forAgent(a!),
      directory.forAgent(b!),
      contacts.forAgent(a!),
      contacts.forAgent(b!),
    ]);
    assert.notEqual(formA, formB, 'each agent has its own directory');
    assert.equal(formA.idleCodes, formB.idleCodes);
    assert.equal(formA.teams, formB.teams);
    assert.equal(formA.idleNames, formB.idleNames);
    assert.equal(contactA.wrapUpCodes, contactB.wrapUpCodes);
    assert.equal(contactA.queues, contactB.queues);
    // One agent's page cannot change what the others see.
    assert.ok(Object.isFrozen(formA.idleCodes) && Object.isFrozen(contactA.wrapUpCodes));
    assert.throws(() => (formA.idleCodes as unknown[]).push({}), TypeError);
  });

  it('when two orgs use the same ids, or one profile allows other codes, then each gets its own lists', async () => {
    // Both orgs answer with the same ids but their own names; org o2's profile allows only i2.
    const codes = (org: string) => [
      {
        id: 'w1',
        name: `Done ${org}`,
        active: true,
        isSystemCode: false,
        defaultCode: true,
        workTypeCode: 'WRAP_UP_CODE',
      },
      {
        id: 'i1',
        name: `Lunch ${org}`,
        active: true,
        isSystemCode: false,
        defaultCode: false,
        workTypeCode: 'IDLE_CODE',
      },
      {
        id: 'i2',
        name: `Break ${org}`,
        active: true,
        isSystemCode: false,
        defaultCode: false,
        workTypeCode: 'IDLE_CODE',
      },
    ];
    let reads = 0;
    const { client } = countingClient({
      listAuxCodes: async () => codes(`o${++reads}`),
      getAgentProfile: async () => ({
        loginVoiceOptions: [],
        accessIdleCode: reads > 1 ? 'SPECIFIC' : 'ALL',
        idleCodes: ['i2'],
        dialPlans: [],
        wrapUpCodes: [],
        queues: [],
        dialPlanEnabled: false,
        autoWrapUp: false,
        allowAutoWrapUpExtension: false,
        consultToQueue: false,
        outdialEnabled: false,
      }),
    });
    const { directory, contacts } = build(client);
    const one = { agent: { agentId: 'a1', orgId: 'o1' } as Person };
    const first = await directory.forAgent(one);
    const firstContacts = await contacts.forAgent(one);
    const two = { agent: { agentId: 'b1', orgId: 'o2' } as Person };
    const second = await directory.forAgent(two);
    const secondContacts = await contacts.forAgent(two);
    assert.deepEqual(
      first.idleCodes.map((c) => c.name),
      ['Lunch o1', 'Break o1'],
    );
    assert.deepEqual(
      second.idleCodes.map((c) => c.name),
      ['Break o2'],
    );
    assert.deepEqual(second.idleNames, { i1: 'Lunch o2', i2: 'Break o2' });
    assert.deepEqual(
      [firstContacts.wrapUpCodes[0]?.name, secondContacts.wrapUpCodes[0]?.name],
      ['Done o1', 'Done o2'],
    );
  });
});
