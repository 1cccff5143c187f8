// Settings: the environment parsed once by one zod schema (env-schema.ts), frozen.
import { randomBytes } from 'node:crypto';
import type { RedisAddress, SentinelAddress } from '../session-store/redis-connection';
import type { Env } from './env-readers';
import {
  configWarnings,
  crossKeyRules,
  defaultRedirectUri,
  envFields,
  type EnvFields,
  type WXCC_REGIONS,
} from './env-schema';

export { DEFAULT_SCOPES, WXCC_REGIONS } from './env-schema';
export type WxccRegion = (typeof WXCC_REGIONS)[number];

/** The session cookie's name; `__Host-` is put in front of it in production over https. */
export const SESSION_COOKIE = 'wxcc_desktop.sid';

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** `sandbox` when no WEBEX_CLIENT_ID is set: the embedded sandbox plays Webex and WxCC. */
  readonly mode: 'sandbox' | 'webex';
  readonly webex: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly redirectUri: string;
    readonly apiBase: string;
    readonly scopes: readonly string[];
  };
  readonly wxcc: { readonly region: WxccRegion; readonly apiBase: string };
  readonly session: {
    readonly secret: string;
    /** True when SESSION_SECRET was not set and a random one was made for this process. */
    readonly secretGenerated: boolean;
    readonly store: 'sqlite' | 'redis' | 'memory';
    readonly sqliteFile: string;
    readonly redisUrl?: string;
    /** The primary through Redis Sentinel (REDIS_SENTINELS), instead of REDIS_URL. */
    readonly redisSentinel?: SentinelAddress;
    /** Encrypts tokens at rest in the store; derived from SESSION_SECRET when not set. */
    readonly encryptionKey: string;
    readonly idleTimeoutMs: number;
    readonly absoluteTimeoutMs: number;
    readonly cookieName: string;
    /** `true` in production over https; otherwise Secure whenever the request came over https. */
    readonly cookieSecure: boolean | 'auto';
  };
  /** Express `trust proxy`: false, a hop count, or a list of addresses. */
  readonly trustProxy: boolean | number | string;
  readonly station: {
    readonly teamId?: string;
    readonly dialNumber?: string;
    readonly agentId?: string;
  };
  readonly httpTimeoutMs: number;
  /** Sign-in requests per client address and minute; unset: the rate limits' default. */
  readonly signInAddressLimit?: number;
  readonly logLevel: string;
  /**
   * Bearer token that GET /metrics asks for; unset, /metrics answers only outside production
   * (in production it is off: the metrics would tell anyone how the contact center is doing).
   */
  readonly metricsToken?: string;
  readonly sandbox: { readonly port: number; readonly accessTokenTtlSec?: number };
  /** Accepted, but worth a line in the log at start (startDesktop writes them). */
  readonly warnings: readonly string[];
}

/** Every problem found in the environment, reported together so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Env = process.env): Config {
  // Both schemas run whatever the other finds, so every problem is reported in one go.
  const fields = envFields.safeParse(env);
  const rules = crossKeyRules.safeParse(env);
  const problems = [...(fields.error?.issues ?? []), ...(rules.error?.issues ?? [])].map(
    (issue) => issue.message,
  );
  if (!fields.success || problems.length > 0) throw new ConfigError(problems);
  return deepFreeze({ ...buildConfig(fields.data), warnings: configWarnings(fields.data) });
}

function buildConfig(e: EnvFields): Omit<Config, 'warnings'> {
  const appEnv = e.NODE_ENV ?? 'development';
  const port = e.PORT ?? 10060;
  const host = e.HOST ?? '127.0.0.1';
  const region = e.WXCC_REGION ?? 'us1';
  const sessionSecret = e.SESSION_SECRET ?? randomBytes(32).toString('hex');
  const redirectUri = e.WEBEX_REDIRECT_URI ?? defaultRedirectUri(host, port);
  // __Host- makes the browser refuse the cookie unless it is Secure, host-only and path=/,
  // so a sibling subdomain cannot plant one; only possible when the app is reached over https.
  const https = new URL(redirectUri).protocol === 'https:';
  const hardened = appEnv === 'production' && https;
  return {
    env: appEnv,
    port,
    host,
    mode: e.WEBEX_CLIENT_ID === undefined ? 'sandbox' : 'webex',
    webex: {
      clientId: e.WEBEX_CLIENT_ID ?? 'sandbox-agent-desktop',
      clientSecret: e.WEBEX_CLIENT_SECRET ?? randomBytes(24).toString('base64url'),
      redirectUri,
      apiBase: e.WEBEX_API_BASE ?? 'https://webexapis.com/v1',
      scopes: e.OAUTH_SCOPES,
    },
    wxcc: { region, apiBase: e.WXCC_API_BASE ?? `https://api.wxcc-${region}.cisco.com` },
    session: {
      secret: sessionSecret,
      secretGenerated: e.SESSION_SECRET === undefined,
      store: e.SESSION_STORE ?? (e.REDIS_URL || e.REDIS_SENTINELS ? 'redis' : 'sqlite'),
      sqliteFile: e.SESSION_DB_FILE ?? 'data/sessions.db',
      redisUrl: e.REDIS_URL,
      redisSentinel:
        e.REDIS_SENTINELS === undefined
          ? undefined
          : {
              sentinels: e.REDIS_SENTINELS,
              masterName: e.REDIS_SENTINEL_MASTER ?? 'mymaster',
              sentinelPassword: e.REDIS_SENTINEL_PASSWORD,
              username: e.REDIS_USERNAME,
              password: e.REDIS_PASSWORD,
            },
      encryptionKey: e.SESSION_ENCRYPTION_KEY ?? sessionSecret,
      idleTimeoutMs: (e.SESSION_IDLE_TIMEOUT_MIN ?? 60) * 60_000,
      absoluteTimeoutMs: (e.SESSION_ABSOLUTE_TIMEOUT_MIN ?? 12 * 60) * 60_000,
      cookieName: hardened ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE,
      cookieSecure: hardened ? true : 'auto',
    },
    trustProxy: e.TRUST_PROXY,
    station: {
      teamId: e.WXCC_TEAM_ID,
      dialNumber: e.WXCC_DIAL_NUMBER,
      agentId: e.WXCC_AGENT_ID,
    },
    httpTimeoutMs: e.HTTP_TIMEOUT_MS ?? 10000,
    signInAddressLimit: e.SIGNIN_LIMIT_PER_ADDRESS,
    logLevel: e.LOG_LEVEL ?? 'info',
    metricsToken: e.METRICS_TOKEN,
    sandbox: {
      port: e.SANDBOX_PORT ?? (port === 0 ? 0 : port + 1),
      accessTokenTtlSec: e.SANDBOX_ACCESS_TOKEN_TTL_SEC,
    },
  };
}

/** Where the shared Redis is (a URL or the sentinels), or undefined when there is none. */
export function redisAddress(config: Config): RedisAddress | undefined {
  const { redisUrl, redisSentinel } = config.session;
  if (redisSentinel) return { sentinel: redisSentinel };
  return redisUrl === undefined ? undefined : { url: redisUrl };
}

/** The same configuration with a session secret kept between restarts (development only). */
export function withSessionSecret(config: Config, secret: string): Config {
  const derivedKey = config.session.encryptionKey === config.session.secret;
  return deepFreeze({
    ...config,
    session: {
      ...config.session,
      secret,
      secretGenerated: false,
      encryptionKey: derivedKey ? secret : config.session.encryptionKey,
    },
  });
}

/** The same configuration with Webex and WxCC replaced by the embedded sandbox's addresses. */
export function pointAtSandbox(
  config: Config,
  sandbox: { webexApiBase: string; wxccApiBase: string },
): Config {
  return deepFreeze({
    ...config,
    webex: { ...config.webex, apiBase: sandbox.webexApiBase },
    wxcc: { ...config.wxcc, apiBase: sandbox.wxccApiBase },
  });
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === 'object') deepFreeze(inner as object);
  }
  return Object.freeze(value);
}
