// Which call the directory acts on, and whether it may transfer it, as Cisco's widgets decide the
// controls (@webex/cc-task Utils/task-util getControlsVisibility: no Transfer in a conference,
// getConsultButtonVisibility: Consult while fewer than MAX_PARTICIPANTS_IN_MULTIPARTY_CONFERENCE
// agents are on the call).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directoryCall } from '../../src/agent-tools/agent-directory';
import { MAX_CONFERENCE_AGENTS } from '../../src/contacts/contact-consults';
import type { ContactView } from '../../src/agent-session/contact-view';

function contact(id: string, state: ContactView['state'], extra: Partial<ContactView> = {}) {
  const c: ContactView = {
    interactionId: id,
    state,
    direction: 'INBOUND',
    callVariables: [],
    recording: { pauseResumeEnabled: false, paused: false },
    consulted: false,
    ...extra,
  };
  return { [id]: c };
}

const agents = (n: number) => Array.from({ length: n }, (_, i) => ({ agentId: `a${i}` }));

describe('the call the directory acts on', () => {
  it('when the agent talks on a call, then the directory transfers and consults it', () => {
    const reach = directoryCall(contact('c1', 'held'));
    assert.equal(reach?.contact.interactionId, 'c1');
    assert.equal(reach?.transfer, true);
  });

  it('when the agent is in a conference with room, then the directory consults it and offers no transfer', () => {
    const reach = directoryCall(contact('c1', 'conference', { agentsOnCall: agents(2) }));
    assert.equal(reach?.contact.interactionId, 'c1');
    assert.equal(reach?.transfer, false);
  });

  it('when the conference holds as many agents as it may, then the directory acts on no call', () => {
    const full = contact('c1', 'conference', { agentsOnCall: agents(MAX_CONFERENCE_AGENTS) });
    assert.equal(directoryCall(full), undefined);
    const roomForOne = contact('c1', 'conference', {
      agentsOnCall: agents(MAX_CONFERENCE_AGENTS - 1),
    });
    assert.equal(directoryCall(roomForOne)?.transfer, false);
  });

  it('when the agent was asked into a consult, is consulting, or wraps up, then the directory acts on no call', () => {
    assert.equal(directoryCall(contact('c1', 'connected', { consulted: true })), undefined);
    assert.equal(directoryCall(contact('c1', 'consulting')), undefined);
    assert.equal(directoryCall(contact('c1', 'wrapup')), undefined);
  });
});
