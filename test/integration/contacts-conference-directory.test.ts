// A consult from a conference through the directory, and the whole conference handed on to a
// consulted number, as real tenants and Cisco's clients do it. Sources: @webex/cc-task
// Utils/task-util getControlsVisibility (getConsultButtonVisibility: Consult in a conference while
// fewer than MAX_PARTICIPANTS_IN_MULTIPARTY_CONFERENCE agents; getTransferButtonVisibility: no
// Transfer there; getConsultTransferButtonVisibility: Transfer for any accepted consult),
// useCallControl consultTransfer (transferConference while isConferenceInProgress), and Cisco's SDK
// services/task/index.ts transferConference (conference/transfer with `{}`, whoever was consulted).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';
import {
  ALICE,
  BRUNO,
  SUPPORT_QUEUE,
  answer,
  availableAgent,
  connectCall,
  contactAction,
  contactStack,
  contactsRegion,
  pageUntil,
  statusText,
  type SignedInAgent,
} from '../helpers/contacts';
import { formFields } from '../helpers/http-browser';
import { submit } from '../helpers/stack';

const CLAIMS = defaultContactSeed.addressBook.entries.find((e) => e.name === 'Claims Team')!;

describe('the directory from a conference', () => {
  const fx = contactStack({ perTest: true });

  async function sentTo(path: RegExp) {
    return (await fx.stack.control.requests()).filter((r) => path.test(r.path)).map((r) => r.body);
  }

  /** Whether WxCC (the sandbox) holds the call's main media now: its isHold. */
  async function mainCallHeld(id: string): Promise<unknown> {
    const listed = (await fx.stack.control.call('GET', '/contacts')) as Record<string, unknown>[];
    return listed.find((c) => c.interactionId === id)?.isHold;
  }

  /** Alice's call with Bruno conferenced in. */
  async function conferenceWithBruno(): Promise<{
    id: string;
    alice: SignedInAgent;
    bruno: SignedInAgent;
  }> {
    const alice = await availableAgent(fx.stack, ALICE, '+14155550531');
    const bruno = await availableAgent(fx.stack, BRUNO, '+14155550532');
    const id = await connectCall(fx.stack, alice);
    await pageUntil(alice, fx.stack, /\/consult"/);
    await contactAction(alice, /\/consult$/, { target: `agent:${BRUNO}` });
    await pageUntil(bruno, fx.stack, /Consult request/);
    await answer(fx.stack, BRUNO, id);
    await pageUntil(alice, fx.stack, /Consult connected/);
    await contactAction(alice, /\/conference$/);
    await pageUntil(alice, fx.stack, /In conference<\/dt><dd>2 agents/);
    return { id, alice, bruno };
  }

  it('when an agent in a conference opens the directory, then it offers a consult and no transfer, and an agent already on the call or a forged target is refused unsent', async () => {
    const { alice } = await conferenceWithBruno();
    const directory = await alice.browser.get(`${fx.stack.url}/directory`);
    assert.match(directory.text, /Consult acts on your conference with/);
    assert.doesNotMatch(directory.text, /action="\/directory\/transfer"/);
    assert.match(directory.text, /aria-label="Consult Claims Team"/);
    assert.doesNotMatch(directory.text, new RegExp(`value="agent:${BRUNO}"`), 'Bruno is on it');
    await fx.stack.control.clearRequests();
    let page = await submit(alice.browser, directory, /\/directory\/consult$/, {
      target: `agent:${BRUNO}`,
    });
    assert.match(statusText(page), /Choose a target from the directory/);
    page = await submit(alice.browser, directory, /\/directory\/consult$/, {
      target: 'book:3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e6ff',
    });
    assert.match(statusText(page), /Choose a target from the directory/);
    // A transfer posted anyway (the page offers none): refused, in words, before anything is sent.
    const { fields } = formFields(directory.text, /\/directory\/consult$/);
    const posted = await alice.browser.post(`${fx.stack.url}/directory/transfer`, {
      ...fields,
      target: `queue:${SUPPORT_QUEUE}`,
    });
    page = await alice.browser.follow(posted);
    assert.match(statusText(page), /Only a connected call can be transferred/);
    assert.deepEqual(await sentTo(/\/(consult|transfer)$/), []);
  });

  // Real tenants hold the main call during a consult unless asked otherwise (Cisco's SDK
  // services/task/index.ts consult: holdParticipants defaults to true); Cisco's widgets send
  // holdParticipants: !allowParticipantsToInteract (@webex/cc-task helper.ts consultCall), the box
  // unticked by default (@webex/cc-components consult-transfer-popover).
  it('when an agent in a conference consults from the directory without ticking the box, then WxCC is asked to hold the others, the main call is held and the note says so; ending the consult releases it', async () => {
    const { id, alice } = await conferenceWithBruno();
    const directory = await alice.browser.get(`${fx.stack.url}/directory?q=claims`);
    await fx.stack.control.clearRequests();
    const page = await submit(alice.browser, directory, /\/directory\/consult$/);
    assert.match(
      statusText(page),
      /Consulting Claims Team: the customer and the others in the conference are on hold/,
    );
    assert.deepEqual(await sentTo(/\/consult$/), [
      { to: CLAIMS.number, destinationType: 'dialNumber', holdParticipants: true },
    ]);
    assert.equal(await mainCallHeld(id), true);
    await pageUntil(alice, fx.stack, /consult-end"/);
    await contactAction(alice, /\/consult-end$/);
    await pageUntil(alice, fx.stack, /Leave conference/);
    assert.equal(await mainCallHeld(id), false);
  });

  it('when an agent in a conference consults a number from the directory and transfers the conference, then conference/transfer is sent, the number joins, the other agent keeps the call and the transferring agent wraps up', async () => {
    const { id, alice, bruno } = await conferenceWithBruno();
    const directory = await alice.browser.get(`${fx.stack.url}/directory?q=claims`);
    await fx.stack.control.clearRequests();
    // The box "Let the others keep talking" is offered, unticked; ticked, nobody is held.
    assert.match(directory.text, /name="othersKeepTalking" value="yes"/);
    assert.doesNotMatch(directory.text, /name="othersKeepTalking"[^>]*checked/);
    let page = await submit(alice.browser, directory, /\/directory\/consult$/, {
      othersKeepTalking: 'yes',
    });
    assert.match(
      statusText(page),
      /Consulting Claims Team: the others in the conference keep talking with the customer/,
    );
    assert.deepEqual(await sentTo(/\/consult$/), [
      { to: CLAIMS.number, destinationType: 'dialNumber', holdParticipants: false },
    ]);
    assert.equal(await mainCallHeld(id), false);
    page = await pageUntil(alice, fx.stack, /Transfer conference/);
    page = await contactAction(alice, /\/consult-transfer$/);
    assert.match(contactsRegion(page), /Wrap-up reason/, statusText(page));
    const sent = (await fx.stack.control.requests()).map((r) => r.path);
    assert.ok(sent.some((p) => p.endsWith(`/v1/tasks/${id}/conference/transfer`)));
    assert.ok(!sent.some((p) => p.endsWith(`/v1/tasks/${id}/consult/transfer`)));
    // Bruno and the number stay with the customer: still a conference, and Bruno can leave it.
    const his = contactsRegion(await pageUntil(bruno, fx.stack, /Leave conference/));
    assert.doesNotMatch(his, /Wrap-up reason/);
    await contactAction(alice, /\/wrapup$/);
  });
});
