// Schemas of the WxCC notification frames the desktop reads (CONTRACT.md, TASKS.md §2-§4). The raw
// `data` is kept whole (loose): events are forwarded as they came, and each reader takes its fields.
import * as z from 'zod';
import {
  eventBool,
  eventIdList,
  eventMap,
  eventNumber,
  eventPart,
  eventScalar,
  eventStringFlag,
  eventText,
  eventValue,
} from './event-fields';

/** `{type, data:{type, ...}}`; frames without an outer type are not events (keepalive acks). */
export const notificationFrame = z.object({
  type: z.string().min(1),
  trackingId: eventText,
  data: z
    .looseObject({ type: eventText, trackingId: eventText })
    .optional()
    .catch(undefined)
    .transform((d) => d ?? {}),
});

/** What station events (login, state, logout, relogin) carry about the agent's station. */
export const stationFields = z.object({
  teamId: eventText,
  dialNumber: eventText,
  dn: eventText,
  deviceType: eventText,
  subStatus: eventText,
  auxCodeId: eventText,
  lastStateChangeTimestamp: eventNumber,
  lastStateChangeReason: eventText,
  changedById: eventText,
  changedByName: eventText,
  loggedOutBy: eventText,
  loggedOutByName: eventText,
  reason: eventText,
  interactionId: eventText,
  interactionIds: eventIdList,
});
export type StationFields = z.output<typeof stationFields>;

const callProcessingDetails = z
  .looseObject({
    ani: eventText,
    displayAni: eventText,
    dnis: eventText,
    customerName: eventText,
    virtualTeamName: eventText,
    QueueId: eventText,
    vteamId: eventText,
    ronaTimeout: eventNumber,
    fromAddress: eventText,
    pauseResumeEnabled: eventStringFlag,
    isPaused: eventStringFlag,
  })
  .optional()
  .catch(undefined);

const interaction = eventPart({
  state: eventText,
  // 'telephony' | 'chat' | 'email' | 'social' and the channel within it (SDK services/task/types.ts
  // Interaction.mediaType, mediaChannel).
  mediaType: eventText,
  mediaChannel: eventText,
  mainInteractionId: eventText,
  outboundType: eventText,
  createdTimestamp: eventNumber,
  contactDirection: eventPart({ type: eventText }),
  callProcessingDetails,
  callAssociatedDetails: eventPart({
    ani: eventText,
    dnis: eventText,
    customerName: eventText,
    virtualTeamName: eventText,
    ronaTimeout: eventNumber,
  }),
  media: eventMap({
    mediaResourceId: eventText,
    isHold: eventBool,
    mType: eventText,
    participants: eventIdList,
  }),
  participants: eventMap({
    id: eventText,
    pType: eventText,
    // 'Agent', 'Customer', 'dn', 'EpDn': with epId, who a consult transfer or conference names
    // (SDK services/core/Utils.ts calculateDestAgentId, PARTICIPANT_TYPES).
    type: eventText,
    epId: eventText,
    dn: eventText,
    name: eventText,
    hasLeft: eventBool,
    joinTimestamp: eventNumber,
    isConsulted: eventBool,
    isWrapUp: eventBool,
  }),
  callFlowParams: eventMap({
    name: eventText,
    // The flow's label for the variable (Cisco's SDK services/task/types.ts callFlowParams).
    description: eventText,
    value: eventScalar,
  }),
  // The flow's variables with their labels and the agent's rights (@wxcc-desktop/sdk-types
  // aqm-service-contact-types.d.ts Contact.callAssociatedData).
  callAssociatedData: eventMap({
    name: eventText,
    displayName: eventText,
    value: eventValue,
    type: eventText,
    agentEditable: eventBool,
    agentViewable: eventBool,
  }),
});

/** A RoutingMessage's data: the interaction and what the event says about it. */
export const routingFields = z.object({
  type: eventText,
  eventType: eventText,
  eventTime: eventNumber,
  interactionId: eventText,
  interactionIds: eventIdList,
  mediaResourceId: eventText,
  queueName: eventText,
  queueId: eventText,
  ronaTimeout: eventNumber,
  destinationType: eventText,
  destAgentId: eventText,
  agentId: eventText,
  agentsPendingWrapUp: eventIdList,
  /** Who joined or left a conference (ParticipantJoined/LeftConference). */
  participantId: eventText,
  interaction,
});
export type RoutingFields = z.output<typeof routingFields>;

/** A failure's reason: a code as text, or a number on some events. */
export const failureFields = z.object({
  reason: z.union([z.string(), z.number()]).optional().catch(undefined),
  reasonCode: z.union([z.string(), z.number()]).optional().catch(undefined),
});

/** The `BuddyAgents` answer: the agents a call can go to. */
export const buddyAgents = z.object({
  agentList: z
    .array(
      z
        .object({ agentId: eventText, agentName: eventText, state: eventText })
        .optional()
        .catch(undefined),
    )
    .optional()
    .catch(undefined),
});
