// Conferences of three agents and the consulted agent's own controls, between real desktops on the
// sandbox. Sources: Cisco's SDK services/task/TaskManager.ts (PARTICIPANT_LEFT_CONFERENCE,
// checkParticipantNotInInteraction, getIsConferenceInProgress), services/task/index.ts
// (transferConference), @webex/cc-task Utils/task-util getControlsVisibility
// (getConsultButtonVisibility, getExitConferenceButtonVisibility, getEndConsultButtonVisibility)
// and useCallControl consultTransfer (transferConference while a conference is in progress).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALICE,
  BRUNO,
  CHIARA,
  SUPPORT_QUEUE,
  answer,
  availableAgent,
  contactAction,
  contactsRegion,
  pageUntil,
  statusText,
  type SignedInAgent,
  connectCall,
  contactStack,
} from '../helpers/contacts';

describe('conferences and the consulted agent', () => {
  const suite = contactStack({ perTest: true });
  let alice: SignedInAgent;
  let bruno: SignedInAgent;
  let chiara: SignedInAgent;

  async function connectedCall(): Promise<string> {
    alice = await availableAgent(suite.stack, ALICE, '+14155550421');
    bruno = await availableAgent(suite.stack, BRUNO, '+14155550422');
    chiara = await availableAgent(suite.stack, CHIARA, '+442079460423');
    return connectCall(suite.stack, alice);
  }

  /** `from` consults `to`, who answers on the phone; `from` then merges them in with `button`. */
  async function addAgent(id: string, from: SignedInAgent, to: SignedInAgent, toId: string) {
    await pageUntil(from, suite.stack, /\/consult"/);
    await contactAction(from, /\/consult$/, { target: `agent:${toId}` });
    await pageUntil(to, suite.stack, /Consult request/);
    await answer(suite.stack, toId, id);
    await pageUntil(from, suite.stack, /Consult connected/);
    await contactAction(from, /\/conference$/);
  }

  /** Alice's call; Bruno joined by Alice, then Chiara added by Bruno (once consulted, now a peer). */
  async function threeAgentConference(): Promise<string> {
    const id = await connectedCall();
    await addAgent(id, alice, bruno, BRUNO);
    await pageUntil(bruno, suite.stack, /Conference/);
    await addAgent(id, bruno, chiara, CHIARA);
    for (const agent of [alice, bruno, chiara]) {
      await pageUntil(agent, suite.stack, /In conference<\/dt><dd>3 agents/);
    }
    return id;
  }

  it('when a consulted agent has accepted, then they can leave the consult and the consulting agent is back on the call (Cisco widgets: End consult for BEING_CONSULTED_ACCEPTED)', async () => {
    const id = await connectedCall();
    await contactAction(alice, /\/consult$/, { target: `agent:${BRUNO}` });
    await pageUntil(bruno, suite.stack, /Consult request/);
    await answer(suite.stack, BRUNO, id);
    const page = await pageUntil(bruno, suite.stack, /Leave consult/);
    assert.doesNotMatch(contactsRegion(page), /End call|\/transfer"/);
    await contactAction(bruno, /\/consult-end$/);
    // The consult leg was all Bruno had of this call: it leaves his desktop.
    await pageUntil(bruno, suite.stack, /^(?![\s\S]*Grace Hopper)/);
    assert.doesNotMatch(contactsRegion(bruno.page), /Leave consult/);
    const back = await pageUntil(alice, suite.stack, /Consult ended/);
    assert.match(contactsRegion(back), /On hold/);
  });

  it('when three agents are in a conference and one leaves, then the other two stay in it with every control and the leaver wraps up (real tenants: the agent who stays is not stranded)', async () => {
    const id = await threeAgentConference();
    // The agent who was consulted has what the owner has once joined: Consult and Leave.
    assert.match(contactsRegion(bruno.page), /Leave conference/);
    assert.match(contactsRegion(bruno.page), /\/consult"/);
    assert.doesNotMatch(contactsRegion(bruno.page), /\/hold"|\/transfer"/);
    await contactAction(chiara, /\/conference-exit$/);
    assert.match(contactsRegion(chiara.page), /Wrap-up reason/);
    for (const agent of [alice, bruno]) {
      const page = await pageUntil(agent, suite.stack, /In conference<\/dt><dd>2 agents/);
      assert.match(contactsRegion(page), /Chiara[^<]* left the conference/);
      assert.match(contactsRegion(page), /Leave conference/);
    }
    await contactAction(bruno, /\/conference-exit$/);
    const alone = await pageUntil(alice, suite.stack, /Connected/);
    assert.match(contactsRegion(alone), /\/hold"/);
    await contactAction(alice, /\/end$/);
    for (const agent of [alice, bruno, chiara]) {
      await pageUntil(agent, suite.stack, /Wrap-up reason/);
      await contactAction(agent, /\/wrapup$/);
    }
    assert.ok(id);
  });

  it('when an agent consults from a conference and transfers, then the whole conference goes to the consulted agent and they leave (Cisco widgets: transferConference)', async () => {
    const id = await connectedCall();
    await addAgent(id, alice, bruno, BRUNO);
    await pageUntil(alice, suite.stack, /In conference<\/dt><dd>2 agents/);
    await contactAction(alice, /\/consult$/, { target: `agent:${CHIARA}` });
    await pageUntil(chiara, suite.stack, /Consult request/);
    await answer(suite.stack, CHIARA, id);
    const consulting = await pageUntil(alice, suite.stack, /Transfer conference/);
    assert.match(contactsRegion(consulting), /Add to conference/);
    // Bruno is on hold with the customer meanwhile (WxCC's default, holdParticipants true): his
    // call is still a conference.
    assert.match(contactsRegion(await pageUntil(bruno, suite.stack, /Conference/)), /Leave/);
    await contactAction(alice, /\/consult-transfer$/);
    assert.match(contactsRegion(alice.page), /Wrap-up reason/);
    for (const agent of [bruno, chiara]) {
      await pageUntil(agent, suite.stack, /In conference<\/dt><dd>2 agents/);
    }
    const sent = (await suite.stack.control.requests()).map((r) => r.path);
    assert.ok(sent.some((p) => p.endsWith(`/v1/tasks/${id}/conference/transfer`)));
    assert.ok(!sent.some((p) => p.endsWith(`/v1/tasks/${id}/consult/transfer`)));
  });

  it('when the agent a queue consult rang at declines it, then it goes back to the queue and stays cancellable (real tenants: a queue consult waits until an agent answers)', async () => {
    const id = await connectedCall();
    await contactAction(alice, /\/consult$/, { target: `queue:${SUPPORT_QUEUE}` });
    const ringing = (await suite.stack.control.requests()).length;
    assert.ok(ringing > 0);
    // It rings at a free agent (Bruno or Chiara): whoever has it declines.
    const offered = await Promise.race([
      pageUntil(bruno, suite.stack, /Consult request/).then(() => BRUNO),
      pageUntil(chiara, suite.stack, /Consult request/).then(() => CHIARA),
    ]);
    await suite.stack.control.supervisor(offered, 'decline', { interactionId: id });
    const page = await pageUntil(alice, suite.stack, /Cancel consult/);
    assert.doesNotMatch(statusText(page) + contactsRegion(page), /failed|declined/i);
    await contactAction(alice, /\/consult-end$/);
    await pageUntil(alice, suite.stack, /Consult ended|On hold|Connected/);
  });
});
