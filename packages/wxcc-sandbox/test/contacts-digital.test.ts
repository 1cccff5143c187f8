// Chat, email and social contacts in the sandbox, as WxCC offers them to a blended agent: only where
// the multimedia profile has a slot, accepted through the tasks API, ended, transferred, wrapped up,
// or rung out (RONA) when nobody accepts. Shapes: Cisco's SDK services/task/types.ts Interaction.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from '../src/contacts/contact-seed';
import type { EventSocket } from './support/sandbox-client';
import {
  ContactFixture,
  alice,
  chiara,
  interactionOf,
  isTask,
  taskEvent,
} from './support/contact-fixture';

const RESOLVED = '8de61794-a454-4f87-a586-4fe2b0768215';
const queue = defaultContactSeed.queues.find((q) => q.channelType === 'CHAT')!;
const phoneQueue = defaultContactSeed.queues[0]!;

interface DigitalInteraction {
  mediaType: string;
  mediaChannel: string;
  media: Record<string, { mediaResourceId: string; mediaType: string; mediaMgr: string }>;
  callProcessingDetails: Record<string, string>;
  callAssociatedDetails: Record<string, string>;
}

describe('sandbox digital contacts: chat, email and social to a blended agent', () => {
  const fx = ContactFixture.forSuite();

  async function offer(agentId: string, events: EventSocket, body: Record<string, unknown>) {
    const reply = await fx.control('POST', `/agents/${agentId}/offer`, body);
    assert.equal(reply.status, 201, reply.text);
    const { interactionId } = reply.body as { interactionId: string };
    const offered = await events.next((f) => isTask(f, 'AgentOfferContact', interactionId));
    return { interactionId, offered };
  }

  it('when a blended agent logs in, then channelsMap and the user record carry their multimedia profile (SDK cc.ts mmProfile)', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events, false);
    const login = await events.inner('AgentStationLoginSuccess');
    const map = login.data.channelsMap as Record<string, string[]>;
    assert.deepEqual(
      { chat: map.chat?.length, email: map.email?.length, social: map.social?.length },
      { chat: 3, email: 2, social: 2 },
    );
    assert.equal(map.telephony?.length, 1);
    const phone = await fx.listen(chiara.id);
    await fx.ready(chiara.id, phone, false);
    const voice = (await phone.inner('AgentStationLoginSuccess')).data.channelsMap as Record<
      string,
      string[]
    >;
    assert.deepEqual([voice.chat, voice.email, voice.social], [[], [], []]);
  });

  it('when a chat is offered, then Reserved and Offer carry mediaType chat, its channel, its own media id and the customer', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const { interactionId: id, offered } = await offer(alice.id, events, {
      mediaType: 'chat',
      address: 'grace@example.com',
      customerName: 'Grace Hopper',
      queueId: queue.id,
      cad: { Subject: 'Where is my order?' },
    });
    const reserved = events.frames.find((f) => isTask(f, 'AgentContactReserved', id));
    assert.ok(reserved, 'AgentContactReserved comes first (SDK TaskManager.ts creates the task)');
    const interaction = offered.data.interaction as DigitalInteraction;
    assert.equal(interaction.mediaType, 'chat');
    assert.equal(interaction.mediaChannel, 'web');
    const leg = interaction.media[id]!;
    assert.equal(leg.mediaType, 'chat');
    assert.equal(leg.mediaMgr, 'digitalmm');
    assert.notEqual(leg.mediaResourceId, id, 'a conversation has its own media id');
    assert.equal(offered.data.mediaResourceId, leg.mediaResourceId);
    assert.equal(interaction.callAssociatedDetails.ani, 'grace@example.com');
    assert.equal(interaction.callAssociatedDetails.customerName, 'Grace Hopper');
    assert.equal(interaction.callProcessingDetails.pauseResumeEnabled, undefined);
    assert.equal(interactionOf(offered).callFlowParams.Subject?.value, 'Where is my order?');
    assert.deepEqual(fx.scheduler.pending(), [defaultContactSeed.ronaTimeoutSec * 1000]);
  });

  it('when an email and a social message are offered, then each says its media, channel and customer (fromAddress for email)', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const email = await offer(alice.id, events, { mediaType: 'email' });
    const mail = email.offered.data.interaction as DigitalInteraction;
    assert.deepEqual([mail.mediaType, mail.mediaChannel], ['email', 'email']);
    assert.equal(mail.callProcessingDetails.fromAddress, 'ada.lovelace@example.com');
    const social = await offer(alice.id, events, { mediaType: 'social', mediaChannel: 'whatsapp' });
    const msg = social.offered.data.interaction as DigitalInteraction;
    assert.deepEqual([msg.mediaType, msg.mediaChannel], ['social', 'whatsapp']);
    assert.equal(msg.callAssociatedDetails.customerName, 'Alan Turing');
    assert.notEqual(email.interactionId, social.interactionId);
  });

  it('when a chat is offered into a telephony queue, then the sandbox refuses: a queue routes one media', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const reply = await fx.control('POST', `/agents/${alice.id}/offer`, {
      mediaType: 'chat',
      queueId: phoneQueue.id,
    });
    assert.equal(reply.status, 400);
    assert.match(reply.text, /does not route chat/);
  });

  it('when the agent’s multimedia profile is telephony only, then WxCC offers no chat, email or social', async () => {
    const events = await fx.listen(chiara.id);
    await fx.ready(chiara.id, events);
    for (const mediaType of ['chat', 'email', 'social']) {
      const reply = await fx.control('POST', `/agents/${chiara.id}/offer`, { mediaType });
      assert.equal(reply.status, 409);
      assert.match(reply.text, new RegExp(`no ${mediaType} slot`));
    }
    assert.equal(events.frames.filter((f) => f.type === 'RoutingMessage').length, 0);
  });

  it('when every chat slot is taken, then no further chat is offered', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    for (let i = 0; i < 3; i += 1) await offer(alice.id, events, { mediaType: 'chat' });
    const fourth = await fx.control('POST', `/agents/${alice.id}/offer`, { mediaType: 'chat' });
    assert.equal(fourth.status, 409);
    assert.match(fourth.text, /every chat slot/);
  });

  it('when a chat is accepted through the API, then it connects; the phone cannot answer it; hold is refused; End works even with endCallEnabled off; wrap-up closes it', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const { interactionId: id } = await offer(alice.id, events, { mediaType: 'chat' });
    const phone = await fx.control('POST', `/agents/${alice.id}/answer`, { interactionId: id });
    assert.equal(phone.status, 409);
    assert.match(phone.text, /accepts it on the desktop/);

    assert.equal((await fx.task(alice.id, id, 'accept')).status, 202);
    const assigned = await taskEvent(events, 'AgentContactAssigned', id);
    assert.equal(interactionOf(assigned).state, 'connected');
    assert.deepEqual(fx.scheduler.pending(), [], 'the RONA timer stops once accepted');

    assert.equal((await fx.task(alice.id, id, 'hold', { mediaResourceId: id })).status, 202);
    const holdFailed = await taskEvent(events, 'AgentContactHoldFailed', id);
    assert.equal(holdFailed.data.reason, 'MEDIA_NOT_SUPPORTED');
    const consult = await fx.task(alice.id, id, 'consult', {
      to: chiara.id,
      destinationType: 'agent',
    });
    assert.equal(consult.status, 202);
    assert.equal(
      (await taskEvent(events, 'AgentConsultFailed', id)).data.reason,
      'MEDIA_NOT_SUPPORTED',
    );

    await fx.control('PATCH', '/tenant', { endCallEnabled: false });
    assert.equal((await fx.task(alice.id, id, 'end')).status, 202);
    const wrapup = await taskEvent(events, 'AgentWrapup', id);
    assert.equal(interactionOf(wrapup).state, 'WRAPUP');
    const wrap = await fx.task(alice.id, id, 'wrapup', {
      wrapUpReason: 'Resolved',
      auxCodeId: RESOLVED,
    });
    assert.equal(wrap.status, 202);
    await taskEvent(events, 'AgentWrappedUp', id);
    const left = (await fx.control('GET', '/contacts')).body as unknown[];
    assert.equal(left.length, 0);
  });

  it('when a second accept comes for a chat already accepted, then AgentContactAssignFailed (SDK contact.ts accept notifFail)', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const { interactionId: id } = await offer(alice.id, events, { mediaType: 'chat' });
    await fx.task(alice.id, id, 'accept');
    await taskEvent(events, 'AgentContactAssigned', id);
    assert.equal((await fx.task(alice.id, id, 'accept')).status, 202);
    const failed = await taskEvent(events, 'AgentContactAssignFailed', id);
    assert.equal(failed.data.reason, 'INVALID_STATE');
  });

  it('when nobody accepts a chat, then it rings out (RONA) and WxCC makes the agent Idle', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const { interactionId: id } = await offer(alice.id, events, { mediaType: 'chat' });
    fx.scheduler.fireAll();
    const rona = await taskEvent(events, 'AgentOfferContactRona', id);
    assert.equal(rona.data.reason, 'RONA');
    const idle = await events.next(
      (f) => f.data?.type === 'AgentStateChangeSuccess' && f.data.subStatus === 'Idle',
    );
    assert.equal(idle.data.subStatus, 'Idle');
  });

  it('when a chat is transferred, then a chat queue takes it, a telephony queue and a phone number are refused and a voice-only agent has no slot for it', async () => {
    const events = await fx.listen(alice.id);
    await fx.ready(alice.id, events);
    const phone = await fx.listen(chiara.id);
    await fx.ready(chiara.id, phone);
    const { interactionId: id } = await offer(alice.id, events, { mediaType: 'chat' });
    await fx.task(alice.id, id, 'accept');
    await taskEvent(events, 'AgentContactAssigned', id);

    await fx.task(alice.id, id, 'transfer', { to: phoneQueue.id, destinationType: 'queue' });
    const toPhoneQueue = await taskEvent(events, 'AgentVteamTransferFailed', id);
    assert.equal(
      toPhoneQueue.data.reason,
      'INVALID_DESTINATION',
      'a telephony queue takes no chat',
    );
    await fx.task(alice.id, id, 'transfer', { to: '+14155550100', destinationType: 'dialNumber' });
    const toNumber = await taskEvent(events, 'AgentBlindTransferFailed', id);
    assert.equal(toNumber.data.reason, 'INVALID_DESTINATION');
    await fx.task(alice.id, id, 'transfer', { to: chiara.id, destinationType: 'agent' });
    const toVoice = await events.next(
      (f) => isTask(f, 'AgentBlindTransferFailed', id) && f.data.reason === 'NO_CHANNEL_CAPACITY',
    );
    assert.equal(toVoice.data.reasonCode, 1421);

    assert.equal(
      (await fx.task(alice.id, id, 'transfer', { to: queue.id, destinationType: 'queue' })).status,
      202,
    );
    const moved = await taskEvent(events, 'AgentVteamTransferred', id);
    assert.equal(interactionOf(moved).state, 'WRAPUP');
    await fx.task(alice.id, id, 'wrapup', { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
    await taskEvent(events, 'AgentWrappedUp', id);
  });
});
