// Configuration: parsed from the environment once, validated as a whole, frozen.
import { randomBytes } from 'node:crypto';
import { envReaders, type Env } from './config-readers';

export const WXCC_REGIONS = ['us1', 'eu1', 'eu2', 'anz1', 'ca1', 'jp1', 'sg1', 'in1'] as const;
export type WxccRegion = (typeof WXCC_REGIONS)[number];

export const DEFAULT_SCOPES = ['cjp:user', 'cjp:config_read', 'spark:people_read'];

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
    /** Encrypts tokens at rest in the store; derived from SESSION_SECRET when not set. */
    readonly encryptionKey: string;
    readonly idleTimeoutMs: number;
    readonly absoluteTimeoutMs: number;
  };
  /** Express `trust proxy`: false, a hop count, or a list of addresses. */
  readonly trustProxy: boolean | number | string;
  readonly station: {
    readonly teamId?: string;
    readonly dialNumber?: string;
    readonly agentId?: string;
  };
  readonly httpTimeoutMs: number;
  readonly logLevel: string;
  readonly sandbox: { readonly port: number; readonly accessTokenTtlSec?: number };
}

/** Every problem found in the environment, reported together so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const { read, int, url, optionalId } = envReaders(env, problems);

  const nodeEnv = read('NODE_ENV') ?? 'development';
  const appEnv = nodeEnv === 'production' || nodeEnv === 'test' ? nodeEnv : 'development';
  const port = int('PORT', 10060, 0, 65535);
  const host = read('HOST') ?? '127.0.0.1';

  const clientId = read('WEBEX_CLIENT_ID');
  const clientSecret = read('WEBEX_CLIENT_SECRET');
  const mode = clientId === undefined ? 'sandbox' : 'webex';
  if (mode === 'webex' && clientSecret === undefined) {
    problems.push('WEBEX_CLIENT_SECRET is required when WEBEX_CLIENT_ID is set');
  }
  if (mode === 'sandbox' && clientSecret !== undefined) {
    problems.push('WEBEX_CLIENT_SECRET is set but WEBEX_CLIENT_ID is not: set both, or neither');
  }

  const regionRaw = read('WXCC_REGION') ?? 'us1';
  const region = WXCC_REGIONS.find((r) => r === regionRaw);
  if (region === undefined) {
    problems.push(`WXCC_REGION must be one of ${WXCC_REGIONS.join(', ')} (got "${regionRaw}")`);
  }

  const scopesRaw = read('OAUTH_SCOPES');
  const scopes = scopesRaw === undefined ? DEFAULT_SCOPES : scopesRaw.split(/[\s,]+/);
  if (!scopes.includes('cjp:user')) {
    problems.push('OAUTH_SCOPES must include cjp:user: the agent APIs need it');
  }

  const secret = read('SESSION_SECRET');
  if (secret !== undefined && secret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters');
  }
  if (secret === undefined && appEnv === 'production') {
    problems.push('SESSION_SECRET is required in production (32 characters or more)');
  }

  const redisUrl = read('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push(
      `REDIS_URL must start with redis:// or rediss:// (got "${redisUrl.slice(0, 40)}")`,
    );
  }
  const storeRaw = read('SESSION_STORE') ?? (redisUrl ? 'redis' : 'sqlite');
  const store = (['sqlite', 'redis', 'memory'] as const).find((k) => k === storeRaw);
  if (store === undefined)
    problems.push(`SESSION_STORE must be sqlite, redis or memory (got "${storeRaw}")`);
  if (store === 'redis' && redisUrl === undefined)
    problems.push('SESSION_STORE=redis needs REDIS_URL');
  const encryptionKey = read('SESSION_ENCRYPTION_KEY');
  if (encryptionKey !== undefined && encryptionKey.length < 32) {
    problems.push('SESSION_ENCRYPTION_KEY must be at least 32 characters (64 hex digits is best)');
  }

  if (appEnv === 'production') {
    if (clientId === undefined) {
      problems.push(
        'WEBEX_CLIENT_ID is required in production: the embedded sandbox is for development',
      );
    }
    if (store === 'memory') {
      problems.push(
        'SESSION_STORE=memory loses every session on restart and is refused in production',
      );
    }
    if (encryptionKey === undefined) {
      problems.push(
        'SESSION_ENCRYPTION_KEY is required in production: tokens at rest must be encrypted',
      );
    }
  }

  const ttl = read('SANDBOX_ACCESS_TOKEN_TTL_SEC');
  const sessionSecret = secret ?? randomBytes(32).toString('hex');
  const config: Config = {
    env: appEnv,
    port,
    host,
    mode,
    webex: {
      clientId: clientId ?? 'sandbox-agent-desktop',
      clientSecret: clientSecret ?? randomBytes(24).toString('base64url'),
      redirectUri: url('WEBEX_REDIRECT_URI', `http://${hostForUrl(host)}:${port}/oauth`, [
        'http:',
        'https:',
      ]),
      apiBase: url('WEBEX_API_BASE', 'https://webexapis.com/v1', ['https:', 'http:']),
      scopes,
    },
    wxcc: {
      region: region ?? 'us1',
      apiBase: url('WXCC_API_BASE', `https://api.wxcc-${region ?? 'us1'}.cisco.com`, [
        'https:',
        'http:',
      ]),
    },
    session: {
      secret: sessionSecret,
      secretGenerated: secret === undefined,
      store: store ?? 'sqlite',
      sqliteFile: read('SESSION_DB_FILE') ?? 'data/sessions.db',
      redisUrl,
      encryptionKey: encryptionKey ?? sessionSecret,
      idleTimeoutMs: int('SESSION_IDLE_TIMEOUT_MIN', 60, 1, 7 * 24 * 60) * 60_000,
      absoluteTimeoutMs: int('SESSION_ABSOLUTE_TIMEOUT_MIN', 12 * 60, 5, 30 * 24 * 60) * 60_000,
    },
    trustProxy: parseTrustProxy(read('TRUST_PROXY')),
    station: {
      teamId: optionalId('WXCC_TEAM_ID', 36),
      dialNumber: optionalId('WXCC_DIAL_NUMBER', 43),
      agentId: optionalId('WXCC_AGENT_ID', 36),
    },
    httpTimeoutMs: int('HTTP_TIMEOUT_MS', 10000, 100, 120000),
    logLevel: read('LOG_LEVEL') ?? 'info',
    sandbox: {
      port: int('SANDBOX_PORT', port === 0 ? 0 : port + 1, 0, 65535),
      accessTokenTtlSec:
        ttl === undefined ? undefined : int('SANDBOX_ACCESS_TOKEN_TTL_SEC', 0, 5, 86400),
    },
  };
  if (appEnv === 'production' && !isSafeRedirect(config.webex.redirectUri)) {
    problems.push('WEBEX_REDIRECT_URI must use https in production (http only for localhost)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
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

function isSafeRedirect(uri: string): boolean {
  const url = new URL(uri);
  return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function hostForUrl(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === 'object') deepFreeze(inner as object);
  }
  return Object.freeze(value);
}
