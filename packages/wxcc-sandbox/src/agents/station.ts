// The agent station rules: login, state, logout, reload; each returns the event WxCC would send.
import {
  agentEvent,
  failureFields,
  sessionFields,
  type AgentEvent,
  type FailureReason,
} from './events';
import { dialNumberAllowed } from './dial-rules';
import { randomUUID } from '../ids';
import { displayName, type DeviceType, type SeedAgent } from '../seed';
import type { SandboxState, StationSession } from '../state';

/** The reason WxCC gives when it idles an Available agent whose notification socket is gone. */
export const WSS_DISCONNECT_REASON = 'agent-wss-disconnect';

export interface LoginInput {
  dialNumber: string;
  teamId?: string;
  isExtension: boolean;
  roles: string[];
  deviceType?: DeviceType;
  deviceId?: string;
}

export interface StateInput {
  state: 'Available' | 'Idle';
  auxCodeId?: string;
  lastStateChangeReason?: string;
}

/** Who asked: the agent's own desktop, or a supervisor (from the control API or console). */
export type Actor = { kind: 'self' } | { kind: 'supervisor'; id: string; name: string };

const EXTENSION = /^\d{1,20}$/;

/** The agent's channelsMap (their multimedia profile's slots), when the contacts know it. */
export type ChannelsOf = (agentId: string) => Record<string, readonly string[]>;

export class Station {
  constructor(
    private readonly state: SandboxState,
    private readonly channelsOf?: ChannelsOf,
  ) {}

  login(agent: SeedAgent, input: LoginInput, trackingId: string): AgentEvent {
    const fail = (reason: FailureReason) =>
      this.event(
        'StationLogin',
        'AgentStationLoginFailed',
        agent,
        trackingId,
        failureFields(reason),
      );
    const isExtension = input.isExtension || input.deviceType === 'EXTENSION';
    const deviceType: DeviceType = input.deviceType ?? (isExtension ? 'EXTENSION' : 'AGENT_DN');
    const existing = this.state.sessions.get(agent.id);
    if (existing) {
      // The same station again is harmless (a desktop retrying); another station is refused.
      const same = existing.dn === input.dialNumber && existing.deviceType === deviceType;
      return same && (!input.teamId || existing.teamId === input.teamId)
        ? this.loginSuccess(agent, existing, trackingId)
        : fail('AGENT_ALREADY_LOGGED_IN');
    }
    const isAgentRole = input.roles.includes('agent');
    if (isAgentRole && !agent.teamIds.includes(input.teamId ?? '')) return fail('INVALID_TEAM');
    const profile = this.state.profileOf(agent);
    if (profile && !profile.loginVoiceOptions.includes(deviceType))
      return fail('INVALID_DEVICE_TYPE');
    // A browser station needs WebRTC, which the organization may not have (webRtcEnabled).
    if (deviceType === 'BROWSER' && !this.state.seed.organizationSettings.webRtcEnabled)
      return fail('INVALID_DEVICE_TYPE');
    if (deviceType !== 'BROWSER') {
      const valid = isExtension
        ? EXTENSION.test(input.dialNumber)
        : dialNumberAllowed(this.state, agent, input.dialNumber);
      if (!valid) return fail('INVALID_DIAL_NUMBER');
      for (const [otherId, other] of this.state.sessions) {
        if (otherId !== agent.id && other.dn === input.dialNumber)
          return fail('DUPLICATE_LOCATION');
      }
    }
    const now = Date.now();
    const session: StationSession = {
      agentSessionId: randomUUID(),
      teamId: input.teamId ?? '',
      dn: input.dialNumber,
      deviceType,
      deviceId:
        input.deviceId ?? (deviceType === 'BROWSER' ? `webrtc-${agent.id}` : input.dialNumber),
      isExtension,
      roles: input.roles,
      subStatus: 'Idle',
      auxCodeId: this.state.defaultIdleCode()?.id ?? '0',
      lastStateChangeReason: '',
      lastStateChangeTimestamp: now,
      lastIdleCodeChangeTimestamp: now,
      loginTimestamp: now,
    };
    this.state.sessions.set(agent.id, session);
    return this.loginSuccess(agent, session, trackingId);
  }

  setState(agent: SeedAgent, input: StateInput, trackingId: string, actor: Actor): AgentEvent {
    const session = this.state.sessions.get(agent.id);
    const fail = (reason: FailureReason) =>
      this.event('AgentStateChange', 'AgentStateChangeFailed', agent, trackingId, {
        ...failureFields(reason),
        ...this.changedBy(agent, actor),
      });
    if (!session) return fail('AGENT_NOT_LOGGED_IN');
    const now = Date.now();
    if (input.state === 'Idle') {
      const codeId = input.auxCodeId ?? this.state.defaultIdleCode()?.id ?? '';
      if (!this.idleCodeAllowed(agent, codeId)) return fail('INVALID_IDLE_CODE');
      if (session.subStatus !== 'Idle' || session.auxCodeId !== codeId) {
        session.lastIdleCodeChangeTimestamp = now;
      }
      session.subStatus = 'Idle';
      session.auxCodeId = codeId;
    } else {
      // WxCC's Available carries auxCodeId "0"; whatever was sent, that is what the agent has.
      session.subStatus = 'Available';
      session.auxCodeId = '0';
    }
    session.lastStateChangeTimestamp = now;
    session.lastStateChangeReason = input.lastStateChangeReason ?? '';
    return this.event('AgentStateChange', 'AgentStateChangeSuccess', agent, trackingId, {
      agentSessionId: session.agentSessionId,
      status: 'LoggedIn',
      subStatus: session.subStatus,
      auxCodeId: session.auxCodeId,
      lastStateChangeTimestamp: session.lastStateChangeTimestamp,
      lastIdleCodeChangeTimestamp: session.lastIdleCodeChangeTimestamp,
      lastStateChangeReason: session.lastStateChangeReason,
      interactionIds: this.state.interactionIds(agent.id),
      ...this.changedBy(agent, actor),
    });
  }

  /**
   * WxCC itself moves the agent (RONA → its system idle code, Idle after an outdial): no pick-list
   * check, and the event says the system changed it. Undefined when the agent is not logged in.
   */
  systemChange(
    agent: SeedAgent,
    subStatus: 'Available' | 'Idle',
    auxCodeId: string,
    reason: string,
    trackingId: string,
  ): AgentEvent | undefined {
    const session = this.state.sessions.get(agent.id);
    if (!session) return undefined;
    const now = Date.now();
    if (subStatus === 'Idle' && session.auxCodeId !== auxCodeId) {
      session.lastIdleCodeChangeTimestamp = now;
    }
    session.subStatus = subStatus;
    session.auxCodeId = subStatus === 'Available' ? '0' : auxCodeId;
    session.lastStateChangeTimestamp = now;
    session.lastStateChangeReason = reason;
    return this.event('AgentStateChange', 'AgentStateChangeSuccess', agent, trackingId, {
      agentSessionId: session.agentSessionId,
      status: 'LoggedIn',
      subStatus: session.subStatus,
      auxCodeId: session.auxCodeId,
      lastStateChangeTimestamp: now,
      lastIdleCodeChangeTimestamp: session.lastIdleCodeChangeTimestamp,
      lastStateChangeReason: reason,
      interactionIds: this.state.interactionIds(agent.id),
      changedBy: 'SYSTEM',
      changedById: null,
      changedByName: 'System',
    });
  }

  /** A supervisor may sign an agent out mid-interaction; the agent's own desktop may not. */
  logout(agent: SeedAgent, reason: string, trackingId: string, actor: Actor): AgentEvent {
    const session = this.state.sessions.get(agent.id);
    const fail = (why: FailureReason) =>
      this.event('Logout', 'AgentLogoutFailed', agent, trackingId, {
        ...failureFields(why),
        logoutReason: reason,
        interactionIds: this.state.interactionIds(agent.id),
      });
    if (!session) return fail('AGENT_NOT_LOGGED_IN');
    if (actor.kind === 'self' && this.state.interactionIds(agent.id).length > 0) {
      return fail('AGENT_HAS_ACTIVE_INTERACTIONS');
    }
    this.state.sessions.delete(agent.id);
    const by =
      actor.kind === 'self'
        ? { loggedOutBy: 'SELF' }
        : {
            loggedOutBy: actor.name,
            loggedOutById: actor.id,
            changedById: actor.id,
            changedByName: actor.name,
          };
    return this.event('Logout', 'AgentLogoutSuccess', agent, trackingId, {
      agentSessionId: session.agentSessionId,
      status: 'LoggedOut',
      logoutReason: reason,
      eventTime: Date.now(),
      ...by,
    });
  }

  /**
   * The agent's last notification socket is gone: WxCC moves an Available agent to Idle with
   * reason agent-wss-disconnect (Cisco's SDK restores Available after reconnecting). The idle code
   * is the org's default one: which code WxCC uses is not documented.
   */
  socketLost(agentId: string): void {
    const session = this.state.sessions.get(agentId);
    if (!session || session.subStatus !== 'Available') return;
    const now = Date.now();
    session.subStatus = 'Idle';
    session.auxCodeId = this.state.defaultIdleCode()?.id ?? '0';
    session.lastStateChangeReason = WSS_DISCONNECT_REASON;
    session.lastStateChangeTimestamp = now;
    session.lastIdleCodeChangeTimestamp = now;
  }

  /** WxCC itself puts the agent in a system idle code (RONA after a missed offer). */
  systemIdle(agent: SeedAgent, codeId: string, trackingId: string): AgentEvent | undefined {
    const session = this.state.sessions.get(agent.id);
    const code = this.state.auxCode(codeId);
    if (!session || !code?.isSystemCode) return undefined;
    const now = Date.now();
    Object.assign(session, {
      subStatus: 'Idle',
      auxCodeId: code.id,
      lastStateChangeReason: code.name,
      lastStateChangeTimestamp: now,
      lastIdleCodeChangeTimestamp: now,
    });
    return this.event('AgentStateChange', 'AgentStateChangeSuccess', agent, trackingId, {
      agentSessionId: session.agentSessionId,
      status: 'LoggedIn',
      subStatus: 'Idle',
      auxCodeId: code.id,
      lastStateChangeTimestamp: now,
      lastIdleCodeChangeTimestamp: now,
      lastStateChangeReason: code.name,
      changedBy: 'SYSTEM',
    });
  }

  reload(agent: SeedAgent, trackingId: string): AgentEvent {
    const session = this.state.sessions.get(agent.id);
    if (!session) {
      return this.event('AgentReloginFailed', 'AgentReloginFailed', agent, trackingId, {
        ...failureFields('AGENT_NOT_FOUND'),
      });
    }
    return this.event('AgentReloginSuccess', 'AgentReloginSuccess', agent, trackingId, {
      ...this.sessionData(agent, session),
      dialNumber: session.dn,
    });
  }

  idleCodeAllowed(agent: SeedAgent, codeId: string): boolean {
    const code = this.state.auxCode(codeId);
    if (!code || code.workTypeCode !== 'IDLE_CODE' || !code.active || code.isSystemCode) {
      return false;
    }
    const profile = this.state.profileOf(agent);
    return !profile || profile.accessIdleCode === 'ALL' || profile.idleCodes.includes(codeId);
  }

  private loginSuccess(agent: SeedAgent, session: StationSession, trackingId: string) {
    const fields = this.sessionData(agent, session);
    return this.event('StationLogin', 'AgentStationLoginSuccess', agent, trackingId, fields);
  }

  private sessionData(agent: SeedAgent, session: StationSession) {
    const ids = this.state.interactionIds(agent.id);
    return sessionFields(agent, session, this.state.seed.site.id, ids, this.channelsOf?.(agent.id));
  }

  private changedBy(agent: SeedAgent, actor: Actor) {
    return actor.kind === 'self'
      ? { changedBy: 'SELF', changedById: agent.id, changedByName: displayName(agent) }
      : { changedBy: actor.name, changedById: actor.id, changedByName: actor.name };
  }

  private event(
    outer: string,
    inner: string,
    agent: SeedAgent,
    trackingId: string,
    fields: Record<string, unknown>,
  ): AgentEvent {
    return agentEvent(outer, inner, agent, this.state.seed.organization.id, trackingId, fields);
  }
}
