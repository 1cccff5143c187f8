// The app's structured logger: JSON lines in production, with credentials redacted on the way out.
import { createRequire } from 'node:module';
import { pino } from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import {
  ErrorCode,
  serializeConfig,
  serializeError,
  serializeRequest,
  serializeResponse,
} from './log-serializers';
import { redactText } from './redact-text';
import { currentTrackingId } from './tracking-context';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  level?: string;
  /** Where lines go; stdout when absent. Tests pass a stream to read them back. */
  destination?: NodeJS.WritableStream;
  /** Human-readable lines for development (needs the dev dependency pino-pretty). */
  pretty?: boolean;
  /** The file descriptor written when no destination is given: stdout. */
  fd?: number;
}

/** Lines are written in batches of this many bytes, or at least this often. */
const BATCH_BYTES = 4096;
const BATCH_MAX_DELAY_MS = 1000;

export const CENSOR = '[redacted]';

/** `"level":"info"` rather than pino's number, in every logger's lines alike. */
const LEVEL_AS_LABEL: LoggerOptions['formatters'] = { level: (label) => ({ level: label }) };

// Keys that hold a credential wherever they appear (top level and two levels down).
const SECRET_KEYS = [
  'access_token',
  'refresh_token',
  'id_token',
  'accessToken',
  'refreshToken',
  'idToken',
  'code',
  'client_secret',
  'clientSecret',
  'code_verifier',
  'codeVerifier',
  'password',
  'token',
  'authorization',
  'Authorization',
  'cookie',
  'set-cookie',
];

export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((key) => {
    const step = /^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `["${key}"]`;
    return [step.startsWith('.') ? key : step, `*${step}`, `*.*${step}`];
  }),
  // Named explicitly too, so the intent reads here rather than only through the wildcards.
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.Authorization',
  'config.headers.Authorization',
  '*.config.headers.Authorization',
  '*.config.headers.authorization',
  // Node's ClientRequest keeps the raw request head, Authorization line included.
  '_header',
  '*._header',
  '*.*._header',
  // axios keeps request and response bodies here: token requests and token responses.
  'config.data',
  '*.config.data',
  'response.data',
  '*.response.data',
];

function censor(value: unknown): unknown {
  // An Error's own code (ECONNREFUSED, upstream_timeout) is marked by the error serializer and is
  // too useful to hide; any other `code` may be an OAuth authorization code.
  return value instanceof ErrorCode ? value : CENSOR;
}

export function createLogger(opts: CreateLoggerOptions = {}): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor },
    serializers: {
      err: serializeError,
      error: serializeError,
      req: serializeRequest,
      res: serializeResponse,
      config: serializeConfig,
      response: serializeResponse,
    },
    formatters: LEVEL_AS_LABEL,
    // Every line logged during a request, or in the job it set off, names its tracking id.
    mixin: trackingMixin,
    hooks: {
      logMethod(args, method) {
        method.apply(this, maskMessage(args) as Parameters<typeof method>);
      },
    },
  };
  if (opts.pretty) return pino(options, prettyStream(opts.destination ?? process.stdout));
  if (opts.destination) return pino(options, opts.destination);
  // stdout, written asynchronously and in batches: a synchronous write per request line cost about
  // a tenth of a page view's time, and a write per line a twentieth. A quiet minute still shows
  // its lines within a second. pino flushes what is buffered when the process exits (even on a
  // crash); a graceful shutdown calls flushLogs() first.
  const destination = pino.destination({ dest: opts.fd ?? 1, sync: false, minLength: BATCH_BYTES });
  flushEvery(destination, BATCH_MAX_DELAY_MS);
  return pino(options, destination);
}

/**
 * Flushes `destination` every `ms`, one flush at a time. Each flush with a callback adds a 'drain'
 * and an 'error' listener that go only when the stream drains; under sustained load it never does,
 * and a flush a second piled them up without end (the soak's MaxListenersExceededWarning). With a
 * callback, a destination already closed at shutdown reports instead of throwing.
 */
export function flushEvery(
  destination: { flush(cb: (err?: Error | null) => void): void },
  ms: number,
): NodeJS.Timeout {
  let pending = false;
  const timer = setInterval(() => {
    if (pending) return;
    pending = true;
    destination.flush(() => {
      pending = false;
    });
  }, ms);
  return timer.unref();
}

/**
 * The logger for the one line per request: the same destination, level and format as `logger`,
 * without the redaction paths and the message mask. That line is built by the request logger from
 * fields it makes itself (method, path without its query, status, duration, ids), none of which
 * holds a credential, and running both on every request cost about a twentieth of a page view.
 */
export function accessLogger(logger: Logger): Logger {
  const stream = (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
  return pino({ level: logger.level, formatters: LEVEL_AS_LABEL }, stream);
}

/** A fresh object each time: pino merges the line's own fields into it. */
function trackingMixin(): Record<string, string> {
  const trackingId = currentTrackingId();
  return trackingId === undefined ? {} : { trackingId };
}

/** Resolves once every line logged so far has been handed to the operating system. */
export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

/** Messages are free text: a token pasted into one is masked like any other. */
function maskMessage(args: unknown[]): unknown[] {
  const masked = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
  const [first] = masked;
  // With no message of its own, pino takes the error's message, which the err serializer never sees.
  if (masked.length === 1 && typeof first === 'object' && first !== null) {
    const err = first instanceof Error ? first : (first as { err?: unknown }).err;
    if (err instanceof Error) masked.push(redactText(err.message));
  }
  return masked;
}

function prettyStream(destination: NodeJS.WritableStream): DestinationStream {
  // Loaded only when asked for: production installs leave dev dependencies out.
  const require = createRequire(import.meta.url);
  let build: (options: Record<string, unknown>) => DestinationStream;
  try {
    build = require('pino-pretty') as typeof build;
  } catch {
    throw new Error('Pretty logs need the dev dependency pino-pretty: install it or unset pretty');
  }
  return build({ destination, translateTime: 'SYS:HH:MM:ss.l', sync: true });
}
