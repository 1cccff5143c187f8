// One HTTP round trip to Webex or WxCC, with a hard timeout and every failure turned into an AppError.
import { randomUUID } from 'node:crypto';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { AppError } from '../errors';

export interface HttpCallOptions {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  /** Human name of the service, used in messages: "Webex" or "Webex Contact Center". */
  service: string;
  bearer?: string;
  json?: unknown;
  form?: Record<string, string>;
  /** Statuses that count as success (others become AppErrors). */
  expect: readonly number[];
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

export function createHttp(timeoutMs: number): AxiosInstance {
  return axios.create({
    timeout: timeoutMs,
    maxRedirects: 0,
    // Parse JSON ourselves so a malformed body is an error we can name, not a silent string.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });
}

export async function httpCall(
  http: AxiosInstance,
  options: HttpCallOptions,
  log: UpstreamLog,
): Promise<HttpResult> {
  const started = performance.now();
  const headers: Record<string, string> = {
    Accept: 'application/json',
    TrackingId: `agentdesktop_${randomUUID()}`,
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
      // The socket timeout of axios does not bound a slow trickle; this bounds the whole call.
      signal: AbortSignal.timeout((http.defaults.timeout ?? 10000) + 250),
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

  const trackingId = headerValue(response.headers, 'trackingid') ?? undefined;
  log({
    method: options.method,
    url: options.url,
    status: response.status,
    durationMs: Math.round(performance.now() - started),
    trackingId,
  });
  const body = parseBody(response.data);
  if (!options.expect.includes(response.status)) {
    throw statusFailure(response, body, options.service, trackingId);
  }
  if (body === MALFORMED) {
    throw new AppError(
      'upstream_malformed',
      `${options.service} sent an answer the desktop could not read. Please try again.`,
      { trackingId },
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

function headerValue(headers: AxiosResponse['headers'], name: string): string | undefined {
  const value: unknown = headers[name];
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
}

function networkFailure(error: unknown, service: string): AppError {
  const code = axios.isAxiosError(error) ? error.code : undefined;
  const timedOut =
    code === 'ECONNABORTED' ||
    code === 'ETIMEDOUT' ||
    code === 'ERR_CANCELED' ||
    (error instanceof Error && error.name === 'TimeoutError');
  if (timedOut) {
    return new AppError(
      'upstream_timeout',
      `${service} did not answer in time. Please try again.`,
      {
        cause: error,
      },
    );
  }
  return new AppError(
    'upstream_unreachable',
    `The desktop could not reach ${service}. Check the network and try again.`,
    { cause: error },
  );
}

function statusFailure(
  response: AxiosResponse<string>,
  body: unknown,
  service: string,
  trackingId: string | undefined,
): AppError {
  const status = response.status;
  const detail = describeErrorBody(body);
  const options = { trackingId, cause: detail };
  if (status === 401) {
    return new AppError('upstream_unauthorized', `${service} did not accept the sign-in.`, options);
  }
  if (status === 403) {
    return new AppError(
      'upstream_forbidden',
      `${service} refused: this Webex account is not allowed to do that.`,
      options,
    );
  }
  if (status === 429) {
    const retryAfterSec = Math.min(Number(headerValue(response.headers, 'retry-after')) || 5, 3600);
    return new AppError(
      'upstream_unavailable',
      `${service} is busy. Please try again in ${retryAfterSec} seconds.`,
      { ...options, retryAfterSec },
    );
  }
  if (status >= 500) {
    return new AppError(
      'upstream_unavailable',
      `${service} is having trouble right now. Please try again in a moment.`,
      options,
    );
  }
  return new AppError(
    'upstream_rejected',
    detail ? `${service} refused the request: ${detail}` : `${service} refused the request.`,
    options,
  );
}

/**
 * Error bodies are undocumented and vary: WxCC's `{errorType, errorMessage}`, Webex's
 * `{message, errors:[{description}]}`, OAuth's `{error, error_description}`, the config API's
 * `{error:{message:[{description}]}}`. Pull one short human sentence out of whichever it is.
 */
export function describeErrorBody(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const candidates: unknown[] = [
    record.error_description,
    record.errorMessage,
    record.message,
    firstDescription(record.errors),
    typeof record.error === 'object' && record.error !== null
      ? firstDescription((record.error as Record<string, unknown>).message)
      : record.error,
    record.errorType,
  ];
  const text = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
  return text?.slice(0, 300);
}

function firstDescription(list: unknown): unknown {
  if (!Array.isArray(list)) return undefined;
  const first: unknown = list[0];
  return typeof first === 'object' && first !== null
    ? (first as Record<string, unknown>).description
    : undefined;
}
