// Outdial (POST /v1/tasks): the agent's phone rings first, then the customer's (TASKS.md §4.3).
import { taskFailure, type TaskFailureReason, type Outcome } from './contact-events';
import type { ContactBook } from './contact-book';
import type { Contact } from './contact-model';
import { DIALABLE } from './contact-parties';

export interface OutdialInput {
  destination: string;
  entryPointId: string;
  origin?: string;
  outboundType?: string;
  attributes?: Record<string, unknown>;
}

/** The task id the 201 names, and the events: AgentOfferContact, or AgentOutboundFailed. */
export function startOutdial(
  center: ContactBook,
  agentId: string,
  input: OutdialInput,
  trackingId: string,
): { taskId: string; outcome: Outcome } {
  const ec = center.eventContext(trackingId);
  const { seed } = center;
  const fail = (reason: TaskFailureReason) => ({
    taskId: ec.trackingId,
    outcome: center.send({
      deliveries: [taskFailure(ec, 'AgentOutboundFailed', agentId, reason)],
    }),
  });
  const session = center.ctx.state.sessions.get(agentId);
  if (!session) return fail('AGENT_NOT_LOGGED_IN');
  if (!center.tenant.outdialEnabled || !center.settingsOf(agentId).outdialEnabled) {
    return fail('OUTDIAL_DISABLED');
  }
  if (input.entryPointId !== seed.outdialEntryPoint.id) return fail('INVALID_ENTRY_POINT');
  // An outdial names its caller id, as Cisco's SDK always does (cc.ts startOutdial(destination,
  // origin)); WxCC does not pick one for a request without it, and neither does the sandbox.
  const origin = input.origin;
  if (origin === undefined || !seed.outdialAni.entries.some((e) => e.number === origin)) {
    return fail('INVALID_OUTDIAL_ANI');
  }
  const destination = input.destination.replace(/[\s().-]/g, '');
  if (!DIALABLE.test(destination)) return fail('INVALID_DESTINATION');
  if (session.subStatus !== 'Available') return fail('AGENT_NOT_AVAILABLE');
  const contact: Contact = center.newContact(agentId, {
    direction: 'OUTBOUND',
    outdial: true,
    ani: destination,
    dnis: origin,
    customerName: '',
    queueId: '',
    queueName: seed.outdialEntryPoint.name,
    entryPointId: seed.outdialEntryPoint.id,
    cad: {},
    ronaTimeoutSec: seed.ronaTimeoutSec,
  });
  return {
    taskId: contact.interactionId,
    outcome: center.send({ deliveries: center.offer(contact, trackingId) }),
  };
}
