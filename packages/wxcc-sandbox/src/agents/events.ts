// Notification frames in WxCC's envelope: {type, orgId, trackingId, data:{type, eventType, ...}}.
import { SITE_MULTIMEDIA_PROFILE_ID } from '../configuration/config-dto';
import type { SeedAgent } from '../seed';
import type { StationSession } from '../state';

export interface AgentEvent {
  type: string;
  orgId: string;
  trackingId: string;
  data: Record<string, unknown>;
}

/**
 * Failure reasons the sandbox sends, with the reasonCode that goes with each. Reason names that
 * the contract lists are kept; the others are this sandbox's choice (documented in the report).
 */
export const REASON_CODES = {
  DUPLICATE_LOCATION: 1001,
  INVALID_DIAL_NUMBER: 1002,
  INVALID_TEAM: 1003,
  INVALID_DEVICE_TYPE: 1004,
  AGENT_ALREADY_LOGGED_IN: 1005,
  AGENT_NOT_LOGGED_IN: 1006,
  INVALID_IDLE_CODE: 1007,
  AGENT_HAS_ACTIVE_INTERACTIONS: 1008,
  AGENT_NOT_FOUND: 1009,
} as const;

export type FailureReason = keyof typeof REASON_CODES;

export function agentEvent(
  outer: string,
  inner: string,
  agent: SeedAgent,
  orgId: string,
  trackingId: string,
  fields: Record<string, unknown>,
): AgentEvent {
  return {
    type: outer,
    orgId,
    trackingId,
    data: {
      type: inner,
      eventType: 'AgentDesktopMessage',
      agentId: agent.id,
      trackingId,
      orgId,
      ...fields,
    },
  };
}

export function failureFields(reason: FailureReason, extra: Record<string, unknown> = {}) {
  return { reason, reasonCode: REASON_CODES[reason], ...extra };
}

/** What AgentStationLoginSuccess and AgentReloginSuccess carry about the station session. */
export function sessionFields(
  agent: SeedAgent,
  session: StationSession,
  siteId: string,
  interactionIds: string[],
  channelsMap: Record<string, readonly string[]> = VOICE_ONLY_CHANNELS,
): Record<string, unknown> {
  return {
    agentSessionId: session.agentSessionId,
    teamId: session.teamId,
    siteId,
    dn: session.dn,
    deviceType: session.deviceType,
    deviceId: session.deviceId,
    isExtension: session.isExtension,
    status: 'LoggedIn',
    subStatus: session.subStatus,
    auxCodeId: session.auxCodeId,
    lastStateChangeTimestamp: session.lastStateChangeTimestamp,
    lastIdleCodeChangeTimestamp: session.lastIdleCodeChangeTimestamp,
    lastStateChangeReason: session.lastStateChangeReason,
    loginTimestamp: session.loginTimestamp,
    interactionIds,
    roles: session.roles,
    profileType: 'BLENDED',
    emailAddress: agent.email,
    channelsMap,
  };
}

/**
 * The agent's media slots by channel, one entry per contact the multimedia profile lets the agent
 * hold at once. Cisco's SDK destructures it from every AgentStationLoginSuccess and
 * AgentReloginSuccess and throws without it (cc.ts handleWebsocketMessage and stationLogin count
 * each list into mmProfile). Without a multimedia profile: one telephony slot, no chat, email or
 * social (contacts/channel-capacity.ts builds it from the agent's profile).
 */
const VOICE_ONLY_CHANNELS = {
  chat: [],
  email: [],
  social: [],
  telephony: [SITE_MULTIMEDIA_PROFILE_ID],
} as const satisfies Record<string, readonly string[]>;
