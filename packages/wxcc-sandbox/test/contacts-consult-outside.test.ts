// Consults to a dial number and to an entry point as real tenants run them, and buddy lists by
// media. Sources: Cisco's SDK services/task/index.ts consult / consultTransfer / consultConference
// (to and destinationType from services/core/Utils.ts calculateDestAgentId and calculateDestType:
// pType 'DN' → dialNumber by the participant's id, type 'EpDn' / pType 'EP-DN' → entryPoint by its
// epId); @webex/cc-task's consult popover (an address-book entry's number, an entry point's id);
// @webex/cc-store getBuddyAgents(mediaType = the task's).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from '../src/contacts/contact-seed';
import {
  ContactFixture,
  alice,
  bruno,
  dmitri,
  interactionOf,
  taskEvent,
} from './support/contact-fixture';

const NUMBER = defaultContactSeed.addressBook.entries[0]!.number;
const MAIN_LINE = defaultContactSeed.inboundEntryPoint;

interface Leg {
  mType?: string;
  participants?: string[];
}
interface Party {
  id?: string;
  pType?: string;
  type?: string;
  epId?: string;
  hasLeft?: boolean;
  isWrapUp?: boolean;
}

/** What Cisco's SDK would send for a consult transfer or conference, read from a frame. */
function sdkDestination(frame: Parameters<typeof interactionOf>[0], agentId: string) {
  const interaction = frame.data.interaction as {
    media: Record<string, Leg>;
    participants: Record<string, Party>;
  };
  const leg = Object.values(interaction.media).find((m) => m.mType === 'consult');
  const other = leg?.participants?.find((p) => p !== agentId) ?? '';
  const party = interaction.participants[other];
  return {
    to: party?.type === 'EpDn' ? party.epId : party?.id,
    destinationType:
      party?.pType === 'DN'
        ? 'dialNumber'
        : party?.pType === 'EP-DN'
          ? 'entryPoint'
          : party?.pType?.toLowerCase(),
  };
}

describe('sandbox contacts: consult to a dial number or an entry point', () => {
  const fx = ContactFixture.forSuite();

  it('when an agent consults a dial number, then the consult leg lists a DN participant named by the number, and a consult transfer naming it as the SDK does is taken; another type is refused', async () => {
    const a = await fx.listen(alice.id);
    await fx.ready(alice.id, a);
    const id = await fx.connect(alice.id, a);
    await fx.task(alice.id, id, 'consult', { to: NUMBER, destinationType: 'dialNumber' });
    const consulting = await taskEvent(a, 'AgentConsulting', id);
    const dest = sdkDestination(consulting, alice.id);
    assert.deepEqual(dest, { to: NUMBER, destinationType: 'dialNumber' });
    await fx.task(alice.id, id, 'consult/transfer', { to: NUMBER, destinationType: 'agent' });
    assert.equal(
      (await taskEvent(a, 'AgentConsultTransferFailed', id)).data.reason,
      'INVALID_DESTINATION',
    );
    await fx.task(alice.id, id, 'consult/transfer', dest);
    const done = await taskEvent(a, 'AgentConsultTransferred', id);
    const participants = interactionOf(done).participants as Record<string, Party>;
    assert.equal(participants[NUMBER]?.pType, 'DN', 'the number stays on with the customer');
  });

  it('when an agent consults an entry point by its id, then the participant is EP-DN with its epId and the transfer names the epId; a number or an unknown id as an entry point fails', async () => {
    const a = await fx.listen(alice.id);
    await fx.ready(alice.id, a);
    const id = await fx.connect(alice.id, a);
    await fx.task(alice.id, id, 'consult', { to: '+14155550100', destinationType: 'entryPoint' });
    assert.equal((await taskEvent(a, 'AgentConsultFailed', id)).data.reason, 'INVALID_DESTINATION');
    a.frames.splice(0);
    await fx.task(alice.id, id, 'consult', { to: MAIN_LINE.id, destinationType: 'entryPoint' });
    const dest = sdkDestination(await taskEvent(a, 'AgentConsulting', id), alice.id);
    assert.deepEqual(dest, { to: MAIN_LINE.id, destinationType: 'entryPoint' });
    await fx.task(alice.id, id, 'consult/transfer', dest);
    await taskEvent(a, 'AgentConsultTransferred', id);
  });

  it('when a dial-number consult is conferenced, then the number joins the main call (a conference of two, as the SDK counts it) and the agent may leave it with the customer', async () => {
    const a = await fx.listen(alice.id);
    await fx.ready(alice.id, a);
    const id = await fx.connect(alice.id, a);
    await fx.task(alice.id, id, 'consult', { to: NUMBER, destinationType: 'dialNumber' });
    const dest = sdkDestination(await taskEvent(a, 'AgentConsulting', id), alice.id);
    await fx.task(alice.id, id, 'consult/conference', dest);
    const conferenced = await taskEvent(a, 'AgentConsultConferenced', id);
    const interaction = conferenced.data.interaction as {
      state: string;
      media: Record<string, Leg>;
    };
    assert.equal(interaction.state, 'conference');
    assert.ok(interaction.media[id]?.participants?.includes(NUMBER), 'the number is on the call');
    await fx.task(alice.id, id, 'conference/exit', {});
    const left = await taskEvent(a, 'ParticipantLeftConference', id);
    const me = (interactionOf(left).participants as Record<string, Party>)[alice.id];
    assert.equal(me?.hasLeft, true);
  });
});

describe('sandbox contacts: a conference handed on to a number or an entry point', () => {
  const fx = ContactFixture.forSuite();

  /** Alice's call with Bruno conferenced in. */
  async function conferenceWithBruno() {
    const a = await fx.listen(alice.id);
    const b = await fx.listen(bruno.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, b);
    const id = await fx.connect(alice.id, a);
    await fx.task(alice.id, id, 'consult', { to: bruno.id, destinationType: 'agent' });
    await taskEvent(b, 'AgentOfferConsult', id);
    await fx.task(bruno.id, id, 'consult/accept', {});
    await taskEvent(a, 'AgentConsulting', id);
    await fx.task(alice.id, id, 'consult/conference', { to: bruno.id, destinationType: 'agent' });
    await taskEvent(a, 'AgentConsultConferenced', id);
    return { a, b, id };
  }

  // Cisco's SDK services/task/index.ts transferConference posts conference/transfer with `{}` and
  // checks nothing of the consult leg; @webex/cc-task offers its Transfer for any accepted consult
  // while isConferenceInProgress (getConsultTransferButtonVisibility, useCallControl consultTransfer).
  it('when an agent in a conference consults a number and transfers the conference, then the number joins, the agent still on the call owns it, and the transferring agent wraps up', async () => {
    const { a, b, id } = await conferenceWithBruno();
    await fx.task(alice.id, id, 'consult', { to: NUMBER, destinationType: 'dialNumber' });
    await taskEvent(a, 'AgentConsulting', id);
    await fx.task(alice.id, id, 'conference/transfer', {});
    await taskEvent(a, 'ParticipantLeftConference', id);
    const done = await taskEvent(a, 'AgentConferenceTransferred', id);
    const participants = interactionOf(done).participants as Record<string, Party>;
    assert.equal(participants[alice.id]?.hasLeft, true);
    const left = await taskEvent(b, 'ParticipantLeftConference', id);
    assert.equal(left.data.owner, bruno.id, 'only an agent owns the call');
    const interaction = left.data.interaction as { state: string; media: Record<string, Leg> };
    assert.equal(interaction.state, 'conference', 'Bruno and the number stay with the customer');
    assert.ok(interaction.media[id]?.participants?.includes(NUMBER), 'the number joined');
  });

  it('when the only agent of a conference with a number consults an entry point and transfers the conference, then the entry point joins and the customer stays with both', async () => {
    const a = await fx.listen(alice.id);
    await fx.ready(alice.id, a);
    const id = await fx.connect(alice.id, a);
    await fx.task(alice.id, id, 'consult', { to: NUMBER, destinationType: 'dialNumber' });
    const dest = sdkDestination(await taskEvent(a, 'AgentConsulting', id), alice.id);
    await fx.task(alice.id, id, 'consult/conference', dest);
    await taskEvent(a, 'AgentConsultConferenced', id);
    await fx.task(alice.id, id, 'consult', { to: MAIN_LINE.id, destinationType: 'entryPoint' });
    await taskEvent(a, 'AgentConsulting', id);
    await fx.task(alice.id, id, 'conference/transfer', {});
    const done = await taskEvent(a, 'AgentConferenceTransferred', id);
    const interaction = interactionOf(done) as unknown as {
      media: Record<string, Leg>;
      participants: Record<string, Party>;
    };
    assert.equal(interaction.participants[alice.id]?.isWrapUp, true);
    const onCall = interaction.media[id]?.participants ?? [];
    assert.ok(onCall.includes(NUMBER) && onCall.includes(MAIN_LINE.dialNumber), onCall.join());
  });
});

describe('sandbox buddy lists by media', () => {
  const fx = ContactFixture.forSuite();

  it('when the buddy list is asked for chat, then only agents whose multimedia profile takes chats are listed; a media the spec does not name is refused', async () => {
    const a = await fx.listen(alice.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, await fx.listen(bruno.id));
    await fx.ready(dmitri.id, await fx.listen(dmitri.id));
    const ask = async (mediaType: string) => {
      a.frames.splice(0);
      await fx.wxcc(alice.id, 'POST', '/agents/buddyList', {
        agentProfileId: alice.agentProfileId,
        mediaType,
      });
      return a.next((f) => f.type === 'BuddyAgents');
    };
    const ids = (frame: Awaited<ReturnType<typeof ask>>) =>
      ((frame.data.agentList ?? []) as { agentId: string }[]).map((x) => x.agentId).sort();
    assert.deepEqual(ids(await ask('telephony')), [bruno.id, dmitri.id].sort());
    assert.deepEqual(ids(await ask('chat')), [dmitri.id]);
    assert.deepEqual(ids(await ask('workItem')), []);
    const failed = await ask('fax');
    assert.equal(failed.data.type, 'BuddyAgentsRetrieveFailed');
  });

  it('when a chat is transferred to an agent whose profile takes no chats, then it fails and stays with the agent', async () => {
    const a = await fx.listen(alice.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, await fx.listen(bruno.id));
    const offered = (await fx.control('POST', `/agents/${alice.id}/offer`, {
      mediaType: 'chat',
    })) as { body?: { interactionId?: string } };
    const id = offered.body?.interactionId ?? '';
    await taskEvent(a, 'AgentOfferContact', id);
    await fx.task(alice.id, id, 'accept', {});
    await taskEvent(a, 'AgentContactAssigned', id);
    await fx.task(alice.id, id, 'transfer', { to: bruno.id, destinationType: 'agent' });
    assert.equal(
      (await taskEvent(a, 'AgentBlindTransferFailed', id)).data.reason,
      'NO_CHANNEL_CAPACITY',
    );
  });
});
