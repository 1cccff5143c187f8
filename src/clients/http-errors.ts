// Turning failed upstream calls into AppErrors with messages an agent understands.
import * as z from 'zod';
import axios, { type AxiosResponse } from 'axios';
import { AppError } from '../errors';
import { msg } from '../i18n/message';

export function headerValue(headers: AxiosResponse['headers'], name: string): string | undefined {
  const value: unknown = headers[name];
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
}

export function networkFailure(error: unknown, service: string): AppError {
  const code = axios.isAxiosError(error) ? error.code : undefined;
  const timedOut =
    code === 'ECONNABORTED' ||
    code === 'ETIMEDOUT' ||
    code === 'ERR_CANCELED' ||
    (error instanceof Error && error.name === 'TimeoutError');
  if (timedOut) {
    return new AppError('upstream_timeout', msg('upstream.timeout', { service }), {
      cause: error,
    });
  }
  return new AppError('upstream_unreachable', msg('upstream.unreachable', { service }), {
    cause: error,
  });
}

export function statusFailure(
  response: AxiosResponse<string>,
  body: unknown,
  service: string,
  trackingId: string | undefined,
): AppError {
  const status = response.status;
  const detail = describeErrorBody(body);
  const options = { trackingId, cause: detail };
  if (status === 401) {
    return new AppError(
      'upstream_unauthorized',
      msg('upstream.unauthorized', { service }),
      options,
    );
  }
  if (status === 403) {
    return new AppError('upstream_forbidden', msg('upstream.forbidden', { service }), options);
  }
  if (status === 429) {
    const retryAfterSec = Math.min(Number(headerValue(response.headers, 'retry-after')) || 5, 3600);
    return new AppError(
      'upstream_unavailable',
      msg('upstream.busy', { service, count: retryAfterSec }),
      { ...options, retryAfterSec },
    );
  }
  if (status >= 500) {
    return new AppError('upstream_unavailable', msg('upstream.trouble', { service }), options);
  }
  // The detail is WxCC's or Webex's own sentence, quoted as sent (they answer in English).
  return new AppError(
    'upstream_rejected',
    detail
      ? msg('upstream.refusedSaying', { service, detail })
      : msg('upstream.refused', { service }),
    options,
  );
}

/**
 * Error bodies are undocumented and vary: WxCC's `{errorType, errorMessage}`, Webex's
 * `{message, errors:[{description}]}`, OAuth's `{error, error_description}`, the config API's
 * `{error:{message:[{description}]}}`. Pull one short human sentence out of whichever it is.
 */
export function describeErrorBody(body: unknown): string | undefined {
  const parsed = errorBody.safeParse(body);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  const text = [
    e.error_description,
    e.errorMessage,
    e.message,
    e.errors?.[0]?.description,
    e.error,
    e.errorType,
  ].find((c) => c !== undefined);
  return text?.slice(0, 300);
}

/** A sentence, or absent when missing, blank or not text. */
const sentence = z
  .string()
  .refine((v) => v.trim() !== '')
  .optional()
  .catch(undefined);
const descriptions = z
  .array(z.object({ description: sentence }).optional().catch(undefined))
  .optional()
  .catch(undefined);

const errorBody = z.object({
  error_description: sentence,
  errorMessage: sentence,
  message: sentence,
  errors: descriptions,
  error: z
    .union([
      z.object({ message: descriptions }).transform((o) => o.message?.[0]?.description),
      sentence,
    ])
    .optional()
    .catch(undefined),
  errorType: sentence,
});
