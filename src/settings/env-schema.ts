// The environment as one zod schema: each key's own checks, then the rules between keys.
import * as z from 'zod';
import {
  oneOf,
  optionalId,
  optionalText,
  rawValue,
  secret,
  urlOf,
  wholeNumber,
} from './env-readers';
import { dependence, weakness } from './secret-strength';

export const WXCC_REGIONS = ['us1', 'eu1', 'eu2', 'anz1', 'ca1', 'jp1', 'sg1', 'in1'] as const;
export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const DEFAULT_SCOPES = ['cjp:user', 'cjp:config_read', 'spark:people_read'];

const scopes = rawValue.transform((raw, ctx) => {
  const list = raw === undefined ? DEFAULT_SCOPES : raw.split(/[\s,]+/);
  if (!list.includes('cjp:user')) {
    ctx.addIssue({
      code: 'custom',
      message: 'OAUTH_SCOPES must include cjp:user: the agent APIs need it',
    });
  }
  return list;
});

const trustProxy = rawValue.transform((raw): boolean | number | string => {
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
});

/** host:port, comma-separated; the sentinels tell the client which Redis is the primary. */
const sentinelList = rawValue.transform((raw, ctx) => {
  if (raw === undefined) return undefined;
  const nodes: { host: string; port: number }[] = [];
  for (const item of raw.split(',').map((s) => s.trim())) {
    const match = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(item);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) {
      ctx.addIssue({
        code: 'custom',
        message: `REDIS_SENTINELS must be host:port pairs separated by commas (got "${item.slice(0, 40)}")`,
      });
      continue;
    }
    nodes.push({ host: (match[1] ?? '').replace(/^\[|\]$/g, ''), port });
  }
  return nodes;
});

/** Each key on its own: type, range, format. */
export const envFields = z.object({
  // Anything else ("Production", "prod") would silently run without the production guards.
  NODE_ENV: oneOf('NODE_ENV', NODE_ENVS, 'development, production or test, exactly'),
  PORT: wholeNumber('PORT', 0, 65535),
  HOST: optionalText(),
  WEBEX_CLIENT_ID: optionalText(),
  WEBEX_CLIENT_SECRET: optionalText(),
  WEBEX_REDIRECT_URI: urlOf('WEBEX_REDIRECT_URI', ['http:', 'https:']),
  WEBEX_API_BASE: urlOf('WEBEX_API_BASE', ['https:', 'http:']),
  WXCC_REGION: oneOf('WXCC_REGION', WXCC_REGIONS, `one of ${WXCC_REGIONS.join(', ')}`),
  WXCC_API_BASE: urlOf('WXCC_API_BASE', ['https:', 'http:']),
  OAUTH_SCOPES: scopes,
  SESSION_SECRET: secret('SESSION_SECRET', 32),
  REDIS_URL: rawValue.refine((raw) => raw === undefined || /^rediss?:\/\//.test(raw), {
    error: (issue) =>
      `REDIS_URL must start with redis:// or rediss:// (got "${String(issue.input).slice(0, 40)}")`,
  }),
  REDIS_SENTINELS: sentinelList,
  REDIS_SENTINEL_MASTER: rawValue.refine((raw) => raw === undefined || /^[\w.-]+$/.test(raw), {
    error:
      'REDIS_SENTINEL_MASTER must be the master name of the sentinels (letters, digits, . _ -)',
  }),
  REDIS_SENTINEL_PASSWORD: optionalText(),
  REDIS_USERNAME: optionalText(),
  REDIS_PASSWORD: optionalText(),
  SESSION_STORE: oneOf('SESSION_STORE', ['sqlite', 'redis', 'memory'], 'sqlite, redis or memory'),
  SESSION_DB_FILE: optionalText(),
  SESSION_ENCRYPTION_KEY: secret('SESSION_ENCRYPTION_KEY', 32, ' (64 hex digits is best)'),
  SESSION_IDLE_TIMEOUT_MIN: wholeNumber('SESSION_IDLE_TIMEOUT_MIN', 1, 7 * 24 * 60),
  SESSION_ABSOLUTE_TIMEOUT_MIN: wholeNumber('SESSION_ABSOLUTE_TIMEOUT_MIN', 5, 30 * 24 * 60),
  TRUST_PROXY: trustProxy,
  WXCC_TEAM_ID: optionalId('WXCC_TEAM_ID', 36),
  WXCC_DIAL_NUMBER: optionalId('WXCC_DIAL_NUMBER', 43),
  WXCC_AGENT_ID: optionalId('WXCC_AGENT_ID', 36),
  HTTP_TIMEOUT_MS: wholeNumber('HTTP_TIMEOUT_MS', 100, 120000),
  SIGNIN_LIMIT_PER_ADDRESS: wholeNumber('SIGNIN_LIMIT_PER_ADDRESS', 1, 1_000_000),
  LOG_LEVEL: optionalText(),
  METRICS_TOKEN: secret('METRICS_TOKEN', 16),
  SANDBOX_PORT: wholeNumber('SANDBOX_PORT', 0, 65535),
  SANDBOX_ACCESS_TOKEN_TTL_SEC: wholeNumber('SANDBOX_ACCESS_TOKEN_TTL_SEC', 5, 86400),
});

export type EnvFields = z.output<typeof envFields>;

const RULE_KEYS = [
  'NODE_ENV',
  'HOST',
  'WEBEX_CLIENT_ID',
  'WEBEX_CLIENT_SECRET',
  'WEBEX_REDIRECT_URI',
  'SESSION_SECRET',
  'SESSION_STORE',
  'REDIS_URL',
  'REDIS_SENTINELS',
  'REDIS_SENTINEL_MASTER',
  'REDIS_SENTINEL_PASSWORD',
  'REDIS_USERNAME',
  'REDIS_PASSWORD',
  'SESSION_ENCRYPTION_KEY',
  'TRUST_PROXY',
  'WEBEX_API_BASE',
  'WXCC_API_BASE',
] as const;

/**
 * Rules between keys, on the raw strings: they run even when a key failed its own check, so a
 * bad PORT and a missing client secret are reported together.
 */
export const crossKeyRules = z
  .object(
    Object.fromEntries(RULE_KEYS.map((k) => [k, rawValue])) as Record<
      (typeof RULE_KEYS)[number],
      typeof rawValue
    >,
  )
  .superRefine((e, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (e.WEBEX_CLIENT_ID !== undefined && e.WEBEX_CLIENT_SECRET === undefined) {
      problem('WEBEX_CLIENT_SECRET is required when WEBEX_CLIENT_ID is set');
    }
    if (e.WEBEX_CLIENT_ID === undefined && e.WEBEX_CLIENT_SECRET !== undefined) {
      problem('WEBEX_CLIENT_SECRET is set but WEBEX_CLIENT_ID is not: set both, or neither');
    }
    const shared = e.REDIS_URL !== undefined || e.REDIS_SENTINELS !== undefined;
    const store = e.SESSION_STORE ?? (shared ? 'redis' : 'sqlite');
    if (store === 'redis' && !shared)
      problem('SESSION_STORE=redis needs REDIS_URL or REDIS_SENTINELS');
    if (e.REDIS_URL !== undefined && e.REDIS_SENTINELS !== undefined) {
      // Two addresses of the primary would disagree after the first fail-over.
      problem(
        'Set REDIS_URL or REDIS_SENTINELS, not both (with sentinels, the data password is REDIS_PASSWORD)',
      );
    }
    if (e.REDIS_SENTINELS === undefined) {
      for (const key of [
        'REDIS_SENTINEL_MASTER',
        'REDIS_SENTINEL_PASSWORD',
        'REDIS_USERNAME',
        'REDIS_PASSWORD',
      ] as const) {
        if (e[key] !== undefined) {
          problem(
            `${key} is only read with REDIS_SENTINELS (with REDIS_URL, put credentials in the URL)`,
          );
        }
      }
    }
    if (e.NODE_ENV !== 'production') return;

    if (e.SESSION_SECRET === undefined) {
      problem('SESSION_SECRET is required in production (32 characters or more)');
    } else if (e.SESSION_SECRET.length >= 32) {
      const why = weakness(e.SESSION_SECRET);
      if (why) problem(`SESSION_SECRET is too predictable (${why}): ${MAKE_ONE}`);
    }
    if (e.WEBEX_CLIENT_ID === undefined) {
      problem('WEBEX_CLIENT_ID is required in production: the embedded sandbox is for development');
    }
    if (store === 'memory') {
      problem('SESSION_STORE=memory loses every session on restart and is refused in production');
    }
    const key = e.SESSION_ENCRYPTION_KEY;
    if (key === undefined) {
      problem('SESSION_ENCRYPTION_KEY is required in production: tokens at rest must be encrypted');
    } else {
      const tied = e.SESSION_SECRET === undefined ? undefined : dependence(key, e.SESSION_SECRET);
      const why = key.length >= 32 ? weakness(key) : undefined;
      if (tied) {
        problem(
          `SESSION_ENCRYPTION_KEY must differ from SESSION_SECRET (${tied}): one leak must not give both; make each on its own`,
        );
      } else if (why) {
        problem(`SESSION_ENCRYPTION_KEY is too predictable (${why}): ${MAKE_ONE}`);
      }
    }
    // Tokens go to these addresses: in the clear only to this machine (a local sandbox or proxy).
    for (const name of ['WEBEX_API_BASE', 'WXCC_API_BASE'] as const) {
      const base = e[name];
      if (base !== undefined && isPlainHttpElsewhere(base)) {
        problem(`${name} must use https in production (http only for 127.0.0.1, localhost or ::1)`);
      }
    }
    if (e.WEBEX_REDIRECT_URI !== undefined && !isSafeRedirect(e.WEBEX_REDIRECT_URI)) {
      problem('WEBEX_REDIRECT_URI must use https in production (http only for localhost)');
    }
    // The app speaks plain http: https means a TLS proxy in front, and without trusting it the
    // always-Secure cookie would never be set, so nobody could sign in.
    if (
      e.WEBEX_REDIRECT_URI?.startsWith('https:') &&
      [undefined, 'false', '0'].includes(e.TRUST_PROXY)
    ) {
      problem('TRUST_PROXY is required in production behind https (e.g. 1, the number of proxies)');
    }
  });

const MAKE_ONE = 'use 32 or more random characters (e.g. openssl rand -hex 32)';

/**
 * What production accepts but an operator should know about, logged at start. `TRUST_PROXY=true`
 * believes X-Forwarded-For from anyone: a client can name any address, and the per-address
 * sign-in limit is then per whatever it claims.
 */
export function configWarnings(e: EnvFields): string[] {
  const warnings: string[] = [];
  if (e.NODE_ENV === 'production' && e.TRUST_PROXY === true) {
    warnings.push(
      'TRUST_PROXY=true trusts X-Forwarded-For from every client, so clients choose the address rate limits count: set the number of proxies in front (e.g. 1) or their addresses',
    );
  }
  return warnings;
}

export function defaultRedirectUri(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${h}:${port}/oauth`;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

function isSafeRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || LOOPBACK.includes(url.hostname);
  } catch {
    return true; // not a URL at all: its own check reports it
  }
}

function isPlainHttpElsewhere(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && !LOOPBACK.includes(url.hostname);
  } catch {
    return false; // not a URL at all: its own check reports it
  }
}
