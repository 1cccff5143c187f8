// The one factory of Redis connections: every client the desktop opens (session store, secure
// store, cluster backend and its subscriber, rate limits) comes from here, on one Redis
// (REDIS_URL) or on the primary that Redis Sentinel names (REDIS_SENTINELS). Connections fail fast
// while Redis is away, give up at start on a wrong address, and never hold the process open.
//
// node-redis is loaded on the first connection only (import() below): an instance on SQLite never
// opens one, and loading it costs about 6 MiB of RSS at start (docs/MEASUREMENTS.md, mem5).
import { randomUUID } from 'node:crypto';
import type * as NodeRedis from 'redis';

/** node-redis, loaded once, when the first connection is opened. */
let nodeRedis: Promise<typeof NodeRedis> | undefined;
const loadRedis = () => (nodeRedis ??= import('redis'));

export interface RedisNodeAddress {
  host: string;
  port: number;
}

/** The primary as Sentinel names it; the data credentials are the primary's and replicas'. */
export interface SentinelAddress {
  sentinels: readonly RedisNodeAddress[];
  masterName: string;
  sentinelPassword?: string;
  username?: string;
  password?: string;
}

export type RedisAddress = { url: string } | { sentinel: SentinelAddress };

/** Only the address out of a larger options object (which may carry a prefix, a cipher…). */
export function addressOf(options: RedisAddress): RedisAddress {
  return 'url' in options ? { url: options.url } : { sentinel: options.sentinel };
}

type PubSubListener = (message: string, channel: string) => void;

/**
 * What the stores and the backend use of a connection, the same on both kinds, so nothing above
 * this file knows whether a fail-over can happen underneath.
 */
export interface RedisConnection {
  readonly isReady: boolean;
  /** Any command, on the primary. */
  sendCommand(args: string[]): Promise<unknown>;
  subscribe(channel: string, listener: PubSubListener): Promise<void>;
  unsubscribe(channel: string, listener: PubSubListener): Promise<void>;
  /**
   * Hears the subscriber come back after a drop, its subscriptions restored (Redis has answered
   * them): what was published while it was away reached no one here and is gone.
   */
  onResubscribed(listener: () => void): void;
  /** Keys matching a pattern, page by page (SCAN). */
  scan(match: string, count: number): AsyncIterable<string[]>;
  ping(): Promise<void>;
  /** Safe to call twice. */
  close(): Promise<void>;
  destroy(): void;
}

// At start a wrong address should stop the server, not leave it retrying silently forever.
const INITIAL_CONNECT_ATTEMPTS = 5;
const PING_TIMEOUT_MS = 2000;
const CLOSE_TIMEOUT_MS = 2000;
/**
 * The sentinel client holds a command while the primary is away until the sentinels name a new
 * one; beyond this an agent gets "try again" (503) rather than a page that hangs.
 */
const SENTINEL_COMMAND_TIMEOUT_MS = 2500;

/** Connects; `onError` hears connection errors while Redis is away (dropped without it). */
export async function connectRedis(
  address: RedisAddress | string,
  onError?: (err: Error) => void,
): Promise<RedisConnection> {
  const target = typeof address === 'string' ? { url: address } : address;
  return 'url' in target
    ? connectDirect(target.url, onError)
    : connectSentinel(target.sentinel, onError);
}

/** How long to wait before reconnecting; an Error ends the attempts (only before the first ready). */
function reconnectDelay(hasBeenReady: () => boolean, variable: string) {
  return (retries: number, cause: Error): number | Error => {
    if (!hasBeenReady() && retries + 1 >= INITIAL_CONNECT_ATTEMPTS) {
      // The address may carry a password, so it stays out of the message.
      return new Error(`Could not connect to Redis (${variable}): ${cause.message}`);
    }
    return Math.min(2 ** retries * 50, 2000) + Math.floor(Math.random() * 200);
  };
}

async function connectDirect(
  url: string,
  onError?: (err: Error) => void,
): Promise<RedisConnection> {
  const { createClient } = await loadRedis();
  let everReady = false;
  let client: ReturnType<typeof createClient>;
  try {
    client = createClient({
      url,
      // Fail fast while Redis is away: a request should get an error, not hang in a queue.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 5000,
        reconnectStrategy: reconnectDelay(() => everReady, 'REDIS_URL'),
      },
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL (${reason})`);
  }
  // node-redis emits 'error' on every failed (re)connect; an unheard 'error' would crash the process.
  client.on('error', (err: Error) => onError?.(err));
  client.once('ready', () => (everReady = true));
  await client.connect();
  // A connection in subscriber mode can run nothing else: opened on the first subscribe only
  // (node-redis resubscribes it after a drop).
  let subscriber: typeof client | undefined;
  let subscriberConnected: Promise<typeof client> | undefined;
  const resubscribed = new Set<() => void>();
  const subscriberReady = () =>
    (subscriberConnected ??= (async () => {
      const s = client.duplicate();
      s.on('error', (err: Error) => onError?.(err));
      // node-redis emits 'ready' once its SUBSCRIBEs are answered; the first is the connect itself.
      let connected = false;
      s.on('ready', () => {
        if (connected) for (const listener of resubscribed) listener();
        connected = true;
      });
      subscriber = s;
      return s.connect().catch((err: unknown) => {
        // Redis away at the first subscribe: the next one tries again.
        subscriberConnected = undefined;
        if (subscriber === s) subscriber = undefined;
        if (s.isOpen) s.destroy();
        throw err;
      });
    })());
  const clients = () => (subscriber ? [subscriber, client] : [client]);
  return {
    get isReady() {
      return client.isReady;
    },
    sendCommand: (args) => client.sendCommand(args) as Promise<unknown>,
    async subscribe(channel, listener) {
      await (await subscriberReady()).subscribe(channel, listener);
    },
    async unsubscribe(channel, listener) {
      if (subscriber?.isReady) await subscriber.unsubscribe(channel, listener);
    },
    onResubscribed(listener) {
      resubscribed.add(listener);
    },
    scan: (match, count) => client.scanIterator({ MATCH: match, COUNT: count }),
    async ping() {
      // Every action waits for its result on pub/sub: while the subscriber is still reconnecting
      // after an outage (on its own backoff, apart from the command connection) the instance can
      // confirm nothing, so a load balancer must not count it ready yet.
      if (subscriber && !subscriber.isReady) {
        throw new Error('the Redis subscriber connection is not back yet');
      }
      await withTimeout(client.ping(), PING_TIMEOUT_MS);
    },
    async close() {
      for (const c of clients()) {
        if (!c.isOpen) continue;
        // A server that is away cannot answer what is in flight: drop it rather than wait.
        if (!c.isReady) {
          c.destroy();
          continue;
        }
        const closed = await withTimeout(c.close(), CLOSE_TIMEOUT_MS).then(
          () => true,
          () => false,
        );
        // A server that stops answering mid-close must not hold the process open.
        if (!closed) c.unref();
      }
    },
    destroy() {
      for (const c of clients()) if (c.isOpen) c.destroy();
    },
  };
}

/**
 * node-redis's own sentinel client: it asks the sentinels for the primary, follows
 * `+switch-master` (and any READONLY or dropped connection) to the new one, and moves its pub/sub
 * connection and subscriptions there itself.
 */
async function connectSentinel(
  address: SentinelAddress,
  onError?: (err: Error) => void,
): Promise<RedisConnection> {
  const { createSentinel } = await loadRedis();
  let everReady = false;
  const sentinel = createSentinel({
    name: address.masterName,
    sentinelRootNodes: address.sentinels.map(({ host, port }) => ({ host, port })),
    nodeClientOptions: {
      username: address.username,
      password: address.password,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 2000,
        reconnectStrategy: reconnectDelay(() => everReady, 'REDIS_SENTINELS'),
      },
    },
    sentinelClientOptions: {
      password: address.sentinelPassword,
      socket: { connectTimeout: 2000 },
    },
    // It retries a whole discovery once a second: at start, about this many seconds to give up.
    maxCommandRediscovers: 8,
  });
  // Some of its errors are strings; an unheard 'error' would crash the process.
  sentinel.on('error', (err: unknown) =>
    onError?.(err instanceof Error ? err : new Error(String(err))),
  );
  try {
    await sentinel.connect();
  } catch (err) {
    sentinel.destroy().catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Could not reach the Redis primary "${address.masterName}" through REDIS_SENTINELS: ${reason}`,
    );
  }
  everReady = true;
  const bounded = <T>(p: Promise<T>) => withTimeout(p, SENTINEL_COMMAND_TIMEOUT_MS);
  // After a fail-over node-redis moves its pub/sub connection to the new primary and says nothing
  // once it is back, while every action's result may travel on it: readiness (/readyz) asks it
  // directly. A token published on a channel of this connection's own must come back to it. Only
  // a connection that carries subscriptions has one (the stores' never open a pub/sub connection).
  const probeChannel = `wxcc:readiness:${randomUUID()}`;
  const probes = new Map<string, () => void>();
  let probing: Promise<unknown> | undefined;
  const pubSubAnswers = async () => {
    const token = randomUUID();
    const heard = new Promise<void>((resolve) => probes.set(token, resolve));
    try {
      await withTimeout(
        Promise.all([
          heard,
          sentinel.sendCommand<unknown>(false, ['PUBLISH', probeChannel, token]),
        ]),
        PING_TIMEOUT_MS,
      );
    } finally {
      probes.delete(token);
    }
  };
  let closing: Promise<void> | undefined;
  return {
    get isReady() {
      return sentinel.isReady;
    },
    sendCommand: (args) => bounded(sentinel.sendCommand<unknown>(false, args)),
    async subscribe(channel, listener) {
      probing ??= bounded(
        sentinel.subscribe(probeChannel, (token: string) => probes.get(token)?.()),
      ).catch((err: unknown) => {
        probing = undefined;
        throw err;
      });
      await Promise.all([probing, bounded(sentinel.subscribe(channel, listener))]);
    },
    // node-redis's sentinel client moves its pub/sub connection itself and says nothing once it is
    // back (its MASTER_CHANGE comes before the move is done): not heard here (readiness probes it,
    // above). A page stream that reconnects is still sent the current state (events-routes.ts).
    onResubscribed() {},
    async unsubscribe(channel, listener) {
      // The same listener it was given on subscribe; only its message type is wider there.
      const same = listener as Parameters<typeof sentinel.unsubscribe>[1];
      if (sentinel.isReady) await bounded(sentinel.unsubscribe(channel, same));
    },
    // Every page goes to the primary; a fail-over mid-scan only restarts the cursor's server.
    async *scan(match, count) {
      let cursor = '0';
      do {
        const reply = (await bounded(
          sentinel.sendCommand<unknown>(false, [
            'SCAN',
            cursor,
            'MATCH',
            match,
            'COUNT',
            String(count),
          ]),
        )) as [unknown, unknown[]];
        cursor = String(reply[0]);
        yield reply[1].map(String);
      } while (cursor !== '0');
    },
    async ping() {
      await withTimeout(sentinel.ping(), PING_TIMEOUT_MS);
      if (probing) await pubSubAnswers();
    },
    close() {
      closing ??= (async () => {
        if (!sentinel.isOpen) return;
        const closed = await withTimeout(sentinel.close(), CLOSE_TIMEOUT_MS).then(
          () => true,
          () => false,
        );
        if (!closed) await sentinel.destroy().catch(() => undefined);
      })();
      return closing;
    },
    destroy() {
      if (sentinel.isOpen) sentinel.destroy().catch(() => undefined);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
