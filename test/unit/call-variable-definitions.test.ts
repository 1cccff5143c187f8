// The tenant's CAD definitions are the organization's: read once for all its agents, never a
// failure kept, and a sign-in that is gone still ends the page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAgentClients } from '../../src/clients/agent-client';
import type { WebexClient } from '../../src/clients/webex-client';
import type { Person } from '../../src/domain/agent';
import { AppError } from '../../src/errors';
import { msg } from '../../src/i18n/message';
import { createAgentConfiguration } from '../../src/agent-configuration/agent-configuration';
import { createCallVariables } from '../../src/agent-tools/call-variables';
import type { StationService } from '../../src/station/station-service';

const DEFINITION = {
  name: 'accountId',
  label: 'Account',
  type: 'STRING',
  agentViewable: true,
  agentEditable: true,
};

function setUp(answer: () => Promise<unknown>) {
  let reads = 0;
  const client = new Proxy(
    {},
    {
      get: (_target, name: string) => () => {
        if (name !== 'listCadVariables') return Promise.reject(new Error(`unexpected ${name}`));
        reads += 1;
        return answer();
      },
    },
  ) as WebexClient;
  const configuration = createAgentConfiguration({
    wxcc: createAgentClients(client, { withAccessToken: (_id, call) => call('token') }),
  });
  const variables = createCallVariables({
    station: {} as StationService,
    shared: configuration.shared,
  });
  return { variables, reads: () => reads };
}

const agent = (agentId: string, orgId = 'o1') => ({ agent: { agentId, orgId } as Person });

describe('call variable definitions', () => {
  it('when agents of one org are offered calls, then WxCC is asked for the definitions once', async () => {
    const { variables, reads } = setUp(async () => [DEFINITION]);
    const all = await Promise.all(['a1', 'a2', 'a3'].map((id) => variables.definitions(agent(id))));
    assert.deepEqual(all, [[DEFINITION], [DEFINITION], [DEFINITION]]);
    await variables.definitions(agent('a4'));
    assert.equal(reads(), 1);
    // Another org has its own.
    await variables.definitions(agent('b1', 'o2'));
    assert.equal(reads(), 2);
  });

  it('when the read fails, then nothing is editable and the next offer asks WxCC again', async () => {
    let fail = true;
    const { variables, reads } = setUp(async () => {
      if (fail) throw new AppError('upstream_unavailable', msg('upstream.trouble'));
      return [DEFINITION];
    });
    assert.equal(await variables.definitions(agent('a1')), undefined);
    fail = false;
    assert.deepEqual(await variables.definitions(agent('a2')), [DEFINITION]);
    assert.equal(reads(), 2);
  });

  it('when the sign-in is gone, then the page is told to reconnect, not shown read-only', async () => {
    const { variables } = setUp(async () => {
      throw new AppError('reconnect_required', msg('signIn.expired'));
    });
    await assert.rejects(variables.definitions(agent('a1')), { code: 'reconnect_required' });
  });
});
