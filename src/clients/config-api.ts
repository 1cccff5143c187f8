// WxCC configuration API reads (teams, idle codes, user, desktop profile, dial plans, tenant
// settings), part of the Webex client.
import type { HttpCallOptions, HttpResult } from './http-call';
import { asRecord, malformed } from './webex-types';

const WXCC = 'Webex Contact Center';
const PAGE_SIZE = 100;
/** Enough for any real org's idle codes; a runaway paging loop must still end. */
const MAX_PAGES = 10;
/** Team ids per `filter=id=in=(...)` request, so the URL stays short whatever the agent's count. */
const IDS_PER_FILTER = 50;

export interface Team {
  id: string;
  name: string;
  active: boolean;
}

export interface AuxCode {
  id: string;
  name: string;
  active: boolean;
  isSystemCode: boolean;
  defaultCode: boolean;
  workTypeCode: string;
}

export interface AgentUser {
  teamIds: string[];
  agentProfileId?: string;
  defaultDialNumber?: string;
}

export interface DesktopProfile {
  loginVoiceOptions: string[];
  /** `ALL` or `SPECIFIC` (then idleCodes lists the allowed ones). */
  accessIdleCode?: string;
  idleCodes: string[];
  dialPlanEnabled: boolean;
  /** Ids of the org's dial plans this profile uses. */
  dialPlans: string[];
  /** `PROVISIONED_VALUE` locks the agent to the provisioned number; other values do not. */
  agentDNValidation?: string;
}

/** One dial plan as Cisco's SDK keeps it (DialPlanDTO's regularExpression is `regex` here). */
export interface DialPlanEntry {
  id?: string;
  name: string;
  regex: string;
  prefix: string;
  strippedChars: string;
}

/** The tenant settings the desktop honours (`v2/tenant-configuration?agentView=true`). */
export interface TenantSettings {
  forceDefaultDn: boolean;
  /** Contact controls the tenant switches off (Cisco's SDK Util.ts parseAgentConfigs). */
  endCallEnabled?: boolean;
  endConsultEnabled?: boolean;
  outdialEnabled?: boolean;
  /** Milliseconds a lost notification socket may take to come back; WxCC's default is 50 s. */
  lostConnectionRecoveryTimeout?: number;
}

type Call = (options: HttpCallOptions) => Promise<HttpResult>;

/** Settings come as `{data:[{...}]}` (Cisco's SDK reads data[0]); a bare object is read as is. */
function firstOf(body: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(body.data)) return body;
  const first: unknown = body.data[0];
  return first !== null && typeof first === 'object' ? (first as Record<string, unknown>) : {};
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
const strings = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function configApiCalls(call: Call, wxccApiBase: string) {
  const base = (orgId: string) => `${wxccApiBase}/organization/${encodeURIComponent(orgId)}`;

  async function get(token: string, url: string): Promise<Record<string, unknown>> {
    const { body } = await call({
      method: 'GET',
      url,
      service: WXCC,
      bearer: token,
      expect: [200],
      idempotent: true,
    });
    return asRecord(body, 'configuration', WXCC);
  }

  async function pages(
    token: string,
    url: string,
    query = '',
    maxPages = MAX_PAGES,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (let page = 0; page < maxPages; page += 1) {
      const body = await get(token, `${url}?page=${page}&pageSize=${PAGE_SIZE}${query}`);
      if (!Array.isArray(body.data)) throw malformed('page.data is not a list', WXCC);
      items.push(...body.data.map((item) => asRecord(item, 'page item', WXCC)));
      const meta = (body.meta ?? {}) as Record<string, unknown>;
      const totalPages = Number(meta.totalPages);
      if (!Number.isFinite(totalPages) || page + 1 >= totalPages || body.data.length === 0) break;
    }
    return items;
  }

  return {
    /**
     * The agent's own teams, asked for by id as Cisco's SDK does (`filter=id=in=(...)`), so an org's
     * size does not matter; each request pages by meta.totalPages until it has them all.
     */
    async listTeams(token: string, orgId: string, ids: string[]): Promise<Team[]> {
      const teams: Team[] = [];
      for (let i = 0; i < ids.length; i += IDS_PER_FILTER) {
        const chunk = ids.slice(i, i + IDS_PER_FILTER);
        const filter = `&filter=${encodeURIComponent(`id=in=(${chunk.join(',')})`)}`;
        // Paged by meta.totalPages; bounded by the chunk, since a page holds at least one team.
        const items = await pages(token, `${base(orgId)}/v2/team`, filter, chunk.length + 1);
        for (const t of items) {
          const id = str(t.id);
          if (id && chunk.includes(id)) {
            teams.push({ id, name: str(t.name) ?? id, active: t.active !== false });
          }
        }
      }
      return teams;
    },

    async listAuxCodes(token: string, orgId: string): Promise<AuxCode[]> {
      const items = await pages(token, `${base(orgId)}/v2/auxiliary-code`);
      return items.flatMap((c) => {
        const id = str(c.id);
        if (!id) return [];
        return [
          {
            id,
            name: str(c.name) ?? id,
            active: c.active !== false,
            isSystemCode: c.isSystemCode === true,
            defaultCode: c.defaultCode === true,
            workTypeCode: str(c.workTypeCode) ?? '',
          },
        ];
      });
    },

    async getUser(token: string, orgId: string, ciUserId: string): Promise<AgentUser> {
      const u = await get(
        token,
        `${base(orgId)}/v2/user/by-ci-user-id/${encodeURIComponent(ciUserId)}`,
      );
      return {
        teamIds: strings(u.teamIds),
        agentProfileId: str(u.agentProfileId),
        // The API really spells it "deafult"; accept the corrected spelling too.
        defaultDialNumber: str(u.deafultDialledNumber) ?? str(u.defaultDialledNumber),
      };
    },

    async getDesktopProfile(token: string, orgId: string, id: string): Promise<DesktopProfile> {
      const p = await get(token, `${base(orgId)}/agent-profile/${encodeURIComponent(id)}`);
      return {
        loginVoiceOptions: strings(p.loginVoiceOptions),
        accessIdleCode: str(p.accessIdleCode),
        idleCodes: strings(p.idleCodes),
        dialPlanEnabled: p.dialPlanEnabled === true,
        dialPlans: strings(p.dialPlans),
        agentDNValidation: str(p.agentDNValidation),
      };
    },

    /** The org's dial plans, as Cisco's SDK reads them (`dial-plan?agentView=true`, a bare list). */
    async listDialPlans(token: string, orgId: string): Promise<DialPlanEntry[]> {
      const { body } = await call({
        method: 'GET',
        url: `${base(orgId)}/dial-plan?agentView=true`,
        service: WXCC,
        bearer: token,
        expect: [200],
        idempotent: true,
      });
      // The spec answers a bare list; tolerate the v2 envelope too.
      const list = Array.isArray(body) ? body : asRecord(body, 'dial plans', WXCC).data;
      if (!Array.isArray(list)) throw malformed('dial plans are not a list', WXCC);
      return list.flatMap((item) => {
        const p = asRecord(item, 'dial plan', WXCC);
        const regex = str(p.regularExpression);
        if (regex === undefined || p.active === false) return [];
        return [
          {
            id: str(p.id),
            name: str(p.name) ?? 'dial plan',
            regex,
            prefix: str(p.prefix) ?? '',
            strippedChars: str(p.strippedChars) ?? '',
          },
        ];
      });
    },

    async getTenantSettings(token: string, orgId: string): Promise<TenantSettings> {
      const t = firstOf(await get(token, `${base(orgId)}/v2/tenant-configuration?agentView=true`));
      const timeout = Number(t.lostConnectionRecoveryTimeout);
      return {
        forceDefaultDn: t.forceDefaultDn === true,
        endCallEnabled: bool(t.endCallEnabled),
        endConsultEnabled: bool(t.endConsultEnabled),
        outdialEnabled: bool(t.outdialEnabled),
        lostConnectionRecoveryTimeout:
          Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
      };
    },
  };
}
