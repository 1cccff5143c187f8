// WxCC configuration reads that contact handling needs: profile call settings, tenant switches, queues, outdial ANIs.
import type { HttpCallOptions, HttpResult } from './http-call';
import { asRecord, malformed } from './webex-types';

const WXCC = 'Webex Contact Center';
const PAGE_SIZE = 100;
const MAX_PAGES = 10;

type Call = (options: HttpCallOptions) => Promise<HttpResult>;

/** The desktop profile's fields about contacts (AgentProfileDTO in the spec). */
export interface ContactProfile {
  /** `ALL` or `SPECIFIC` (then wrapUpCodes lists the allowed ones). */
  accessWrapUpCode?: string;
  wrapUpCodes: string[];
  autoWrapUp: boolean;
  autoWrapAfterSeconds?: number;
  allowAutoWrapUpExtension: boolean;
  consultToQueue: boolean;
  outdialEnabled: boolean;
  outdialEntryPointId?: string;
  outdialANIId?: string;
  /** `ALL` or `SPECIFIC` (then queues lists the allowed ones). */
  accessQueue?: string;
  queues: string[];
}

export interface Queue {
  id: string;
  name: string;
  telephony: boolean;
}

export interface OutdialAni {
  number: string;
  name: string;
  isDefault: boolean;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function contactConfigCalls(call: Call, wxccApiBase: string) {
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

  async function list(token: string, url: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const body = await get(token, `${url}?page=${page}&pageSize=${PAGE_SIZE}`);
      if (!Array.isArray(body.data)) throw malformed('page.data is not a list', WXCC);
      items.push(...body.data.map((item) => asRecord(item, 'page item', WXCC)));
      const totalPages = Number(((body.meta ?? {}) as Record<string, unknown>).totalPages);
      if (!Number.isFinite(totalPages) || page + 1 >= totalPages || body.data.length === 0) break;
    }
    return items;
  }

  return {
    async getContactProfile(token: string, orgId: string, id: string): Promise<ContactProfile> {
      const p = await get(token, `${base(orgId)}/agent-profile/${encodeURIComponent(id)}`);
      const seconds = Number(p.autoWrapAfterSeconds);
      return {
        accessWrapUpCode: str(p.accessWrapUpCode),
        wrapUpCodes: strings(p.wrapUpCodes),
        autoWrapUp: p.autoWrapUp === true,
        autoWrapAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : undefined,
        allowAutoWrapUpExtension: p.allowAutoWrapUpExtension === true,
        consultToQueue: p.consultToQueue === true,
        outdialEnabled: p.outdialEnabled === true,
        outdialEntryPointId: str(p.outdialEntryPointId),
        outdialANIId: str(p.outdialANIId),
        accessQueue: str(p.accessQueue),
        queues: strings(p.queues),
      };
    },

    async listQueues(token: string, orgId: string): Promise<Queue[]> {
      const items = await list(token, `${base(orgId)}/v2/contact-service-queue`);
      return items.flatMap((q) => {
        const id = str(q.id);
        if (!id || q.active === false) return [];
        const channel = str(q.channelType);
        return [{ id, name: str(q.name) ?? id, telephony: !channel || channel === 'TELEPHONY' }];
      });
    },

    async listOutdialAni(token: string, orgId: string, aniId: string): Promise<OutdialAni[]> {
      const items = await list(
        token,
        `${base(orgId)}/v2/outdial-ani/${encodeURIComponent(aniId)}/entry`,
      );
      return items.flatMap((e) => {
        const number = str(e.number);
        return number
          ? [{ number, name: str(e.name) ?? number, isDefault: e.defaultANIEntry === true }]
          : [];
      });
    },
  };
}
