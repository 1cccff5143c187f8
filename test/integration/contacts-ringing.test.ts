// Calls that never connect: rung out (RONA), abandoned by the caller; and a caller who hangs up on hold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALICE,
  availableAgent,
  contactAction,
  contactsRegion,
  hangUp,
  pageUntil,
  placeCall,
  connectCall,
  contactStack,
} from '../helpers/contacts';

describe('contacts that ring out, are abandoned, or end on hold', () => {
  const suite = contactStack();

  it('when the phone rings out, then the contact disappears, the page says why, and the agent is Idle (RONA)', async () => {
    const agent = await availableAgent(suite.stack, ALICE, '+14155550311');
    const id = await placeCall(suite.stack, ALICE, { customerName: 'Rona Caller' });
    await pageUntil(agent, suite.stack, /class="contact-state">Ringing</);
    await suite.stack.control.supervisor(ALICE, 'ring-out', { interactionId: id });
    const page = await pageUntil(agent, suite.stack, /rang out/);
    const region = contactsRegion(page);
    assert.match(region, /Rona Caller rang out without an answer.*Idle \(RONA\)/);
    assert.match(region, /No customer contact right now/);
    assert.match(page.text, /Idle · RONA|RONA/);
    await contactAction(agent, /\/station\/state/, {}, 'Go Available');
  });

  it('when the caller hangs up while it rings, then the contact disappears with a note', async () => {
    const agent = await availableAgent(suite.stack, ALICE, '+14155550312');
    const id = await placeCall(suite.stack, ALICE, { customerName: 'Impatient Ian' });
    await pageUntil(agent, suite.stack, /class="contact-state">Ringing</);
    await hangUp(suite.stack, id);
    const page = await pageUntil(agent, suite.stack, /hung up before the call was answered/);
    assert.match(contactsRegion(page), /Impatient Ian hung up/);
    assert.doesNotMatch(contactsRegion(page), /Wrap-up reason/);
  });

  it('when the caller hangs up during hold, then the agent is asked to wrap up', async () => {
    const agent = await availableAgent(suite.stack, ALICE, '+14155550313');
    const id = await connectCall(suite.stack, agent);
    await contactAction(agent, /\/hold$/);
    await hangUp(suite.stack, id);
    const page = await pageUntil(agent, suite.stack, /Wrap-up reason/);
    assert.match(contactsRegion(page), /caller hung up/);
    await contactAction(agent, /\/wrapup$/);
    assert.match(contactsRegion(agent.page), /No customer contact right now/);
  });
});
