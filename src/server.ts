// Entry point: loads the configuration, starts the sandbox when no credentials are set, listens,
// and shuts down gracefully on SIGTERM/SIGINT.
import 'dotenv/config';
import { setMaxListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { createApp } from './app';
import path from 'node:path';
import type { ClusterBackend } from './cluster/backend';
import { createMemoryBackend } from './cluster/memory-backend';
import { createRedisBackend } from './cluster/redis-backend';
import { sessionStoreTokens } from './cluster/token-store';
import {
  ConfigError,
  loadConfig,
  pointAtSandbox,
  withSessionSecret,
  type Config,
} from './settings/config';
import { keepDevSecret, SANDBOX_STATE_FILE } from './settings/dev-secret';
import { createLogger, flushLogs } from './logging';
import type { RunningSandbox } from './sandbox';
import { buildServices } from './services/build-services';
import { createSessionStore, deriveEncryptionKey } from './session-store';
import { createSessionCipher } from './session-store/session-cipher';
import { listen } from './listen';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger({ level: config.logLevel });
  // Development keeps its state in the data folder, so a restart keeps agents connected; with
  // the memory store the sessions are gone at restart anyway, so nothing is kept (tests).
  const dataDir = path.dirname(config.session.sqliteFile);
  const keepState = config.env === 'development' && config.session.store !== 'memory';
  let kept = '';
  if (config.session.secretGenerated && keepState) {
    const dev = keepDevSecret(dataDir);
    config = withSessionSecret(config, dev.secret);
    kept = `${dev.created ? 'a new session secret saved in' : 'the session secret from'} ${dev.file}`;
  } else if (config.session.secretGenerated) {
    logger.warn('SESSION_SECRET is not set: a random one is used, so sessions end at restart');
  }

  let sandbox: RunningSandbox | undefined;
  if (config.mode === 'sandbox') {
    // Loaded only here: with credentials, the sandbox and its spec validators never take memory.
    const { startSandbox } = await import('./sandbox');
    sandbox = await startSandbox({
      host: config.host,
      port: config.sandbox.port,
      stateFile: keepState ? path.join(dataDir, SANDBOX_STATE_FILE) : undefined,
      accessTokenTtlSec: config.sandbox.accessTokenTtlSec,
      clients: [
        {
          clientId: config.webex.clientId,
          clientSecret: config.webex.clientSecret,
          name: 'WxCC Agent Desktop',
          redirectUris: [config.webex.redirectUri],
        },
      ],
    });
    config = pointAtSandbox(config, sandbox);
  }

  const encryptionKey = deriveEncryptionKey(config.session.encryptionKey);
  const sessions = await createSessionStore(
    config.session.store === 'redis' && config.session.redisUrl
      ? {
          kind: 'redis',
          url: config.session.redisUrl,
          encryptionKey,
          onError: (err) => logger.warn({ err }, 'redis session store error'),
        }
      : config.session.store === 'memory'
        ? { kind: 'memory', encryptionKey }
        : { kind: 'sqlite', file: config.session.sqliteFile, encryptionKey },
  );

  // With Redis, every instance shares leases, the agents' events and the rate limits; without it
  // this process is the whole cluster and the same code runs on memory.
  const cluster: ClusterBackend = config.session.redisUrl
    ? await createRedisBackend({
        url: config.session.redisUrl,
        onError: (err) => logger.warn({ err }, 'redis cluster connection error'),
      })
    : createMemoryBackend();
  const services = buildServices(config, logger, {
    backend: cluster,
    cipher: createSessionCipher(encryptionKey),
    tokens: sessionStoreTokens(sessions.store),
  });
  logger.info({ instance: services.station.instanceId, shared: cluster.kind }, 'cluster member');
  const shutdownController = new AbortController();
  // Every open event stream listens for shutdown: thousands of agents are not a listener leak.
  setMaxListeners(0, shutdownController.signal);
  const app = createApp({
    shutdown: shutdownController.signal,
    config,
    logger,
    ...services,
    sessionStore: sessions.store,
    checkReady: () => Promise.all([sessions.ping(), cluster.ping()]).then(() => undefined),
    rateLimits: {
      store: cluster.rateLimitStore?.bind(cluster),
      oauthAddressLimit: config.signInAddressLimit,
    },
  });
  const server = await listen(app, config.port, config.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  const keptItems = [kept, 'sessions', sandbox ? "the sandbox's sign-ins and stations" : ''].filter(
    Boolean,
  );
  const persistence = keepState
    ? `Kept across restarts: ${keptItems.join(', ')} (data folder ${dataDir}/).`
    : '';
  if (persistence) logger.info({ dataDir }, persistence);
  if (sandbox) {
    // The banner first: whoever waits for "desktop started" can then read where to go.
    console.log(
      `\n  Agent desktop on the embedded sandbox (no WEBEX_CLIENT_ID set).\n  Open ${url}\n  Supervisor console: ${sandbox.url}/_sandbox/console\n  ${persistence}\n`,
    );
    logger.info({ url, sandbox: sandbox.url }, 'desktop started on the embedded sandbox');
  } else {
    logger.info({ url, webex: config.webex.apiBase, wxcc: config.wxcc.apiBase }, 'desktop started');
  }

  let stopping = false;
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
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // Live event streams never finish on their own; the browser reconnects to the next process.
    // The agents' sockets close and their leases are given back, so another instance adopts them
    // at once instead of after the lease runs out.
    const released = services.station.close().catch(() => undefined);
    shutdownController.abort();
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 8000).unref();
    server.close(() => {
      clearTimeout(force);
      void released
        .then(() => Promise.allSettled([sessions.close(), cluster.close(), sandbox?.close()]))
        .then(async () => {
          logger.info('stopped');
          await flushLogs(logger);
          process.exit(0);
        });
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Port in use, store unreachable, sandbox failed: say so plainly and exit non-zero.
  console.error('The desktop could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
