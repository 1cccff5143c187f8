// Chat, email and social contacts on the desktop, as WxCC offers them to a blended agent: shown as
// what they are, accepted with the API's Accept, ended, transferred and wrapped up like calls.
// Sources: Cisco's SDK @webex/contact-center 3.12.0 services/task/index.ts accept (POST
// /v1/tasks/{id}/accept for every mediaType but telephony), services/task/contact.ts accept
// (AgentContactAssigned / AgentContactAssignFailed); @webex/cc-task Utils/task-util
// getControlsVisibility (which controls a non-telephony task has); @webex/cc-components
// extractIncomingTaskData and getMediaTypeInfo (its title and channel name).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALICE,
  BRUNO,
  CHIARA,
  SUPPORT_QUEUE,
  availableAgent,
  contactAction,
  contactsRegion,
  pageUntil,
  placeCall,
  statusText,
  contactStack,
  type SignedInAgent,
} from '../helpers/contacts';
import type { Stack } from '../helpers/stack';

const RESOLVED = '8de61794-a454-4f87-a586-4fe2b0768215';
/** The sandbox's chat queue: a queue routes one media (ContactServiceQueueDTO channelType). */
const CHAT_QUEUE = '0d3f5b7a-9c1e-4a2b-8d4f-6e8a0c2e4a01';
/** Blended (chat, email, social) like Alice: the sandbox's second agent who takes chats. */
const DMITRI = '76b8bc22-4055-4ea4-956d-4a3ad6e21b2e';

async function offer(stack: Stack, agentId: string, body: Record<string, unknown>) {
  const placed = (await stack.control.supervisor(agentId, 'offer', body)) as {
    interactionId?: string;
  };
  assert.ok(placed.interactionId, `the sandbox offered it: ${JSON.stringify(placed)}`);
  return placed.interactionId;
}

/** The buttons of the contacts' cards (not the Dial form beside them), by their labels. */
function buttons(region: string): string[] {
  const cards = [...region.matchAll(/<article[\s\S]*?<\/article>/g)].map((m) => m[0]).join('');
  return [...cards.matchAll(/<button[^>]*>([^<]+)<\/button>/g)].map((m) => m[1]!.trim());
}

async function acceptedChat(
  stack: Stack,
  agent: SignedInAgent,
  body: Record<string, unknown> = {},
) {
  const id = await offer(stack, agent.agentId, { mediaType: 'chat', ...body });
  await pageUntil(agent, stack, /Waiting to be accepted/);
  const page = await contactAction(agent, /\/accept$/);
  assert.match(statusText(page), /You accepted the chat/, statusText(page));
  await pageUntil(agent, stack, /Connected/);
  return id;
}

describe('digital contacts (chat, email, social)', () => {
  const suite = contactStack({ perTest: true });

  it('when a chat is offered to a blended agent, then the page shows a chat with Accept (never "answer on your phone"); Accept posts /accept and connects it; End and wrap-up close it', async () => {
    const alice = await availableAgent(suite.stack, ALICE, '+14155550401');
    const id = await offer(suite.stack, ALICE, {
      mediaType: 'chat',
      address: 'grace.hopper@example.com',
      customerName: 'Grace Hopper',
      cad: { Subject: 'Where is my order?' },
    });
    let page = await pageUntil(alice, suite.stack, /Waiting to be accepted/);
    let region = contactsRegion(page);
    assert.match(region, /<dt>Channel<\/dt><dd>Chat<\/dd>/);
    assert.match(region, /grace\.hopper@example\.com/);
    assert.match(region, /Grace Hopper/);
    assert.match(region, /Subject[\s\S]*Where is my order\?/);
    assert.match(region, /Inbound chat/);
    assert.match(region, /accept it here, then read and answer it in Webex Contact Center/);
    assert.doesNotMatch(region, /Answer on your phone|Ringing/);
    assert.deepEqual(buttons(region), ['Accept']);

    await suite.stack.control.clearRequests();
    page = await contactAction(alice, /\/accept$/);
    const accepts = (await suite.stack.control.requests()).filter((r) =>
      r.path.endsWith('/accept'),
    );
    assert.deepEqual(
      accepts.map((r) => [r.method, r.path]),
      [['POST', `/wxcc/v1/tasks/${id}/accept`]],
    );
    page = await pageUntil(alice, suite.stack, /Connected/);
    region = contactsRegion(page);
    assert.match(region, /are not in the Contact Center API[\s\S]*Agent Desktop/);
    // A chat has no hold, recording or consult (each needs isCall in getControlsVisibility).
    assert.deepEqual(buttons(region), ['End chat', 'Transfer']);
    assert.doesNotMatch(region, /name="dialNumber"|A number \(type it\)/);

    page = await contactAction(alice, /\/end$/);
    assert.match(statusText(page), /The chat ended/);
    assert.match(contactsRegion(page), /Wrap-up reason/);
    page = await contactAction(alice, /\/wrapup$/, { auxCodeId: RESOLVED });
    assert.match(statusText(page), /Wrap-up done/);
    assert.match(contactsRegion(page), /No customer contact right now/);
  });

  it('when nobody accepts a chat in time, then WxCC withdraws it (RONA) and the page says the chat was not accepted, not that a call rang out', async () => {
    const alice = await availableAgent(suite.stack, ALICE, '+14155550402');
    const id = await offer(suite.stack, ALICE, { mediaType: 'chat', customerName: 'Rona Writer' });
    await pageUntil(alice, suite.stack, /Waiting to be accepted/);
    await suite.stack.control.supervisor(ALICE, 'ring-out', { interactionId: id });
    const page = await pageUntil(alice, suite.stack, /not accepted in time/);
    const region = contactsRegion(page);
    assert.match(region, /The chat from Rona Writer was not accepted in time.*Idle \(RONA\)/);
    assert.doesNotMatch(region, /rang out/);
  });

  it('when an email and a social message are offered, then each shows its channel, and its title as Cisco’s widgets pick it (address; the name on social)', async () => {
    const alice = await availableAgent(suite.stack, ALICE, '+14155550403');
    await offer(suite.stack, ALICE, {
      mediaType: 'email',
      address: 'ada@example.com',
      customerName: 'Ada Lovelace',
    });
    await offer(suite.stack, ALICE, {
      mediaType: 'social',
      mediaChannel: 'facebook',
      address: 'fb-4815162342',
      customerName: 'Alan Turing',
    });
    const page = await pageUntil(
      alice,
      suite.stack,
      /FB messenger[\s\S]*|Email[\s\S]*FB messenger/,
    );
    const region = contactsRegion(page);
    assert.match(region, /<h3[^>]*>ada@example\.com<\/h3>[\s\S]*<dt>Channel<\/dt><dd>Email<\/dd>/);
    assert.match(
      region,
      /<h3[^>]*>Alan Turing<\/h3>[\s\S]*<dt>Channel<\/dt><dd>FB messenger<\/dd>/,
    );
    assert.equal(buttons(region).filter((b) => b === 'Accept').length, 2);
  });

  it('when a chat is transferred, then only a chat queue is offered and taken, and the agent wraps up', async () => {
    const alice = await availableAgent(suite.stack, ALICE, '+14155550404');
    const id = await acceptedChat(suite.stack, alice);
    await suite.stack.control.clearRequests();
    // Only the chat queue is offered; a telephony queue sent by a forged form is refused.
    assert.match(contactsRegion(alice.page), new RegExp(`queue:${CHAT_QUEUE}`));
    assert.doesNotMatch(contactsRegion(alice.page), new RegExp(`queue:${SUPPORT_QUEUE}`));
    let page = await contactAction(alice, /\/transfer$/, { target: `queue:${SUPPORT_QUEUE}` });
    assert.match(statusText(page), /Choose a queue or an agent from the list/);
    page = await contactAction(alice, /\/transfer$/, { target: `queue:${CHAT_QUEUE}` });
    assert.match(statusText(page), /The chat is transferred/);
    const sent = (await suite.stack.control.requests()).filter((r) => r.path.endsWith('/transfer'));
    assert.deepEqual(sent[0]?.body, { to: CHAT_QUEUE, destinationType: 'queue' });
    page = await pageUntil(alice, suite.stack, /Wrap-up reason/);
    assert.match(contactsRegion(page), new RegExp(`contact-${id}`));
  });

  it('when a chat is transferred to an agent, then the buddy list is asked for by mediaType chat and offers only agents who take chats (cc-store getBuddyAgents(mediaType))', async () => {
    const alice = await availableAgent(suite.stack, ALICE, '+14155550406');
    await availableAgent(suite.stack, BRUNO, '+14155550407');
    // Dmitri's profile is blended; his number is provisioned (PROVISIONED_VALUE).
    await availableAgent(suite.stack, DMITRI, '+4930901820104');
    await suite.stack.control.clearRequests();
    await acceptedChat(suite.stack, alice);
    const page = await pageUntil(alice, suite.stack, new RegExp(`agent:${DMITRI}`));
    const form = contactsRegion(page).match(/<form[^>]*\/transfer"[\s\S]*?<\/form>/)?.[0] ?? '';
    assert.match(form, /Dmitri Dahl/);
    assert.doesNotMatch(form, /Bruno Becker/, 'a voice-only agent takes no chat');
    const asked = (await suite.stack.control.requests()).filter((r) =>
      r.path.includes('buddyList'),
    );
    assert.ok(
      asked.some((r) => (r.body as { mediaType?: string }).mediaType === 'chat'),
      JSON.stringify(asked.map((r) => r.body)),
    );
    // A forged voice-only agent is refused before anything is sent.
    await suite.stack.control.clearRequests();
    let after = await contactAction(alice, /\/transfer$/, { target: `agent:${BRUNO}` });
    assert.match(statusText(after), /Choose a queue or an agent from the list/);
    after = await contactAction(alice, /\/transfer$/, { target: `agent:${DMITRI}` });
    assert.match(statusText(after), /The chat is transferred/);
    const sent = (await suite.stack.control.requests()).filter((r) => r.path.endsWith('/transfer'));
    assert.deepEqual(
      sent.map((r) => r.body),
      [{ to: DMITRI, destinationType: 'agent' }],
    );
  });

  it('when the tenant does not let agents end calls, then a chat can still be ended (getEndButtonVisibility: any non-call)', async () => {
    await suite.stack.control.call('PATCH', '/tenant', { endCallEnabled: false });
    const alice = await availableAgent(suite.stack, ALICE, '+14155550405');
    await acceptedChat(suite.stack, alice);
    const page = await contactAction(alice, /\/end$/);
    assert.match(statusText(page), /The chat ended/);
  });

  it('when the agent’s profile is telephony only, then no chat reaches them, and a call still says to answer on the phone with no Accept', async () => {
    const chiara = await availableAgent(suite.stack, CHIARA, '+442079460193');
    await assert.rejects(
      suite.stack.control.supervisor(CHIARA, 'offer', { mediaType: 'chat' }),
      /409 .*no chat slot/,
    );
    await placeCall(suite.stack, CHIARA);
    const page = await pageUntil(chiara, suite.stack, /class="contact contact-offered"/);
    const region = contactsRegion(page);
    assert.match(region, /Answer on your phone/);
    assert.doesNotMatch(region, /Accept|chat/i);
  });

  it('when a chat is open, then a call can still be placed beside it (the Dial form stays)', async () => {
    const alice = await availableAgent(suite.stack, ALICE, '+14155550406');
    await acceptedChat(suite.stack, alice);
    const page = await pageUntil(alice, suite.stack, /Connected/);
    assert.match(page.text, /contacts\/outdial/);
  });
});
