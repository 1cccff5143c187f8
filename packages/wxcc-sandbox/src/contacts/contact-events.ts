// RoutingMessage events about a contact, in the shape Cisco's SDK reads (TaskData, Interaction: TASKS.md §1, §3).
import type { AgentEvent } from '../agents/events';
import {
  agentsOnMainCall,
  outsideOnMainCall,
  type Contact,
  type InteractionState,
  type OutsideParty,
} from './contact-model';
import type { SeedCadVariable } from './contact-seed';

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
  /** A call-only action (hold, recording, consult) on a chat, email or social contact. */
  MEDIA_NOT_SUPPORTED: 1420,
  /** The agent's multimedia profile has no free slot for the contact's media. */
  NO_CHANNEL_CAPACITY: 1421,
  /** A conference that already holds as many agents as it may. */
  CONFERENCE_FULL: 1422,
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
  /** The tenant's global (CAD) variable definitions: labels and the agent's rights. */
  cadVariables?: readonly SeedCadVariable[];
}

function envelope(ec: EventContext, data: Record<string, unknown>): AgentEvent {
  return { type: 'RoutingMessage', orgId: ec.orgId, trackingId: ec.trackingId, data };
}

/** What this agent's copy of the interaction says its state is: WRAPUP once they owe one. */
export function stateFor(contact: Contact, agentId: string): InteractionState {
  if (contact.pendingWrapUp.has(agentId)) return 'WRAPUP';
  const consult = contact.consult;
  // Both ends of an open consult see 'consult'; in a conference the others stay in 'conference'.
  if (consult?.agentId === agentId) return 'consult';
  if (consult?.fromId === agentId && contact.state === 'conference') return 'consult';
  return contact.state;
}

/**
 * Which media manager holds the contact: WxCC's voice media manager for calls, the digital media
 * manager (Webex Connect) for chat, email and social, as Cisco's task events name them
 * ('vmm'; 'digitalmm' in the developer guide's task events of digital channels).
 */
const MEDIA_MANAGER: Record<Contact['mediaType'], string> = {
  telephony: 'vmm',
  chat: 'digitalmm',
  email: 'digitalmm',
  social: 'digitalmm',
};

/** The main leg's media id: a call's is the interaction id; a conversation has its own. */
export function mainMediaIdOf(contact: Contact): string {
  return contact.conversationId ?? contact.interactionId;
}

/**
 * The flow's variables as the desktop reads them: `callAssociatedData`, keyed by name, each with
 * its label and the agent's rights (@wxcc-desktop/sdk-types aqm-service-contact-types.d.ts
 * `Contact.callAssociatedData`: displayName, name, agentEditable, agentViewable, value, type,
 * isSecure). Variables the tenant marks not agent-viewable are left out.
 */
function callAssociatedData(contact: Contact, definitions: readonly SeedCadVariable[]) {
  const entries = Object.entries(contact.cad).flatMap(([name, value]) => {
    const def = definitions.find((d) => d.name === name);
    if (def && !def.agentViewable) return [];
    return [
      [
        name,
        {
          name,
          displayName: def?.desktopLabel || name,
          value,
          type: def?.variableType ?? 'STRING',
          agentViewable: true,
          agentEditable: def?.agentEditable ?? false,
          isSecure: false,
          secureKeyId: '',
          secureKeyVersion: 0,
        },
      ] as const,
    ];
  });
  return Object.fromEntries(entries);
}

export function interactionOf(
  contact: Contact,
  agentId: string,
  orgId: string,
  definitions: readonly SeedCadVariable[] = [],
) {
  const viewable = callAssociatedData(contact, definitions);
  const customerId = contact.ani;
  const digital = contact.mediaType !== 'telephony';
  const agentsOnMain = agentsOnMainCall(contact);
  const media: Record<string, unknown> = {
    [contact.interactionId]: {
      mediaResourceId: mainMediaIdOf(contact),
      mediaType: contact.mediaType,
      mediaMgr: MEDIA_MANAGER[contact.mediaType],
      participants: [
        ...(contact.customerLeft ? [] : [customerId]),
        ...agentsOnMain,
        ...outsideOnMainCall(contact).map((p) => p.key),
      ],
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
      participants: [consult.fromId, consult.agentId ?? consult.outside?.key ?? consult.to],
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
  for (const party of [
    ...(contact.outside ?? []),
    ...(consult?.outside ? [consult.outside] : []),
  ]) {
    participants[party.key] = outsideParticipant(party);
  }
  const ronaTimeout = String(contact.ronaTimeoutSec);
  return {
    interactionId: contact.interactionId,
    orgId,
    owner: contact.ownerId,
    mediaType: contact.mediaType,
    mediaChannel: contact.mediaChannel,
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
      // A call's recording; a conversation has none to pause (the widgets offer it for calls only).
      ...(digital
        ? { mediaChannel: contact.mediaChannel }
        : {
            pauseResumeEnabled: String(contact.pauseResumeEnabled),
            recordInProgress: String(!contact.recordingPaused),
            isPaused: String(contact.recordingPaused),
          }),
      // The customer's address of an email (SDK Interaction.callProcessingDetails.fromAddress).
      ...(contact.mediaType === 'email' ? { fromAddress: contact.ani } : {}),
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
    callAssociatedData: viewable,
    callFlowParams: Object.fromEntries(
      Object.entries(contact.cad)
        .filter(([name]) => name in viewable)
        .map(([name, value]) => [
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
    mediaResourceId: mainMediaIdOf(contact),
    owner: contact.ownerId,
    queueMgr: 'aqm',
    queueName: contact.queueName,
    destAgentId: contact.consult?.agentId ?? agentId,
    consultMediaResourceId: contact.consult?.mediaResourceId ?? null,
    isConsulted: contact.legs.get(agentId)?.isConsulted ?? contact.consult?.agentId === agentId,
    isConferencing: contact.state === 'conference',
    interaction: interactionOf(contact, agentId, ec.orgId, ec.cadVariables),
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

/**
 * A dialled number's or an entry point's participant entry, as Cisco's SDK reads it
 * (services/core/Utils.ts): pType 'DN' names a dialNumber by its id; type 'EpDn' / pType 'EP-DN'
 * names an entryPoint by its epId.
 */
function outsideParticipant(party: OutsideParty): Record<string, unknown> {
  const ep = party.destinationType === 'entryPoint';
  return {
    id: party.key,
    pType: ep ? 'EP-DN' : 'DN',
    type: ep ? 'EpDn' : 'DN',
    ...(ep ? { epId: party.epId } : {}),
    dn: party.number,
    callerId: party.number,
    hasJoined: true,
    hasLeft: party.hasLeft,
    isWrapUp: false,
    isConsulted: false,
  };
}
