// What the station form and state menu offer: the agent's teams, idle reasons and login options.
import type { AuxCode, Team } from '../clients/config-api';
import type { WebexClient } from '../clients/webex-client';
import { DEVICE_TYPES, type DeviceType } from '../domain/agent';
import { isAppError } from '../errors';
import type { OAuthService } from './oauth-service';
import type { StationContext } from './station-service';

export interface AgentDirectory {
  /** Undefined when the configuration API could not be read: the form falls back to a text field. */
  teams?: Team[];
  idleCodes: AuxCode[];
  loginOptions: DeviceType[];
  defaultDialNumber?: string;
  /** Why the lists are missing, in words for the agent. */
  unavailableReason?: string;
}

export interface DirectoryServiceOptions {
  client: WebexClient;
  oauth: OAuthService;
  ttlMs?: number;
  now?: () => number;
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;

export function createDirectoryService(options: DirectoryServiceOptions) {
  const { client, oauth } = options;
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  // Configuration changes rarely; a short cache spares four calls on every page view.
  const cache = new Map<string, { at: number; value: Promise<AgentDirectory> }>();

  async function load(ctx: StationContext): Promise<AgentDirectory> {
    const { agentId, orgId } = ctx.agent;
    const read = <T>(call: (token: string) => Promise<T>) => oauth.withAccessToken(agentId, call);
    try {
      const user = await read((t) => client.getUser(t, orgId, agentId));
      const [teams, codes, profile] = await Promise.all([
        read((t) => client.listTeams(t, orgId)),
        read((t) => client.listAuxCodes(t, orgId)),
        user.agentProfileId
          ? read((t) => client.getDesktopProfile(t, orgId, user.agentProfileId as string))
          : Promise.resolve(undefined),
      ]);
      const allowedIdle =
        profile?.accessIdleCode === 'SPECIFIC' ? new Set(profile.idleCodes) : undefined;
      const loginOptions = DEVICE_TYPES.filter(
        (d) =>
          !profile ||
          profile.loginVoiceOptions.length === 0 ||
          profile.loginVoiceOptions.includes(d),
      );
      return {
        teams: teams.filter((t) => t.active && user.teamIds.includes(t.id)),
        idleCodes: codes.filter(
          (c) =>
            c.active &&
            !c.isSystemCode &&
            c.workTypeCode === 'IDLE_CODE' &&
            (allowedIdle === undefined || allowedIdle.has(c.id)),
        ),
        loginOptions,
        defaultDialNumber: user.defaultDialNumber,
      };
    } catch (error) {
      if (!isAppError(error) || error.code === 'reconnect_required') throw error;
      const reason =
        error.code === 'upstream_forbidden'
          ? 'Your teams and idle reasons cannot be listed: this sign-in lacks the cjp:config_read permission. Enter your team id, or ask your administrator.'
          : 'Your teams and idle reasons could not be loaded from Webex Contact Center right now, so the form uses the configured defaults.';
      return { idleCodes: [], loginOptions: [...DEVICE_TYPES], unavailableReason: reason };
    }
  }

  function forAgent(ctx: StationContext): Promise<AgentDirectory> {
    const key = ctx.agent.agentId;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.value;
    const value = load(ctx);
    cache.set(key, { at: now(), value });
    // A failed load is not worth keeping: the next page view tries again.
    value.then(
      (d) => d.unavailableReason && cache.delete(key),
      () => cache.delete(key),
    );
    return value;
  }

  return { forAgent, forget: (agentId: string) => cache.delete(agentId) };
}
