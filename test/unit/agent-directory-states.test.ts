// The Directory's agents show their routing state in the agent's words (WxCC names it in English),
// and are still found by the state WxCC names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAgentDirectory } from '../../src/agent-tools/agent-directory';
import { emptyContactDirectory } from '../../src/contacts/contact-directory';
import type { ContactService } from '../../src/contacts/contact-service';
import type { StationContext } from '../../src/station/station-service';
import { translator } from '../../src/i18n/translate';

const ctx = {
  agent: { agentId: 'me', orgId: 'org-1', displayName: 'Me' },
} as unknown as StationContext;

function directory() {
  const buddies = [
    { agentId: 'a-1', name: 'Bruno Becker', state: 'Available' },
    { agentId: 'a-2', name: 'Chen Li', state: 'Idle' },
    { agentId: 'a-3', name: 'Dmitri Dahl', state: 'RONA' },
  ];
  return createAgentDirectory({
    contacts: { buddies: async () => buddies } as unknown as ContactService,
    directory: { forAgent: async () => emptyContactDirectory(), forget: () => undefined },
    read: () => Promise.reject(new Error('no address book here')),
    recent: { list: async () => [], remember: async () => undefined },
  });
}

describe('directory agents and their states', () => {
  it('when the directory lists agents, then Available and Idle are said in the agent’s language and other states as WxCC names them', async () => {
    const page = await directory().search(ctx, { q: '' });
    const de = translator('de');
    assert.deepEqual(
      page.agents.map((a) => `${a.label} (${de.say(a.detail ?? '')})`),
      ['Bruno Becker (Verfügbar)', 'Chen Li (Pause)', 'Dmitri Dahl (RONA)'],
    );
  });

  it('when the agent searches for a state by WxCC’s word, then the agents in it are found', async () => {
    const page = await directory().search(ctx, { q: 'idle' });
    assert.deepEqual(
      page.agents.map((a) => a.label),
      ['Chen Li'],
    );
  });
});
