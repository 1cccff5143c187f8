// WxCC configuration API reads (teams, idle codes, user, desktop profile), part of the Webex client.
import type { HttpCallOptions, HttpResult } from './http-call';
import { asRecord, malformed } from './webex-types';

const WXCC = 'Webex Contact Center';
const PAGE_SIZE = 100;
/** Enough for any real agent; a runaway paging loop must still end. */
const MAX_PAGES = 10;

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
}

type Call = (options: HttpCallOptions) => Promise<HttpResult>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
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

  async function pages(token: string, url: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const body = await get(token, `${url}?page=${page}&pageSize=${PAGE_SIZE}`);
      if (!Array.isArray(body.data)) throw malformed('page.data is not a list', WXCC);
      items.push(...body.data.map((item) => asRecord(item, 'page item', WXCC)));
      const meta = (body.meta ?? {}) as Record<string, unknown>;
      const totalPages = Number(meta.totalPages);
      if (!Number.isFinite(totalPages) || page + 1 >= totalPages || body.data.length === 0) break;
    }
    return items;
  }

  return {
    async listTeams(token: string, orgId: string): Promise<Team[]> {
      const items = await pages(token, `${base(orgId)}/v2/team`);
      return items.flatMap((t) => {
        const id = str(t.id);
        return id ? [{ id, name: str(t.name) ?? id, active: t.active !== false }] : [];
      });
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
      };
    },
  };
}
