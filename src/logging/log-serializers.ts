// pino serializers that keep what helps debugging and drop what carries credentials.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { redactText } from './redact-text';

const MAX_CAUSE_DEPTH = 5;
// Objects hanging off errors (axios's config, request, response) hold headers and bodies.
const DROPPED_ERROR_KEYS = new Set(['config', 'request', 'response', 'headers', 'data', 'toJSON']);

type Serialized = Record<string, unknown>;

/** An error's machine code, marked so the `code` redaction lets it through; logs as the bare value. */
export class ErrorCode {
  constructor(readonly value: string | number) {}
  toJSON(): string | number {
    return this.value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Path without the query string, which is where OAuth codes and tokens travel. */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

type ErrorLike = Record<string, unknown> & { message: string };

// Plain objects count too: axios's toJSON() output carries the same config and headers.
function isErrorLike(value: unknown): value is ErrorLike {
  return value instanceof Error || (isRecord(value) && typeof value.message === 'string');
}

export function serializeError(err: unknown, depth = 0): unknown {
  if (typeof err === 'string') return redactText(err);
  if (!isErrorLike(err)) return err;
  const props: Record<string, unknown> = err;
  const out: Serialized = {
    type: err instanceof Error ? err.constructor.name : (props.name ?? 'Error'),
    message: redactText(err.message),
    stack: typeof props.stack === 'string' ? redactText(props.stack) : undefined,
  };
  for (const key of Object.keys(props)) {
    const value = props[key];
    if (DROPPED_ERROR_KEYS.has(key) || key === 'cause' || key === 'errors') continue;
    if (key === 'code' && (typeof value === 'string' || typeof value === 'number')) {
      out.code = new ErrorCode(typeof value === 'string' ? redactText(value) : value);
    } else if (typeof value === 'string') out[key] = redactText(value);
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  // What an upstream failure needs for a support ticket: the call and the tracking id, no payloads.
  const call = summarizeUpstreamConfig(props.config);
  const answer = summarizeUpstreamResponse(props.response);
  if (call !== undefined) Object.assign(out, call);
  if (answer !== undefined) {
    out.status ??= answer.status;
    if (answer.trackingId !== undefined) out.trackingId ??= answer.trackingId;
  }
  if (depth < MAX_CAUSE_DEPTH) {
    if (props.cause !== undefined) out.cause = serializeError(props.cause, depth + 1);
    if (Array.isArray(props.errors)) {
      out.errors = props.errors.map((e: unknown) => serializeError(e, depth + 1));
    }
  }
  return out;
}

/** An axios request config as method and URL path: its headers and body carry the credentials. */
function summarizeUpstreamConfig(config: unknown): { method?: string; url?: string } | undefined {
  if (!isRecord(config) || !isRecord(config.headers) || typeof config.url !== 'string') return;
  const method = typeof config.method === 'string' ? config.method.toUpperCase() : undefined;
  return { method, url: redactText(pathOf(config.url)) };
}

/** An axios response as status and tracking id: its body may be a token response. */
function summarizeUpstreamResponse(
  response: unknown,
): { status: number; trackingId?: string } | undefined {
  if (!isRecord(response) || typeof response.status !== 'number') return;
  if (!isRecord(response.headers) || !isRecord(response.config)) return;
  const trackingId = response.headers.trackingid;
  return {
    status: response.status,
    trackingId: typeof trackingId === 'string' ? trackingId : undefined,
  };
}

/** For a logged `{ config }`: axios configs are summarized, anything else is left to `redact`. */
export function serializeConfig(config: unknown): unknown {
  return summarizeUpstreamConfig(config) ?? config;
}

function isIncomingMessage(value: unknown): value is IncomingMessage & { originalUrl?: string } {
  return isRecord(value) && typeof value.method === 'string' && isRecord(value.headers);
}

/** A request as method, path and headers; the headers' credentials are left to `redact`. */
export function serializeRequest(req: unknown): unknown {
  if (!isIncomingMessage(req)) return req;
  return {
    method: req.method,
    path: pathOf(req.originalUrl ?? req.url ?? ''),
    headers: { ...req.headers },
  };
}

/** An axios response is summarized; an HTTP server response shows status and headers. */
export function serializeResponse(res: unknown): unknown {
  const upstream = summarizeUpstreamResponse(res);
  if (upstream !== undefined) return upstream;
  if (!isRecord(res) || typeof res.getHeaders !== 'function') return res;
  const response = res as unknown as ServerResponse;
  return { statusCode: response.statusCode, headers: { ...response.getHeaders() } };
}
