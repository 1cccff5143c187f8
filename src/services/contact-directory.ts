// What contact handling offers the agent: wrap-up codes, auto wrap-up, queues, outdial, tenant switches.
import type { OutdialAni, Queue } from '../clients/contact-config-api';
import type { WebexClient } from '../clients/webex-client';
import { isAppError } from '../errors';
import type { OAuthService } from './oauth-service';
import type { StationContext } from './station-service';

export interface WrapUpCode {
  id: string;
  name: string;
  isDefault: boolean;
}

export interface ContactDirectory {
  agentProfileId?: string;
  wrapUpCodes: WrapUpCode[];
  /** The profile's default code, else the first: what auto wrap-up sends (SDK AutoWrapup). */
  defaultWrapUp?: WrapUpCode;
  /** Seconds until the desktop wraps up by itself; undefined without auto wrap-up. */
  autoWrapUpSeconds?: number;
  allowAutoWrapUpExtension: boolean;
  consultToQueue: boolean;
  /** Tenant `endCallEnabled`; true when the tenant settings could not be read (WxCC still decides). */
  endCallEnabled: boolean;
  queues: Queue[];
  outdial?: { entryPointId: string; anis: OutdialAni[] };
  /** Why some of this is missing, in words for the agent. */
  problem?: string;
}

export interface ContactDirectoryOptions {
  client: WebexClient;
  oauth: OAuthService;
  ttlMs?: number;
  now?: () => number;
}

export type ContactDirectoryService = ReturnType<typeof createContactDirectory>;

export function emptyContactDirectory(problem?: string): ContactDirectory {
  return {
    wrapUpCodes: [],
    allowAutoWrapUpExtension: false,
    consultToQueue: false,
    endCallEnabled: true,
    queues: [],
    problem,
  };
}

export function createContactDirectory(options: ContactDirectoryOptions) {
  const { client, oauth } = options;
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; value: Promise<ContactDirectory> }>();

  async function load(ctx: StationContext): Promise<ContactDirectory> {
    const { agentId, orgId } = ctx.agent;
    const read = <T>(call: (token: string) => Promise<T>) => oauth.withAccessToken(agentId, call);
    // Optional parts (not in every tenant, or not in the published spec) degrade to "unknown".
    const optional = <T>(call: (token: string) => Promise<T>, fallback: T) =>
      read(call).catch((error: unknown) => {
        if (isAppError(error) && error.code === 'reconnect_required') throw error;
        return fallback;
      });
    try {
      const user = await read((t) => client.getUser(t, orgId, agentId));
      const profileId = user.agentProfileId;
      const [codes, profile, tenant, queues] = await Promise.all([
        read((t) => client.listAuxCodes(t, orgId)),
        profileId ? read((t) => client.getContactProfile(t, orgId, profileId)) : undefined,
        optional((t) => client.getTenantSettings(t, orgId), { forceDefaultDn: false }),
        optional((t) => client.listQueues(t, orgId), []),
      ]);
      const allowed =
        profile?.accessWrapUpCode === 'SPECIFIC' ? new Set(profile.wrapUpCodes) : undefined;
      const wrapUpCodes = codes
        .filter((c) => c.active && c.workTypeCode === 'WRAP_UP_CODE')
        .filter((c) => allowed === undefined || allowed.has(c.id))
        .map((c) => ({ id: c.id, name: c.name, isDefault: c.defaultCode }));
      const allowedQueues =
        profile?.accessQueue === 'SPECIFIC' ? new Set(profile.queues) : undefined;
      const outdialOn = profile?.outdialEnabled === true && tenant.outdialEnabled !== false;
      const anis =
        outdialOn && profile?.outdialANIId
          ? await optional(
              (t) => client.listOutdialAni(t, orgId, profile.outdialANIId as string),
              [],
            )
          : [];
      return {
        agentProfileId: profileId,
        wrapUpCodes,
        defaultWrapUp: wrapUpCodes.find((c) => c.isDefault) ?? wrapUpCodes[0],
        autoWrapUpSeconds: profile?.autoWrapUp ? profile.autoWrapAfterSeconds : undefined,
        allowAutoWrapUpExtension: profile?.allowAutoWrapUpExtension === true,
        consultToQueue: profile?.consultToQueue === true,
        endCallEnabled: tenant.endCallEnabled !== false,
        queues: queues.filter((q) => q.telephony && (!allowedQueues || allowedQueues.has(q.id))),
        outdial:
          outdialOn && profile?.outdialEntryPointId
            ? { entryPointId: profile.outdialEntryPointId, anis }
            : undefined,
        problem: wrapUpCodes.length === 0 ? 'Your profile has no wrap-up reasons.' : undefined,
      };
    } catch (error) {
      if (!isAppError(error) || error.code === 'reconnect_required') throw error;
      return emptyContactDirectory(
        'Your wrap-up reasons and transfer targets could not be loaded from Webex Contact Center right now.',
      );
    }
  }

  function forAgent(ctx: StationContext): Promise<ContactDirectory> {
    const key = ctx.agent.agentId;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.value;
    const value = load(ctx);
    cache.set(key, { at: now(), value });
    // A failed or partial load is not worth keeping: the next page view tries again.
    value.then(
      (d) => d.problem && cache.delete(key),
      () => cache.delete(key),
    );
    return value;
  }

  return { forAgent, forget: (agentId: string) => cache.delete(agentId) };
}
