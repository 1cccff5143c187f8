// WxCC configuration API reads (teams, aux codes, user, desktop profile, dial plans, tenant
// settings, queues, outdial numbers), part of the Webex client.
import { configReader, type Call } from './reader';
import {
  addressBookEntrySchema,
  cadVariableSchema,
  searchPageOf,
  type AddressBookEntry,
  type CadVariable,
  agentProfileSchema,
  auxCodeSchema,
  dialPlansAnswer,
  entryPointSchema,
  type EntryPoint,
  organizationSchema,
  outdialAniSchema,
  queueSchema,
  teamSchema,
  tenantAnswer,
  userSchema,
  type AgentProfile,
  type AgentUser,
  type AuxCode,
  type DialPlanEntry,
  type OrganizationInfo,
  type OutdialAni,
  type Queue,
  type Team,
  type TenantSettings,
} from './schemas';

export type {
  AddressBookEntry,
  CadVariable,
  AgentProfile,
  AgentUser,
  AuxCode,
  DialPlanEntry,
  EntryPoint,
  OrganizationInfo,
  OutdialAni,
  Queue,
  Team,
  TenantSettings,
};

/** Team ids per `filter=id=in=(...)` request, so the URL stays short whatever the agent's count. */
const IDS_PER_FILTER = 50;

/** Items a schema read as undefined (inactive, unusable) are left out. */
const present = <T>(items: (T | undefined)[]): T[] =>
  items.filter((item): item is T => item !== undefined);

export function configApiCalls(call: Call, wxccApiBase: string) {
  const { url, get, pages } = configReader(call, wxccApiBase);

  return {
    /**
     * The agent's own teams, asked for by id as Cisco's SDK does (`filter=id=in=(...)`), so an org's
     * size does not matter; each request pages by meta.totalPages until it has them all.
     */
    async listTeams(token: string, orgId: string, ids: string[]): Promise<Team[]> {
      const teams: Team[] = [];
      for (let i = 0; i < ids.length; i += IDS_PER_FILTER) {
        const chunk = ids.slice(i, i + IDS_PER_FILTER);
        const query = `&filter=${encodeURIComponent(`id=in=(${chunk.join(',')})`)}`;
        // Bounded by the chunk, since a page holds at least one team.
        const items = await pages(token, url(orgId, '/v2/team'), teamSchema, 'teams', {
          query,
          maxPages: chunk.length + 1,
        });
        teams.push(...items.filter((t) => chunk.includes(t.id)));
      }
      return teams;
    },

    listAuxCodes: (token: string, orgId: string): Promise<AuxCode[]> =>
      pages(token, url(orgId, '/v2/auxiliary-code'), auxCodeSchema, 'auxiliary codes'),

    getUser: (token: string, orgId: string, ciUserId: string): Promise<AgentUser> =>
      get(
        token,
        url(orgId, `/v2/user/by-ci-user-id/${encodeURIComponent(ciUserId)}`),
        userSchema,
        'user',
      ),

    /** The desktop profile: what both the station form and contact handling read from it. */
    getAgentProfile: (token: string, orgId: string, id: string): Promise<AgentProfile> =>
      get(
        token,
        url(orgId, `/agent-profile/${encodeURIComponent(id)}`),
        agentProfileSchema,
        'desktop profile',
      ),

    /** The org's dial plans, as Cisco's SDK reads them (`dial-plan?agentView=true`, a bare list). */
    async listDialPlans(token: string, orgId: string): Promise<DialPlanEntry[]> {
      const target = url(orgId, '/dial-plan?agentView=true');
      return present((await get(token, target, dialPlansAnswer, 'dial plans')).data);
    },

    getOrganization: (token: string, orgId: string): Promise<OrganizationInfo> =>
      get(token, url(orgId, ''), organizationSchema, 'organization'),

    getTenantSettings: (token: string, orgId: string): Promise<TenantSettings> =>
      get(
        token,
        url(orgId, '/v2/tenant-configuration?agentView=true'),
        tenantAnswer,
        'tenant settings',
      ),

    async listQueues(token: string, orgId: string): Promise<Queue[]> {
      const target = url(orgId, '/v2/contact-service-queue');
      return present(await pages(token, target, queueSchema, 'queues'));
    },

    /** The org's entry points a call can be consulted to (SDK services/EntryPoint.ts). */
    async listEntryPoints(token: string, orgId: string): Promise<EntryPoint[]> {
      const target = url(orgId, '/v2/entry-point');
      return present(await pages(token, target, entryPointSchema, 'entry points'));
    },

    /**
     * One page of the agent's address book, searched by name or number on WxCC's side
     * (`/v2/address-book/{id}/entry?search=`, as Cisco's SDK AddressBook.ts getEntries).
     */
    async searchAddressBook(
      token: string,
      orgId: string,
      bookId: string,
      query: { search?: string; ids?: string[]; page: number; pageSize: number },
    ): Promise<{ entries: AddressBookEntry[]; page: number; totalPages: number }> {
      const search =
        (query.search ? `&search=${encodeURIComponent(query.search)}` : '') +
        (query.ids ? `&filter=${encodeURIComponent(`id=in=(${query.ids.join(',')})`)}` : '');
      const target = url(
        orgId,
        `/v2/address-book/${encodeURIComponent(bookId)}/entry?page=${query.page}&pageSize=${query.pageSize}${search}`,
      );
      const body = await get(token, target, searchPageOf(addressBookEntrySchema), 'address book');
      return {
        entries: present(body.data),
        page: body.meta.page,
        totalPages: body.meta.totalPages,
      };
    },

    async listCadVariables(token: string, orgId: string): Promise<CadVariable[]> {
      const target = url(orgId, '/v2/cad-variable');
      return present(await pages(token, target, cadVariableSchema, 'call variables'));
    },

    async listOutdialAni(token: string, orgId: string, aniId: string): Promise<OutdialAni[]> {
      const target = url(orgId, `/v2/outdial-ani/${encodeURIComponent(aniId)}/entry`);
      return present(await pages(token, target, outdialAniSchema, 'outdial numbers'));
    },
  };
}
