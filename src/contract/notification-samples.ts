// Sample notification events, one per OUTER/INNER pair in CONTRACT.md, for tests of the app and the sandbox.

/** The ids every sample uses, so a test can arrange matching state (the agent id is the people UUID). */
export const sampleIds = {
  orgId: '2f9eecc5-0472-4549-9a83-2afdae0d4ba1',
  agentId: 'f5b36187-c8dd-4727-8b2f-f9c447f29046',
  supervisorId: '4da3a248-9b0a-4108-8544-b540312e563a',
  agentSessionId: 'a6c6b1d2-5f27-4c3a-9e0e-6c1f0b3d2a11',
  teamId: '93912f11-6017-404b-bf14-5331890b1797',
  siteId: '8e6bb6da-2a78-4768-bef9-7e229f92af22',
  idleCodeId: '19edbcf9-2dea-438b-bdae-446139a5d1fd',
  dialNumber: '+14085550123',
  interactionId: '0ae913a4-c857-4705-8d49-76dd3dde75e4',
} as const;

export interface NotificationSample {
  name: string;
  outer: string;
  /** `data.type`; absent for Welcome and AGENT_MULTI_LOGIN, whose data carries none. */
  inner?: string;
  event: Record<string, unknown>;
}

const { orgId, agentId, agentSessionId } = sampleIds;
const at = 1_735_689_600_000; // 2025-01-01T00:00:00Z: fixed, so tests can compare timestamps.

function agentEvent(
  outer: string,
  inner: string,
  fields: Record<string, unknown>,
): NotificationSample {
  const trackingId = `notifs_${inner}_0001`;
  return {
    name: `${outer}/${inner}`,
    outer,
    inner,
    event: {
      type: outer,
      orgId,
      trackingId,
      data: {
        type: inner,
        eventType: 'AgentDesktopMessage',
        agentId,
        trackingId,
        orgId,
        ...fields,
      },
    },
  };
}

const session = {
  agentSessionId,
  teamId: sampleIds.teamId,
  siteId: sampleIds.siteId,
  dn: sampleIds.dialNumber,
  deviceType: 'AGENT_DN',
  deviceId: sampleIds.dialNumber,
  isExtension: false,
  status: 'LoggedIn',
  subStatus: 'Idle',
  auxCodeId: sampleIds.idleCodeId,
  lastStateChangeTimestamp: at,
  lastIdleCodeChangeTimestamp: at,
  interactionIds: [],
  roles: ['agent'],
};

const failed = (outer: string, inner: string, reason: string, reasonCode: number) => ({
  ...agentEvent(outer, inner, { reason, reasonCode }),
  name: `${outer}/${inner} ${reason}`,
});

export const notificationSamples: readonly NotificationSample[] = [
  { name: 'Welcome', outer: 'Welcome', event: { type: 'Welcome', data: { agentId } } },
  agentEvent('StationLogin', 'AgentStationLoginSuccess', session),
  {
    ...agentEvent('StationLogin', 'AgentStationLoginSuccess', {
      ...session,
      deviceType: 'BROWSER',
      deviceId: `webrtc-${agentId}`,
      subStatus: 'Available',
      auxCodeId: '0',
    }),
    name: 'StationLogin/AgentStationLoginSuccess BROWSER, Available',
  },
  // Reason codes are not documented; these numbers only show the field is numeric (per the SDK's typing).
  failed('StationLogin', 'AgentStationLoginFailed', 'DUPLICATE_LOCATION', 1001),
  failed('StationLogin', 'AgentStationLoginFailed', 'INVALID_DIAL_NUMBER', 1002),
  {
    ...agentEvent('AgentStateChange', 'AgentStateChangeSuccess', {
      agentSessionId,
      status: 'LoggedIn',
      subStatus: 'Available',
      auxCodeId: '0',
      lastStateChangeTimestamp: at + 60_000,
      lastIdleCodeChangeTimestamp: at,
      lastStateChangeReason: '',
      changedBy: null,
      changedById: null,
      changedByName: null,
    }),
    name: 'AgentStateChange/AgentStateChangeSuccess by the agent',
  },
  {
    ...agentEvent('AgentStateChange', 'AgentStateChangeSuccess', {
      agentSessionId,
      status: 'LoggedIn',
      subStatus: 'Idle',
      auxCodeId: sampleIds.idleCodeId,
      lastStateChangeTimestamp: at + 120_000,
      lastIdleCodeChangeTimestamp: at + 120_000,
      lastStateChangeReason: 'Changed by supervisor',
      // The value of changedBy for a supervisor is not documented; the app keys on changedById.
      changedBy: 'SUPERVISOR',
      changedById: sampleIds.supervisorId,
      changedByName: 'Sam Supervisor',
    }),
    name: 'AgentStateChange/AgentStateChangeSuccess by a supervisor',
  },
  failed('AgentStateChange', 'AgentStateChangeFailed', 'INVALID_IDLE_CODE', 1003),
  agentEvent('Logout', 'AgentLogoutSuccess', {
    agentSessionId,
    status: 'LoggedOut',
    loggedOutBy: 'SELF',
    logoutReason: 'User requested logout',
    eventTime: at + 180_000,
    roles: ['agent'],
  }),
  {
    ...agentEvent('Logout', 'AgentLogoutSuccess', {
      agentSessionId,
      status: 'LoggedOut',
      loggedOutBy: sampleIds.supervisorId,
      logoutReason: 'Logged out by supervisor',
      eventTime: at + 240_000,
    }),
    name: 'Logout/AgentLogoutSuccess by a supervisor',
  },
  failed('Logout', 'AgentLogoutFailed', 'AGENT_HAS_ACTIVE_INTERACTIONS', 1004),
  agentEvent('AgentReloginSuccess', 'AgentReloginSuccess', {
    ...session,
    dialNumber: sampleIds.dialNumber,
  }),
  failed('AgentReloginFailed', 'AgentReloginFailed', 'AGENT_NOT_FOUND', 1005),
  // The sandbox's simplified contact events (see notification-schemas.ts): assigned, then ended.
  agentEvent('AgentContact', 'AgentContactAssigned', {
    eventType: 'RoutingMessage',
    interactionId: sampleIds.interactionId,
    interactionIds: [sampleIds.interactionId],
    mediaType: 'telephony',
  }),
  agentEvent('AgentContact', 'ContactEnded', {
    eventType: 'RoutingMessage',
    interactionId: sampleIds.interactionId,
    interactionIds: [],
    mediaType: 'telephony',
  }),
  {
    name: 'AGENT_MULTI_LOGIN',
    outer: 'AGENT_MULTI_LOGIN',
    event: {
      type: 'AGENT_MULTI_LOGIN',
      orgId,
      trackingId: 'notifs_AGENT_MULTI_LOGIN_0001',
      data: { agentId, orgId },
    },
  },
];
