// Several app instances in this process on one Redis and one sandbox, behind a round-robin proxy,
// as an operator would run them (same secrets, no sticky sessions), each wired by startDesktop.
import { randomBytes } from 'node:crypto';
import type { ClusterBackend } from '../../src/cluster/backend';
import type { RateLimitOptions } from '../../src/middleware/rate-limits';
import { startSandbox, type RunningSandbox, type SandboxOptions } from 'wxcc-sandbox';
import type { Services } from '../../src/build-services';
import type { SessionStoreHandle } from '../../src/session-store';
import { loadConfig, pointAtSandbox, type Config } from '../../src/settings/config';
import { startDesktop } from '../../src/start-desktop';
import { collect, SandboxControl } from '../helpers/stack';
import { startRedisServer, type RedisServer } from '../session-store/redis-server';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';

export interface Instance {
  name: string;
  url: string;
  services: Services;
  backend: ClusterBackend;
  sessions: SessionStoreHandle;
  logs: string[];
  /** A crash: lease renewal stops, sockets and connections are cut, nothing is cleaned up. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export interface Cluster {
  url: string;
  /** The redis-server the instances share; none when they find Redis through sentinels. */
  redis?: RedisServer;
  proxy: RoundRobinProxy;
  sandbox: RunningSandbox;
  control: SandboxControl;
  instances: Instance[];
  /** The instance holding the agent's socket lease, if any. */
  ownerOf(agentId: string): Instance | undefined;
  close(): Promise<void>;
}

export interface ClusterOptions {
  instances: number;
  leaseMs?: number;
  rateLimits?: RateLimitOptions;
  /** Shares rate limits through Redis, as server.ts does. */
  sharedRateLimits?: boolean;
  env?: Record<string, string>;
  streamCaps?: { perSession: number; perAgent: number };
  /** Reuse a redis-server (to stop and restart it in a test). */
  redis?: RedisServer;
  /**
   * REDIS_SENTINELS (host:port,…): the instances find the primary through Redis Sentinel
   * instead of a REDIS_URL, and no redis-server is started here.
   */
  sentinels?: string;
  /** Round robin (default), or each browser pinned to the instance of its first request. */
  balancer?: 'round-robin' | 'pinned';
  /** The sandbox's seeds and switches (e.g. a short auto wrap-up). */
  sandbox?: Partial<SandboxOptions>;
  /** The instances' clock (sessions, statistics); tests move it instead of waiting. */
  now?: () => number;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const redis =
    options.sentinels === undefined ? (options.redis ?? (await startRedisServer())) : undefined;
  const proxy = await startRoundRobinProxy([], options.balancer);
  const secrets = {
    SESSION_SECRET: randomBytes(24).toString('hex'),
    SESSION_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    WEBEX_REDIRECT_URI: `${proxy.url}/oauth`,
    HTTP_TIMEOUT_MS: '1500',
    LOG_LEVEL: 'debug',
    ...options.env,
  };
  const base = loadConfig({ ...secrets, PORT: '1' });
  const sandbox = await startSandbox({
    eventDelayMs: 5,
    ...options.sandbox,
    clients: [
      {
        clientId: base.webex.clientId,
        clientSecret: base.webex.clientSecret,
        name: 'WxCC Agent Desktop',
        redirectUris: [base.webex.redirectUri],
      },
    ],
  });
  const instances: Instance[] = [];
  for (let i = 0; i < options.instances; i += 1) {
    const instance = await startInstance(`app-${i}`, base, secrets, sandbox, redis, options);
    instances.push(instance);
    proxy.add(instance.url);
  }
  return {
    url: proxy.url,
    redis,
    proxy,
    sandbox,
    control: new SandboxControl(sandbox.url),
    instances,
    ownerOf: (agentId) =>
      instances.find((i) => i.services.station.sessions.ownership.owns(agentId)),
    async close() {
      await Promise.allSettled(instances.map((i) => i.close()));
      await proxy.close();
      await sandbox.close();
      if (!options.redis) await redis?.stop();
    },
  };
}

async function startInstance(
  name: string,
  base: Config,
  env: Record<string, string>,
  sandbox: RunningSandbox,
  redis: RedisServer | undefined,
  options: ClusterOptions,
): Promise<Instance> {
  const shared: Record<string, string> =
    options.sentinels === undefined
      ? { REDIS_URL: redis?.url ?? '' }
      : { REDIS_SENTINELS: options.sentinels };
  // Port 0: the redirect address is the proxy's, so no instance needs its own port in advance.
  const own = pointAtSandbox(loadConfig({ ...env, PORT: '0', ...shared }), sandbox);
  // Every instance is the same integration: the sandbox secret is random per config load.
  const config = { ...own, webex: { ...own.webex, clientSecret: base.webex.clientSecret } };
  const logs: string[] = [];
  // Long enough that a loaded machine (event loops seconds late) does not hand an agent over in the
  // middle of a test about something else; fail-over tests ask for 1.5 s.
  const leaseMs = options.leaseMs ?? 6000;
  const desktop = await startDesktop(config, {
    logDestination: collect(logs),
    services: {
      resultTimeoutMs: 3000,
      instanceId: name,
      leaseMs,
      renewEveryMs: Math.floor(leaseMs / 5),
      sweepEveryMs: Math.floor(leaseMs / 5),
      refreshPollMs: 20,
      streamCaps: options.streamCaps,
    },
    now: options.now,
    rateLimits: {
      oauthLimit: 1000,
      oauthAddressLimit: 1000,
      actionLimit: 1000,
      ...options.rateLimits,
      // Each instance counts on its own unless the test asks for the counts production shares.
      ...(options.sharedRateLimits ? {} : { store: undefined }),
    },
  });
  const { services, backend, sessions, secure, server } = desktop;
  let closed = false;
  return {
    name,
    url: desktop.url,
    services,
    backend,
    sessions,
    logs,
    async kill() {
      closed = true;
      services.station.halt();
      backend.destroy();
      server.closeAllConnections();
      server.close();
      await Promise.all([sessions.close(), secure.close()]);
    },
    async close() {
      if (closed) return;
      closed = true;
      await desktop.close();
    },
  };
}
