// The one reader of WxCC's configuration API: a GET through a schema, and v2 list paging.
import type * as z from 'zod';
import type { HttpCallOptions, HttpResult } from '../http-call';
import { pageOf } from './schemas';
import { parseUpstream } from '../upstream-schema';

const WXCC = 'Webex Contact Center';
const PAGE_SIZE = 100;
/** Enough for any real org's idle codes; a runaway paging loop must still end. */
const MAX_PAGES = 10;

export type Call = (options: HttpCallOptions) => Promise<HttpResult>;

export interface PageOptions {
  /** Extra query parameters, each starting with `&`. */
  query?: string;
  maxPages?: number;
}

export function configReader(call: Call, wxccApiBase: string) {
  /** `path` is below `/organization/{orgId}`. */
  const url = (orgId: string, path: string) =>
    `${wxccApiBase}/organization/${encodeURIComponent(orgId)}${path}`;

  async function get<S extends z.ZodType>(
    token: string,
    target: string,
    schema: S,
    what: string,
  ): Promise<z.output<S>> {
    const { body } = await call({
      method: 'GET',
      url: target,
      service: WXCC,
      bearer: token,
      expect: [200],
      idempotent: true,
    });
    return parseUpstream(schema, body, what, WXCC);
  }

  /** Every item of a v2 list, page by page until meta.totalPages (or an empty page) says it is all. */
  async function pages<S extends z.ZodType>(
    token: string,
    target: string,
    item: S,
    what: string,
    options: PageOptions = {},
  ): Promise<z.output<S>[]> {
    const items: z.output<S>[] = [];
    const page = pageOf(item);
    for (let n = 0; n < (options.maxPages ?? MAX_PAGES); n += 1) {
      const query = `?page=${n}&pageSize=${PAGE_SIZE}${options.query ?? ''}`;
      const body = await get(token, `${target}${query}`, page, what);
      items.push(...(body.data as z.output<S>[]));
      const totalPages = body.meta.totalPages;
      if (totalPages === undefined || n + 1 >= totalPages || body.data.length === 0) break;
    }
    return items;
  }

  return { url, get, pages };
}
