// What the station form and state menu offer: the agent's teams, idle reasons, login options and
// dial rules, read from the tenant's configuration.
import { msg, type Message } from '../i18n/message';
import type {
  AgentProfile,
  AuxCode,
  DialPlanEntry,
  Team,
  TenantSettings,
} from '../clients/wxcc-configuration/api';
import type { DeviceType } from '../domain/agent';
import { isAppError } from '../errors';
import { createAgentCache } from '../agent-configuration/agent-cache';
import { sharedLists } from '../agent-configuration/shared-lists';
import { optional, type DirectoryOptions } from '../agent-configuration/agent-configuration';
import { DEFAULT_DIAL_RULES, usablePlans, type DialRules } from './dial-plan';
import type { StationContext } from './station-service';

/**
 * The stations this server-rendered desktop can serve. BROWSER is never offered: it needs a WebRTC
 * line registered from the agent's browser (Cisco's SDK does it in the page), which this desktop
 * does not have, so calls would ring nowhere and end in RONA (REAL-TENANTS.md finding 1).
 */
export const SERVED_DEVICE_TYPES: readonly DeviceType[] = ['AGENT_DN', 'EXTENSION'];

/** WxCC's default lost-connection recovery window (Cisco's SDK LOST_CONNECTION_RECOVERY_TIMEOUT). */
export const DEFAULT_RECOVERY_TIMEOUT_MS = 50_000;

export interface AgentDirectory {
  /** Undefined when the configuration API could not be read: the form falls back to a text field. */
  teams?: Team[];
  /** The idle codes the agent may pick. */
  idleCodes: AuxCode[];
  /** Names of every idle code, system ones (RONA…) included, to name a state WxCC set. */
  idleNames: Record<string, string>;
  loginOptions: DeviceType[];
  /** The desktop profile offers a browser station, which this desktop cannot serve. */
  browserInProfile: boolean;
  defaultDialNumber?: string;
  dialRules: DialRules;
  /** The tenant's lostConnectionRecoveryTimeout in ms. */
  recoveryTimeoutMs: number;
  /** Why the lists are missing, in words for the agent. */
  unavailableReason?: Message;
}

/** What the station form and state menu offer the agent, read from the tenant (cached briefly). */
export interface DirectoryService {
  forAgent(ctx: StationContext): Promise<AgentDirectory>;
  /** The agent's dial rules, for any form that takes a number (login, transfer, outdial). */
  dialRulesFor(ctx: StationContext): Promise<DialRules>;
  /** Forgets the agent's configuration, so the next page view reads WxCC afresh. */
  forget(agentId: string): void;
}

export function createDirectoryService(
  options: DirectoryOptions & {
    /** Where a tenant configuration the desktop cannot use is reported (a dial plan RE2 refuses). */
    warn?: (details: Record<string, unknown>, message: string) => void;
  },
): DirectoryService {
  const { configuration } = options;
  const profileLists =
    sharedLists<
      Pick<
        AgentDirectory,
        'teams' | 'idleCodes' | 'idleNames' | 'loginOptions' | 'browserInProfile'
      >
    >();
  // Configuration changes rarely; a short cache spares the reads on every page view.
  const cache = createAgentCache<AgentDirectory>({
    ...options,
    keep: (d) => d.unavailableReason === undefined,
  });

  async function load(ctx: StationContext): Promise<AgentDirectory> {
    const { orgId } = ctx.agent;
    try {
      const { user, auxCodes: codes, profile, tenant } = await configuration.forAgent(ctx);
      // Agents of one team share its answer: keyed by the set of team ids, in any order.
      const teamKey = `teams:${[...user.teamIds].sort().join(',')}`;
      const teams = await configuration.shared(ctx, teamKey, (wxcc) =>
        wxcc.listTeams(orgId, user.teamIds),
      );
      return {
        // The same for every agent with this profile and these teams: shared (shared-lists.ts).
        ...profileLists([codes, profile, teams], () => {
          const idle = codes.filter((c) => c.active && c.workTypeCode === 'IDLE_CODE');
          const allowedIdle =
            profile?.accessIdleCode === 'SPECIFIC' ? new Set(profile.idleCodes) : undefined;
          const voiceOptions = profile?.loginVoiceOptions ?? [];
          return {
            teams: teams.filter((t) => t.active),
            // System codes are WxCC's to set (RONA…), never the agent's to pick.
            idleCodes: idle.filter(
              (c) => !c.isSystemCode && (allowedIdle === undefined || allowedIdle.has(c.id)),
            ),
            idleNames: Object.fromEntries(
              codes.filter((c) => c.workTypeCode === 'IDLE_CODE').map((c) => [c.id, c.name]),
            ),
            loginOptions: SERVED_DEVICE_TYPES.filter(
              (d) => voiceOptions.length === 0 || voiceOptions.includes(d),
            ),
            browserInProfile: voiceOptions.includes('BROWSER'),
          };
        }),
        defaultDialNumber: user.defaultDialNumber,
        dialRules: await dialRulesOf(ctx, profile, tenant, user.defaultDialNumber),
        recoveryTimeoutMs: tenant?.lostConnectionRecoveryTimeout ?? DEFAULT_RECOVERY_TIMEOUT_MS,
      };
    } catch (error) {
      if (!isAppError(error) || error.code === 'reconnect_required') throw error;
      const reason = msg(
        error.code === 'upstream_forbidden'
          ? 'station.directory.forbidden'
          : 'station.directory.unavailable',
      );
      return { ...unavailableDirectory(), unavailableReason: reason };
    }
  }

  /** As Cisco's SDK: a provisioned number wins; dial plans apply only when the profile enables them. */
  async function dialRulesOf(
    ctx: StationContext,
    profile: AgentProfile | undefined,
    tenant: TenantSettings | undefined,
    provisioned: string | undefined,
  ): Promise<DialRules> {
    const locked = profile?.agentDNValidation === 'PROVISIONED_VALUE' || tenant?.forceDefaultDn;
    if (locked && provisioned) return { mode: 'provisioned', entries: [], provisioned };
    if (!profile?.dialPlanEnabled || profile.dialPlans.length === 0) return DEFAULT_DIAL_RULES;
    const plans = await configuration
      .shared(ctx, 'dial-plans', (wxcc) => wxcc.listDialPlans(ctx.agent.orgId))
      .catch(optional<DialPlanEntry[]>);
    // Unreadable plans: WxCC still checks the number; the defaults keep the form usable.
    const entries = usablePlans(
      (plans ?? []).filter((p) => p.id !== undefined && profile.dialPlans.includes(p.id)),
      (plan, reason) =>
        options.warn?.(
          { orgId: ctx.agent.orgId, dialPlan: plan.name, reason },
          'dial plan skipped: its regular expression cannot run on RE2 (linear time)',
        ),
    );
    return entries.length > 0 ? { mode: 'plan', entries } : DEFAULT_DIAL_RULES;
  }

  function forAgent(ctx: StationContext): Promise<AgentDirectory> {
    return cache.get(ctx.agent.agentId, () => load(ctx));
  }

  /** The agent's dial rules, for any form that takes a number (login, transfer, outdial). */
  async function dialRulesFor(ctx: StationContext): Promise<DialRules> {
    return (await forAgent(ctx)).dialRules;
  }

  /** Forgets the agent's configuration too, so the next page view reads WxCC afresh. */
  function forget(agentId: string): void {
    cache.forget(agentId);
    configuration.forget(agentId);
  }

  return { forAgent, dialRulesFor, forget };
}

/** What the form works from when the configuration API cannot be read. */
export function unavailableDirectory(): AgentDirectory {
  return {
    idleCodes: [],
    idleNames: {},
    loginOptions: [...SERVED_DEVICE_TYPES],
    browserInProfile: false,
    dialRules: DEFAULT_DIAL_RULES,
    recoveryTimeoutMs: DEFAULT_RECOVERY_TIMEOUT_MS,
  };
}
