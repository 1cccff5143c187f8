// The agent's configuration as WxCC holds it (user, codes, desktop profile, tenant settings): read
// once per cache fill and shared by the station form's directory and the contact directory.
import type {
  AgentProfile,
  AgentUser,
  AuxCode,
  OrganizationInfo,
  TenantSettings,
} from '../clients/wxcc-configuration/api';
import type { AgentCalls, AgentClients } from '../clients/agent-client';
import type { AgentContext } from '../domain/agent';
import { isAppError } from '../errors';
import { createAgentCache, type AgentCacheOptions } from './agent-cache';
import { createOrgCache } from './org-cache';

export interface AgentConfiguration {
  user: AgentUser;
  /** Every aux code of the org: idle and wrap-up, system ones included. */
  auxCodes: AuxCode[];
  /** Undefined when the user has no desktop profile. */
  profile?: AgentProfile;
  /** Undefined when the tenant settings could not be read: WxCC's defaults then apply. */
  tenant?: TenantSettings;
  /** The tenant's IANA time zone (the organization's), undefined when it could not be read. */
  timeZone?: string;
}

export type AgentConfigurationReader = ReturnType<typeof createAgentConfiguration>;

/** What a directory built on the shared configuration is made of (the cache options too). */
export interface DirectoryOptions extends Omit<AgentCacheOptions<unknown>, 'keep'> {
  configuration: AgentConfigurationReader;
}

export type AgentConfigurationOptions = Omit<DirectoryOptions, 'configuration'> & {
  wxcc: AgentClients;
};

/** A sign-in that is gone still ends the page; any other failure leaves an optional part unknown. */
export function optional<T>(error: unknown): T | undefined {
  if (isAppError(error) && error.code === 'reconnect_required') throw error;
  return undefined;
}

export function createAgentConfiguration(options: AgentConfigurationOptions) {
  const { wxcc } = options;
  const cache = createAgentCache<AgentConfiguration>(options);
  const org = createOrgCache(options);

  /** One WxCC read for the agent (the agent-bound client brings a valid token). */
  function read<T>(ctx: AgentContext, call: (wxcc: AgentCalls) => Promise<T>): Promise<T> {
    return call(wxcc.forAgent(ctx.agent.agentId));
  }

  /**
   * A read whose answer is the organization's, not the agent's (`what` names it, with any ids
   * it depends on): made with this agent's token when no agent of the org has it cached.
   */
  function shared<T>(
    ctx: AgentContext,
    what: string,
    call: (wxcc: AgentCalls) => Promise<T>,
  ): Promise<T> {
    let mine = false;
    const value = org.get(ctx.agent.orgId, what, () => {
      mine = true;
      return read(ctx, call);
    });
    if (mine) return value;
    // Joined another agent's read: its failure (that agent's sign-in gone, its permissions) is
    // not this agent's, so this agent asks with its own token instead of inheriting it.
    return value.catch(() => read(ctx, call));
  }

  async function load(ctx: AgentContext): Promise<AgentConfiguration> {
    const { agentId, orgId } = ctx.agent;
    // The user is the agent's own; codes, profile and tenant settings are the org's, shared.
    const user = await read(ctx, (wxcc) => wxcc.getUser(orgId, agentId));
    const profileId = user.agentProfileId;
    const [auxCodes, profile, tenant, organization] = await Promise.all([
      shared(ctx, 'aux-codes', (wxcc) => wxcc.listAuxCodes(orgId)),
      profileId
        ? shared(ctx, `profile:${profileId}`, (wxcc) => wxcc.getAgentProfile(orgId, profileId))
        : undefined,
      // Optional: older tenants or narrower scopes may not serve it (a failure is not shared).
      shared(ctx, 'tenant', (wxcc) => wxcc.getTenantSettings(orgId)).catch(
        optional<TenantSettings>,
      ),
      shared(ctx, 'organization', (wxcc) => wxcc.getOrganization(orgId)).catch(
        optional<OrganizationInfo>,
      ),
    ]);
    return { user, auxCodes, profile, tenant, timeZone: organization?.timeZone };
  }

  return {
    /** Rejects with the AppError of a required part (user, codes, profile). */
    forAgent: (ctx: AgentContext) => cache.get(ctx.agent.agentId, () => load(ctx)),
    /** The agent's configuration and the org's shared reads are read afresh on the next use. */
    forget: (agentId: string) => {
      cache.forget(agentId);
      org.clear();
    },
    read,
    shared,
  };
}
