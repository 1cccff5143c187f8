// The one error type of the app: a code for programs, a status for HTTP, a message for people.
import type { Message } from './i18n/message';
import { inEnglish } from './i18n/translate';

export type ErrorCode =
  | 'not_connected' // no tokens in the session: the agent must connect first
  | 'reconnect_required' // the refresh token is dead: back to Connect
  | 'oauth_state_mismatch'
  | 'oauth_denied'
  | 'oauth_failed'
  | 'bad_input'
  | 'not_found'
  | 'csrf'
  | 'rate_limited'
  | 'upstream_unauthorized'
  | 'upstream_forbidden'
  | 'upstream_rejected'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'upstream_unreachable'
  | 'upstream_malformed'
  | 'station_failed'
  | 'session_unavailable'
  | 'internal';

export interface AppErrorOptions {
  /** HTTP status the app answers with, when an error reaches a response directly. */
  status?: number;
  /** WxCC or Webex tracking id, shown to the agent so support can find the call. */
  trackingId?: string;
  /** The form field the message belongs to, so a page can show it next to that field. */
  field?: string;
  /** Seconds the client should wait (429). */
  retryAfterSec?: number;
  cause?: unknown;
}

const DEFAULT_STATUS: Record<ErrorCode, number> = {
  not_connected: 401,
  reconnect_required: 401,
  oauth_state_mismatch: 400,
  oauth_denied: 403,
  oauth_failed: 502,
  bad_input: 400,
  not_found: 404,
  csrf: 403,
  rate_limited: 429,
  upstream_unauthorized: 502,
  upstream_forbidden: 502,
  upstream_rejected: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  upstream_unreachable: 502,
  upstream_malformed: 502,
  station_failed: 409,
  session_unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  readonly trackingId?: string;
  readonly field?: string;
  readonly retryAfterSec?: number;
  /** The same words in English: for logs, JSON answers and the people who run the desktop. */
  readonly userMessage: string;

  constructor(
    readonly code: ErrorCode,
    /**
     * Written for the agent: a catalog sentence, said in the language of the page that shows it
     * (plain words, no stack, no token). Only a Message: any error may reach a page, so there is
     * no plain-text message an agent could read in English (test/unit/app-error-messages.test.ts
     * also refuses a string literal here). What the tenant or WxCC wrote (a team's name, a reason
     * code) goes in the Message's values; what is only for logs goes in `cause`.
     */
    readonly said: Message,
    options: AppErrorOptions = {},
  ) {
    const english = inEnglish(said);
    super(english, { cause: options.cause });
    this.userMessage = english;
    this.name = 'AppError';
    this.status = options.status ?? DEFAULT_STATUS[code];
    this.trackingId = options.trackingId;
    this.field = options.field;
    this.retryAfterSec = options.retryAfterSec;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
