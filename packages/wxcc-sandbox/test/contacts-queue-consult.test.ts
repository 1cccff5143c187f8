// A consult to a queue, as real tenants run it: pending with no timeout until an agent is
// Available, cancelled with its queueId meanwhile, and once an agent answered, taken over or
// conferenced by naming that agent (Cisco's SDK services/task/contact.ts consult and consultEnd,
// services/task/index.ts consultTransfer and consultConference, services/core/Utils.ts
// getConsultedAgentId / calculateDestAgentId).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from '../src/contacts/contact-seed';
import { ContactFixture, alice, bruno, taskEvent } from './support/contact-fixture';

const queue = defaultContactSeed.queues[2]!;
const other = defaultContactSeed.queues.find((q) => q.id !== queue.id)!;

interface ConsultLeg {
  mType?: string;
  participants?: string[];
}

describe('sandbox contacts: consult to a queue', () => {
  const fx = ContactFixture.forSuite();

  /** Alice on a call consulting the queue, Bruno logged in but Idle: nobody can take it. */
  async function queueConsultWaiting() {
    const a = await fx.listen(alice.id);
    const b = await fx.listen(bruno.id);
    await fx.ready(alice.id, a);
    await fx.ready(bruno.id, b, false);
    const id = await fx.connect(alice.id, a);
    await fx.task(alice.id, id, 'consult', { to: queue.id, destinationType: 'queue' });
    await taskEvent(a, 'AgentConsultCreated', id);
    return { a, b, id };
  }

  /** Bruno becomes Available, is offered the waiting consult and answers it. */
  async function brunoTakesIt(b: Awaited<ReturnType<typeof queueConsultWaiting>>['b'], id: string) {
    await fx.wxcc(bruno.id, 'PUT', '/agents/session/state', { state: 'Available', auxCodeId: '0' });
    const offered = await taskEvent(b, 'AgentOfferConsult', id);
    assert.equal(offered.data.consultingAgentId, alice.id);
    await fx.task(bruno.id, id, 'consult/accept', {});
  }

  it('when nobody is Available, then the queue consult waits with no timeout and rings at the first agent who becomes Available', async () => {
    const { a, b, id } = await queueConsultWaiting();
    assert.equal(fx.scheduler.fireAll(), 0, 'no timer runs while the consult waits in the queue');
    await brunoTakesIt(b, id);
    const consulting = await taskEvent(a, 'AgentConsulting', id);
    const interaction = consulting.data.interaction as {
      media: Record<string, ConsultLeg>;
      participants: Record<string, { pType?: string }>;
    };
    // The consult leg names the agent who answered, as the SDK's getConsultedAgentId reads it.
    const leg = Object.values(interaction.media).find((m) => m.mType === 'consult');
    assert.deepEqual(leg?.participants, [alice.id, bruno.id]);
    assert.equal(interaction.participants[bruno.id]?.pType, 'Agent');
  });

  it('when the waiting queue consult is cancelled, then only its queueId cancels it: AgentCtqCancelled', async () => {
    const { a, id } = await queueConsultWaiting();
    await fx.task(alice.id, id, 'consult/end', {});
    assert.equal((await taskEvent(a, 'AgentConsultEndFailed', id)).data.reason, 'INVALID_STATE');
    await fx.task(alice.id, id, 'consult/end', { queueId: other.id });
    assert.equal(
      (await taskEvent(a, 'AgentCtqCancelFailed', id)).data.reason,
      'INVALID_DESTINATION',
    );
    await fx.task(alice.id, id, 'consult/end', { queueId: queue.id });
    await taskEvent(a, 'AgentCtqCancelled', id);
  });

  it('when an agent answered the queue consult, then the transfer must name that agent, not the queue', async () => {
    const { a, b, id } = await queueConsultWaiting();
    await brunoTakesIt(b, id);
    await taskEvent(a, 'AgentConsulting', id);
    await fx.task(alice.id, id, 'consult/transfer', { to: queue.id, destinationType: 'queue' });
    assert.equal(
      (await taskEvent(a, 'AgentConsultTransferFailed', id)).data.reason,
      'INVALID_DESTINATION',
    );
    await fx.task(alice.id, id, 'consult/transfer', { to: bruno.id, destinationType: 'agent' });
    const theirs = await taskEvent(b, 'AgentConsultTransferred', id);
    assert.equal(theirs.data.owner, bruno.id);
  });

  it('when an agent answered the queue consult, then the conference must name that agent, not the queue', async () => {
    const { a, b, id } = await queueConsultWaiting();
    await brunoTakesIt(b, id);
    await taskEvent(a, 'AgentConsulting', id);
    await fx.task(alice.id, id, 'consult/conference', { to: queue.id, destinationType: 'queue' });
    assert.equal(
      (await taskEvent(a, 'AgentConsultConferenceFailed', id)).data.reason,
      'INVALID_DESTINATION',
    );
    await fx.task(alice.id, id, 'consult/conference', {
      agentId: alice.id,
      to: bruno.id,
      destinationType: 'agent',
    });
    await taskEvent(b, 'AgentConsultConferenced', id);
  });

  it('when an agent answered the queue consult, then it is ended with {} and no longer cancelled', async () => {
    const { a, b, id } = await queueConsultWaiting();
    await brunoTakesIt(b, id);
    await taskEvent(a, 'AgentConsulting', id);
    await fx.task(alice.id, id, 'consult/end', { queueId: queue.id });
    assert.equal((await taskEvent(a, 'AgentCtqCancelFailed', id)).data.reason, 'INVALID_STATE');
    await fx.task(alice.id, id, 'consult/end', {});
    await taskEvent(a, 'AgentConsultEnded', id);
    await taskEvent(b, 'AgentConsultEnded', id);
  });
});
