// RoutingMessage events about a contact, in the shape Cisco's SDK reads (TaskData, Interaction: TASKS.md §1, §3).
import type { AgentEvent } from '../agents/events';
import type { Contact, InteractionState } from './contact-model';

/** Task failure reasons the sandbox sends; TASKS.md §8: no public list exists, so these are its own. */
export const TASK_REASON_CODES = {
  INVALID_STATE: 1401,
  INVALID_MEDIA_RESOURCE_ID: 1402,
  INVALID_WRAPUP_CODE: 1403,
  AGENT_NOT_AVAILABLE: 1404,
  OUTDIAL_DISABLED: 1405,
  INVALID_DESTINATION: 1406,
  INVALID_ENTRY_POINT: 1407,
  INVALID_OUTDIAL_ANI: 1408,
  AGENT_NOT_FOUND: 1409,
  AGENT_DECLINED: 1410,
  AGENT_NOT_LOGGED_IN: 1411,
  END_CALL_DISABLED: 1412,
  END_CONSULT_DISABLED: 1413,
  RECORDING_CONTROL_DISABLED: 1414,
  CONSULT_TO_QUEUE_DISABLED: 1415,
  NO_CONSULT_IN_PROGRESS: 1416,
  NOT_IN_CONFERENCE: 1417,
  CUSTOMER_LEFT: 1418,
  RONA: 1419,
} as const;

export type TaskFailureReason = keyof typeof TASK_REASON_CODES;

export interface Delivery {
  agentId: string;
  event: AgentEvent;
}

/** What a request or control action leads to: events to send, or an HTTP refusal. */
export type Outcome = { deliveries: Delivery[] } | { status: number; message: string };

export interface EventContext {
  orgId: string;
  trackingId: string;
  now: number;
}

function envelope(ec: EventContext, data: Record<string, unknown>): AgentEvent {
  return { type: 'RoutingMessage', orgId: ec.orgId, trackingId: ec.trackingId, data };
}

/** What this agent's copy of the interaction says its state is: WRAPUP once they owe one. */
export function stateFor(contact: Contact, agentId: string): InteractionState {
  if (contact.pendingWrapUp.has(agentId)) return 'WRAPUP';
  if (contact.consult?.agentId === agentId && contact.state !== 'conference') return 'consult';
  return contact.state;
}

export function interactionOf(contact: Contact, agentId: string, orgId: string) {
  const customerId = contact.ani;
  const agentsOnMain = [...contact.legs.values()]
    .filter((l) => l.hasJoined && !l.hasLeft && !(l.isConsulted && contact.state !== 'conference'))
    .map((l) => l.agentId);
  const media: Record<string, unknown> = {
    [contact.interactionId]: {
      mediaResourceId: contact.interactionId,
      mediaType: 'telephony',
      mediaMgr: 'vmm',
      participants: [...(contact.customerLeft ? [] : [customerId]), ...agentsOnMain],
      mType: 'mainCall',
      isHold: contact.isHold,
      holdTimestamp: contact.holdTimestamp,
    },
  };
  const consult = contact.consult;
  if (consult) {
    media[consult.mediaResourceId] = {
      mediaResourceId: consult.mediaResourceId,
      mediaType: 'telephony',
      mediaMgr: 'vmm',
      participants: [contact.ownerId, consult.agentId ?? consult.to],
      mType: 'consult',
      isHold: false,
      holdTimestamp: null,
    };
  }
  const participants: Record<string, unknown> = {
    [customerId]: {
      id: customerId,
      pType: 'Customer',
      type: 'Customer',
      callerId: contact.ani,
      hasJoined: true,
      hasLeft: contact.customerLeft,
      isWrapUp: false,
    },
  };
  for (const leg of contact.legs.values()) {
    participants[leg.agentId] = {
      id: leg.agentId,
      pType: 'Agent',
      type: 'Agent',
      name: leg.name,
      dn: leg.dn,
      teamId: leg.teamId,
      queueId: contact.queueId,
      hasJoined: leg.hasJoined,
      // Cisco's widgets time the call from it (@webex/cc-task useCallControl startTimestamp).
      joinTimestamp: leg.joinTimestamp ?? null,
      hasLeft: leg.hasLeft,
      isWrapUp: contact.pendingWrapUp.has(leg.agentId),
      isConsulted: leg.isConsulted,
      autoAnswerEnabled: false,
    };
  }
  const ronaTimeout = String(contact.ronaTimeoutSec);
  return {
    interactionId: contact.interactionId,
    orgId,
    owner: contact.ownerId,
    mediaType: 'telephony',
    mediaChannel: 'broadcloud',
    state: stateFor(contact, agentId),
    isTerminated: contact.customerLeft,
    isFcManaged: false,
    createdTimestamp: contact.createdTimestamp,
    currentVTeam: contact.queueId,
    previousVTeams: contact.previousQueues,
    contactDirection: { type: contact.direction },
    outboundType: contact.outdial ? 'OUTDIAL' : null,
    mainInteractionId: contact.interactionId,
    media,
    participants,
    callProcessingDetails: {
      ani: contact.ani,
      displayAni: contact.ani,
      dnis: contact.dnis,
      QueueId: contact.queueId,
      vteamId: contact.queueId,
      QMgrName: 'aqm',
      virtualTeamName: contact.queueName,
      customerName: contact.customerName,
      ronaTimeout,
      tenantId: orgId,
      pauseResumeEnabled: String(contact.pauseResumeEnabled),
      recordInProgress: String(!contact.recordingPaused),
      isPaused: String(contact.recordingPaused),
      ...(contact.outdial ? { outdialAgentId: contact.ownerId } : {}),
      workflowName: 'Sandbox Flow',
      ...contact.cad,
    },
    callAssociatedDetails: {
      ani: contact.ani,
      dn: contact.dnis,
      customerName: contact.customerName,
      virtualTeamName: contact.queueName,
      ronaTimeout,
    },
    callFlowParams: Object.fromEntries(
      Object.entries(contact.cad).map(([name, value]) => [
        name,
        { name, qualifier: '', description: name, valueDataType: 'string', value },
      ]),
    ),
  };
}

/** A task event about `contact` for one agent, with the whole interaction as they see it. */
export function contactEvent(
  ec: EventContext,
  type: string,
  contact: Contact,
  agentId: string,
  extra: Record<string, unknown> = {},
): Delivery {
  const data: Record<string, unknown> = {
    type,
    eventType: 'RoutingMessage',
    agentId,
    orgId: ec.orgId,
    trackingId: ec.trackingId,
    eventTime: ec.now,
    interactionId: contact.interactionId,
    mediaResourceId: contact.interactionId,
    owner: contact.ownerId,
    queueMgr: 'aqm',
    queueName: contact.queueName,
    destAgentId: contact.consult?.agentId ?? agentId,
    consultMediaResourceId: contact.consult?.mediaResourceId ?? null,
    isConsulted: contact.legs.get(agentId)?.isConsulted ?? contact.consult?.agentId === agentId,
    isConferencing: contact.state === 'conference',
    interaction: interactionOf(contact, agentId, ec.orgId),
    ...extra,
  };
  return { agentId, event: envelope(ec, data) };
}

/** A `*Failed` event: the reason, and the interaction id when there is one. */
export function taskFailure(
  ec: EventContext,
  type: string,
  agentId: string,
  reason: TaskFailureReason,
  interactionId?: string,
  extra: Record<string, unknown> = {},
): Delivery {
  const data: Record<string, unknown> = {
    type,
    eventType: 'RoutingMessage',
    agentId,
    orgId: ec.orgId,
    trackingId: ec.trackingId,
    eventTime: ec.now,
    ...(interactionId === undefined ? {} : { interactionId }),
    reason,
    reasonCode: TASK_REASON_CODES[reason],
    ...extra,
  };
  return { agentId, event: envelope(ec, data) };
}
