// The one composition root: from settings to a listening desktop, and back down again. server.ts
// runs it, and so do the tests and benchmarks, so what they exercise is what production runs
// (the session cipher on the agents' event bus included); only what they must vary is an override.
import { setMaxListeners } from 'node:events';
import type { Server, ServerResponse } from 'node:http';
import { createApp } from './app';
import type { ClusterBackend } from './cluster/backend';
import { createMemoryBackend } from './cluster/memory-backend';
import { createRedisBackend } from './cluster/redis-backend';
import { secureStoreTokens } from './cluster/token-store';
import { listen } from './listen';
import { createMetrics } from './metrics/metrics';
import { createLogger, flushLogs, type Logger } from './logging';
import type { RateLimitOptions } from './middleware/rate-limits';
import { createSecureStore, type SecureStore } from './secure-store';
import { buildServices, type ServiceOptions, type Services } from './build-services';
import { secureStationMemory } from './station/station-memory';
import { securePreferences } from './preferences/agent-preferences';
import { createSessionStore, deriveEncryptionKey, type SessionStoreHandle } from './session-store';
import { createSessionCipher } from './session-store/session-cipher';
import { redisAddress, type Config } from './settings/config';

/** How long requests in flight may take to finish at shutdown before their connections are cut. */
const CLOSE_GRACE_MS = 8000;

export interface DesktopOverrides {
  /** Where log lines go; stdout, batched, when unset. Tests collect them to read them back. */
  logDestination?: NodeJS.WritableStream;
  /**
   * A server already listening, with no request handler yet: the desktop answers on it instead of
   * listening on config.port. A test binds port 0 first because the OAuth redirect address, which
   * the sandbox must know before the desktop is wired, holds the port.
   */
  server?: Server;
  /** An open session store instead of the configured one (a restart hands it to the next start). */
  sessions?: SessionStoreHandle;
  /** An open secure store (tokens, last stations) instead of the configured one, likewise. */
  secure?: SecureStore;
  /**
   * Timings and identity of the services (lease timings, result waits, the instance's name). The
   * backend, the cipher and the token store are always production's, so they are not offered.
   */
  services?: Omit<ServiceOptions, 'backend' | 'cipher' | 'tokens' | 'now' | 'secure'>;
  /** Merged over production's limits (shared through Redis when there is one). */
  rateLimits?: RateLimitOptions;
  /** The clock of session timeouts and token expiry; tests move it forward instead of waiting. */
  now?: () => number;
}

export interface RunningDesktop {
  /** Where the desktop answers, e.g. http://127.0.0.1:10060. */
  url: string;
  config: Config;
  logger: Logger;
  server: Server;
  sessions: SessionStoreHandle;
  /** The agents' tokens and last stations, encrypted, next to the sessions. */
  secure: SecureStore;
  backend: ClusterBackend;
  services: Services;
  /**
   * Graceful shutdown: no new keep-alive, requests in flight finish (live streams end, the page
   * reconnects elsewhere), the agents' leases are given back so another instance adopts them at
   * once, then what was opened here is closed and the log flushed. Safe to call twice.
   * keepSessions leaves the session and secure stores open for a next start in the same process;
   * signal is what asked for the shutdown, for the log.
   */
  close(options?: { keepSessions?: boolean; signal?: string }): Promise<void>;
}

export async function startDesktop(
  config: Config,
  overrides: DesktopOverrides = {},
): Promise<RunningDesktop> {
  const logger = createLogger({ level: config.logLevel, destination: overrides.logDestination });
  if (config.session.secretGenerated) {
    logger.warn('SESSION_SECRET is not set: a random one is used, so sessions end at restart');
  }
  for (const warning of config.warnings) logger.warn(warning);
  const encryptionKey = deriveEncryptionKey(config.session.encryptionKey);
  const ownsSessions = overrides.sessions === undefined;
  const ownsSecure = overrides.secure === undefined;
  const sessions = overrides.sessions ?? (await openSessionStore(config, encryptionKey, logger));
  let secure: SecureStore;
  let backend: ClusterBackend;
  try {
    secure = overrides.secure ?? (await openSecureStore(config, encryptionKey, logger));
  } catch (error) {
    if (ownsSessions) await sessions.close();
    throw error;
  }
  try {
    backend = await openClusterBackend(config, logger);
  } catch (error) {
    await Promise.allSettled([
      ownsSessions ? sessions.close() : undefined,
      ownsSecure ? secure.close() : undefined,
    ]);
    throw error;
  }
  const metrics = createMetrics();
  const services = buildServices(config, logger, {
    ...overrides.services,
    metrics,
    backend,
    // The events and snapshots that go through Redis are sealed with the session store's key. The
    // memory backend never lets them leave this process, so sealing them there (and opening them
    // again for every listener) was pure cost: an AES-GCM seal per snapshot save and per event
    // published, about 7 % of the desktop's CPU at 100 WxCC events a second (fan-out profile).
    cipher: backend.kind === 'redis' ? createSessionCipher(encryptionKey) : undefined,
    // Tokens live in the secure store: encrypted, shared, and found again after a restart.
    tokens: secureStoreTokens(secure),
    // The agents' statistics too: sealed, shared, and kept across restarts.
    secure,
    now: overrides.now,
  });
  metrics.observe({ sessions: () => services.station.stats() });
  logger.info({ instance: services.station.instanceId, shared: backend.kind }, 'cluster member');

  const shutdownController = new AbortController();
  // Every open event stream listens for shutdown: thousands of agents are not a listener leak.
  setMaxListeners(0, shutdownController.signal);
  const app = createApp({
    shutdown: shutdownController.signal,
    config,
    logger,
    ...services,
    sessionStore: sessions.store,
    stationMemory: secureStationMemory(secure),
    preferences: securePreferences(secure, { pseudo: config.env !== 'production' }),
    metrics,
    checkReady: () =>
      Promise.all([sessions.ping(), secure.ping(), backend.ping()]).then(() => undefined),
    rateLimits: {
      store: backend.rateLimitStore?.bind(backend),
      oauthAddressLimit: config.signInAddressLimit,
      ...overrides.rateLimits,
    },
    now: overrides.now,
  });

  let server: Server;
  if (overrides.server) {
    server = overrides.server;
    server.on('request', app);
  } else {
    try {
      server = await listen(app, config.port, config.host);
    } catch (error) {
      // Port in use: nothing may stay open behind the error (leases, sockets, connections).
      await services.station
        .close()
        .catch((err: unknown) =>
          logger.warn({ err }, 'could not release the agents after a failed start'),
        );
      await Promise.allSettled([
        ownsSessions ? sessions.close() : undefined,
        ownsSecure ? secure.close() : undefined,
        backend.close(),
      ]);
      throw error;
    }
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  let stopping = false;
  let closed: Promise<void> | undefined;
  // Responses still being written at shutdown must close their connection when done, or an idle
  // keep-alive socket holds the process open until the client lets go.
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    if (stopping) res.shouldKeepAlive = false;
    res.on('close', () => {
      inFlight.delete(res);
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
  });

  const close = async (keepSessions: boolean, signal?: string): Promise<void> => {
    stopping = true;
    for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // Live event streams never finish on their own; the browser reconnects to the next process.
    const released = services.station
      .close()
      .catch((err: unknown) => logger.warn({ err }, 'could not hand the agents over at shutdown'));
    shutdownController.abort();
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(force);
    await released;
    await Promise.allSettled([
      ownsSessions && !keepSessions ? sessions.close() : undefined,
      ownsSecure && !keepSessions ? secure.close() : undefined,
      backend.close(),
    ]);
    logger.info('stopped');
    await flushLogs(logger);
  };

  return {
    url: `http://${config.host}:${port}`,
    config,
    logger,
    server,
    sessions,
    secure,
    backend,
    services,
    close({ keepSessions = false, signal }: { keepSessions?: boolean; signal?: string } = {}) {
      closed ??= close(keepSessions, signal);
      return closed;
    },
  };
}

/** SQLite by default, Redis when shared, memory when nothing must outlive the process. */
function openSessionStore(
  config: Config,
  encryptionKey: Buffer,
  logger: Logger,
): Promise<SessionStoreHandle> {
  const { store, sqliteFile } = config.session;
  const redis = redisAddress(config);
  if (store === 'redis' && redis) {
    return createSessionStore({
      kind: 'redis',
      ...redis,
      encryptionKey,
      onError: (err) => logger.warn({ err }, 'redis session store error'),
    });
  }
  if (store === 'memory') return createSessionStore({ kind: 'memory', encryptionKey });
  return createSessionStore({ kind: 'sqlite', file: sqliteFile, encryptionKey });
}

/**
 * The same kind and key as the session store, in its own table (SQLite, the same file) or under
 * its own key prefix (Redis).
 */
function openSecureStore(
  config: Config,
  encryptionKey: Buffer,
  logger: Logger,
): Promise<SecureStore> {
  const { store, sqliteFile } = config.session;
  const redis = redisAddress(config);
  if (store === 'redis' && redis) {
    return createSecureStore({
      kind: 'redis',
      ...redis,
      encryptionKey,
      onError: (err) => logger.warn({ err }, 'redis secure store error'),
    });
  }
  if (store === 'memory') return createSecureStore({ kind: 'memory', encryptionKey });
  return createSecureStore({ kind: 'sqlite', file: sqliteFile, encryptionKey });
}

/**
 * With Redis, every instance shares leases, the agents' events and the rate limits; without it
 * this process is the whole cluster and the same code runs on memory.
 */
async function openClusterBackend(config: Config, logger: Logger): Promise<ClusterBackend> {
  const redis = redisAddress(config);
  if (redis === undefined) return createMemoryBackend();
  return createRedisBackend({
    ...redis,
    onError: (err) => logger.warn({ err }, 'redis cluster connection error'),
  });
}
