// WxCC scheduled callbacks (`/v1/callbacks/organization/{orgId}/scheduled-callback`), allowed with cjp:user.
import * as z from 'zod';
import type { HttpCallOptions, HttpResult } from './http-call';
import { optionalText } from './upstream-schema';
import { parseUpstream } from './upstream-schema';

const WXCC = 'Webex Contact Center';

type Call = (options: HttpCallOptions) => Promise<HttpResult>;

/** ScheduleCallbackRequest: the window is a local date and times in `timezone`. */
export interface CallbackRequest {
  customerName: string;
  callbackNumber: string;
  timezone: string;
  scheduleDate: string;
  startTime: string;
  endTime: string;
  queueId: string;
  callbackReason?: string;
  sourceInteraction?: string;
  assigneeAgent?: string;
}

const callbackSchema = z
  .object({
    id: optionalText,
    customerName: optionalText,
    callbackNumber: optionalText,
    timezone: optionalText,
    scheduleDate: optionalText,
    startTime: optionalText,
    endTime: optionalText,
    queueId: optionalText,
    callbackReason: optionalText,
    assigneeAgent: optionalText,
  })
  .transform((c) =>
    c.id === undefined
      ? undefined
      : {
          id: c.id,
          customerName: c.customerName ?? '',
          callbackNumber: c.callbackNumber ?? '',
          timezone: c.timezone ?? 'UTC',
          scheduleDate: c.scheduleDate ?? '',
          startTime: c.startTime ?? '',
          endTime: c.endTime ?? '',
          queueId: c.queueId,
          callbackReason: c.callbackReason,
          assigneeAgent: c.assigneeAgent,
        },
  );
export type ScheduledCallback = NonNullable<z.output<typeof callbackSchema>>;

const listSchema = z.object({
  data: z
    .array(callbackSchema)
    .nullish()
    .transform((d) => d ?? []),
  meta: z
    .object({ totalPages: z.number().int().nonnegative().optional() })
    .nullish()
    .transform((m) => ({ totalPages: m?.totalPages ?? 0 })),
});

/** The spec's page size ceiling for the list. */
const PAGE_SIZE = 100;
/** An agent's own upcoming callbacks fit in a few pages; a runaway loop must still end. */
const MAX_PAGES = 5;

export function callbacksApiCalls(call: Call, wxccApiBase: string) {
  const base = (orgId: string) =>
    `${wxccApiBase}/v1/callbacks/organization/${encodeURIComponent(orgId)}/scheduled-callback`;

  return {
    async scheduleCallback(
      token: string,
      orgId: string,
      request: CallbackRequest,
    ): Promise<ScheduledCallback | undefined> {
      // Not retried: booking twice is two callbacks.
      const { body } = await call({
        method: 'POST',
        url: base(orgId),
        service: WXCC,
        bearer: token,
        json: request,
        expect: [200, 201],
      });
      return parseUpstream(callbackSchema, body, 'scheduled callback', WXCC);
    },

    /** The agent's upcoming callbacks (WxCC leaves out those already due), soonest first. */
    async listScheduledCallbacks(
      token: string,
      orgId: string,
      assigneeAgent: string,
    ): Promise<ScheduledCallback[]> {
      const found: ScheduledCallback[] = [];
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const query = new URLSearchParams({
          assigneeAgent,
          page: String(page),
          pageSize: String(PAGE_SIZE),
          sortBy: 'scheduledTime',
          sortOrder: 'asc',
        });
        const { body } = await call({
          method: 'GET',
          url: `${base(orgId)}?${query.toString()}`,
          service: WXCC,
          bearer: token,
          expect: [200],
          idempotent: true,
        });
        const list = parseUpstream(listSchema, body, 'scheduled callbacks', WXCC);
        found.push(...list.data.filter((c): c is ScheduledCallback => c !== undefined));
        if (page + 1 >= list.meta.totalPages || list.data.length === 0) break;
      }
      return found;
    },

    deleteScheduledCallback: (token: string, orgId: string, id: string) =>
      call({
        method: 'DELETE',
        url: `${base(orgId)}/${encodeURIComponent(id)}`,
        service: WXCC,
        bearer: token,
        expect: [200, 204],
      }),
  };
}
