// One HTTP round trip to Webex or WxCC, with a hard timeout and every failure turned into an AppError.
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import * as z from 'zod';
import { AppError } from '../errors';
import { msg } from '../i18n/message';
import { keepAliveAgents } from './keep-alive-agents';
import { nodeAdapter, withWholeCallDeadline } from './node-adapter';
import { headerValue, networkFailure, statusFailure } from './http-errors';
import { currentTrackingId, newTrackingId } from '../logging/tracking-context';

export interface HttpCallOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** Human name of the service, used in messages: "Webex" or "Webex Contact Center". */
  service: string;
  bearer?: string;
  json?: unknown;
  form?: Record<string, string>;
  /** Statuses that count as success (others become AppErrors). */
  expect: readonly number[];
  /** Safe to send twice (reads, reload, subscribe): retried once after a 5xx, 429 or reset. */
  idempotent?: boolean;
}

export interface HttpResult {
  status: number;
  body: unknown;
  trackingId?: string;
}

export interface UpstreamLog {
  (entry: {
    method: string;
    url: string;
    status?: number;
    durationMs: number;
    trackingId?: string;
    error?: string;
  }): void;
}

/**
 * Connections to Webex and WxCC are kept open and reused: a shift start makes a dozen calls per
 * agent to the same two hosts, and a new TLS connection for each would cost more than the call.
 * Never one that has been idle long enough for the server to have closed it (keep-alive-agents.ts).
 */
export function createHttp(
  timeoutMs: number,
  agents = keepAliveAgents(),
  env: NodeJS.ProcessEnv = process.env,
): AxiosInstance {
  const http = axios.create({
    ...agents,
    // Without a proxy in the environment, calls go straight through Node (node-adapter.ts); with
    // one, axios's own adapter decides per call, NO_PROXY included, as it always has. Either
    // bounds the whole call: the socket timeout alone does not bound a slow trickle.
    ...(outboundProxyConfigured(env)
      ? { adapter: withWholeCallDeadline(axios.getAdapter('http')) }
      : { proxy: false, adapter: nodeAdapter }),
    timeout: timeoutMs,
    maxRedirects: 0,
    // httpCall sends text only (JSON it has serialized, or a form it has encoded).
    transformRequest: [(data: unknown) => data],
    // Parse JSON ourselves so a malformed body is an error we can name, not a silent string.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });
  // Only what these calls use: axios.create copies its global defaults (per-method header groups,
  // XSRF names, form-data classes, body limits), and every call merges them all into its config
  // again; for calls that set every header themselves and send text, that merge was a third of
  // axios's work per call and most of its garbage (MEASUREMENTS, twelfth pass). The object is
  // the one axios reads (an instance's defaults are shared with the instance behind it).
  const defaults = http.defaults as unknown as Record<string, unknown>;
  for (const unused of UNUSED_DEFAULTS) delete defaults[unused];
  defaults.headers = {};
  return http;
}

/** Defaults axios gives every instance that these calls never read. */
const UNUSED_DEFAULTS = [
  'xsrfCookieName',
  'xsrfHeaderName',
  'maxContentLength',
  'maxBodyLength',
  'env',
  'transitional',
];

/**
 * Whether axios would send calls through a proxy from the environment: the variables its
 * proxy-from-env reads, in either case or npm's spelling. With one set, axios decides per call,
 * NO_PROXY included, as it always has.
 */
export function outboundProxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return ['http_proxy', 'https_proxy', 'all_proxy'].some((name) =>
    [name, name.toUpperCase(), `npm_config_${name}`].some((key) => (env[key] ?? '') !== ''),
  );
}

/** Longest Retry-After worth waiting for inside one page view; longer waits are reported instead. */
const MAX_RETRY_WAIT_SEC = 3;

export async function httpCall(
  http: AxiosInstance,
  options: HttpCallOptions,
  log: UpstreamLog,
): Promise<HttpResult> {
  try {
    return await httpCallOnce(http, options, log);
  } catch (error) {
    const wait = options.idempotent ? retryDelayMs(error) : undefined;
    if (wait === undefined) throw error;
    await new Promise((resolve) => setTimeout(resolve, wait));
    return httpCallOnce(http, options, log);
  }
}

/** Timeouts are not retried: a second full wait would leave the agent staring at a spinner. */
function retryDelayMs(error: unknown): number | undefined {
  if (!(error instanceof AppError)) return undefined;
  if (error.code === 'upstream_unreachable') return 100 + Math.random() * 200;
  if (error.code !== 'upstream_unavailable') return undefined;
  if (error.retryAfterSec === undefined) return 200 + Math.random() * 300;
  return error.retryAfterSec <= MAX_RETRY_WAIT_SEC ? error.retryAfterSec * 1000 : undefined;
}

async function httpCallOnce(
  http: AxiosInstance,
  options: HttpCallOptions,
  log: UpstreamLog,
): Promise<HttpResult> {
  const started = performance.now();
  const headers: Record<string, string> = {
    Accept: 'application/json',
    // The request's (or job's) id, so WxCC's answer, its result event and our log lines share it;
    // a retry sends the same id again, as it is the same piece of work.
    TrackingId: currentTrackingId() ?? newTrackingId(),
  };
  if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
  let data: string | undefined;
  if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    data = new URLSearchParams(options.form).toString();
  } else if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    data = JSON.stringify(options.json);
  }

  let response: AxiosResponse<string>;
  try {
    response = await http.request<string>({
      method: options.method,
      url: options.url,
      headers,
      data,
    });
  } catch (error) {
    const failure = networkFailure(error, options.service);
    log({
      method: options.method,
      url: options.url,
      durationMs: Math.round(performance.now() - started),
      error: failure.code,
    });
    throw failure;
  }

  const body = parseBody(response.data);
  // WxCC sends it as a header; the configuration API's errors carry it only in the body.
  const trackingId = headerValue(response.headers, 'trackingid') ?? bodyTrackingId(body);
  log({
    method: options.method,
    url: options.url,
    status: response.status,
    durationMs: Math.round(performance.now() - started),
    trackingId,
  });
  if (!options.expect.includes(response.status)) {
    throw statusFailure(response, body, options.service, trackingId);
  }
  if (body === MALFORMED) {
    throw new AppError(
      'upstream_malformed',
      msg('upstream.malformed', { service: options.service }),
      {
        trackingId,
      },
    );
  }
  return { status: response.status, body, trackingId };
}

const MALFORMED = Symbol('malformed');

function parseBody(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return MALFORMED;
  }
}

/** Only a plain id is kept: it goes into logs and the agent's error page. */
const bodyWithTrackingId = z.object({ trackingId: z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/) });

function bodyTrackingId(body: unknown): string | undefined {
  const parsed = bodyWithTrackingId.safeParse(body);
  return parsed.success ? parsed.data.trackingId : undefined;
}
