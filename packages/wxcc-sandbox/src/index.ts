// The embedded sandbox of Webex identity and WxCC: startSandbox() runs one, independent of others.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileRequestValidators } from './spec-check/openapi-validator';
import { createSandboxApp } from './app';
import { ContactCenter } from './contacts/contact-center';
import { defaultContactSeed, withContactCodes, type ContactSeed } from './contacts/contact-seed';
import { channelsMapOf } from './contacts/channel-capacity';
import type { SandboxContext } from './context';
import { RUN_TIME_CHECKS } from './spec-check/run-time-checks';
import { FaultRegistry } from './control/faults';
import { NotificationHub } from './agents/notification-hub';
import { RequestLog } from './control/request-log';
import { defaultSeed, type SandboxSeed } from './seed';
import { SandboxState } from './state';
import { persistState, restoreState } from './persistence';
import { Station } from './agents/station';
import { Timers, type Scheduler } from './timers';
import { TokenService, type SandboxClient } from './identity/tokens';

export type { SandboxClient } from './identity/tokens';
export type { SandboxSeed } from './seed';
export { defaultSeed } from './seed';
export type { RecordedRequest } from './control/request-log';

export interface SandboxOptions {
  /** OAuth integrations registered in the sandbox. */
  clients: SandboxClient[];
  /** Default 43199, as Webex. */
  accessTokenTtlSec?: number;
  /** Default 5183999, as Webex. */
  refreshTokenTtlSec?: number;
  /** Delay before a websocket result event; default 50. */
  eventDelayMs?: number;
  /** A socket silent this long is dropped (when keepalive is enabled); default 16000. */
  keepaliveTimeoutMs?: number;
  /** Default: the seed in seed.ts. */
  seed?: SandboxSeed;
  /** Keeps tokens and stations in this JSON file across restarts (development); default: memory only. */
  stateFile?: string;
  /** Queues, entry points, wrap-up codes and switches for contacts; default contact-seed.ts. */
  contactSeed?: ContactSeed;
  /** Runs the sandbox's timers; tests pass one that fires long timers (RONA) on demand. */
  scheduler?: Scheduler;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** `${url}/webex/v1` */
  webexApiBase: string;
  /** `${url}/wxcc` */
  wxccApiBase: string;
  /** Closes the HTTP server and every websocket; resolves when done. */
  close(): Promise<void>;
}

export async function startSandbox(
  opts: SandboxOptions & { host?: string; port?: number },
): Promise<RunningSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const contactSeed = opts.contactSeed ?? defaultContactSeed;
  const seed = withContactCodes(opts.seed ?? defaultSeed, contactSeed);
  const settings = {
    accessTokenTtlSec: positive(opts.accessTokenTtlSec, 43199, 'accessTokenTtlSec'),
    refreshTokenTtlSec: positive(opts.refreshTokenTtlSec, 5183999, 'refreshTokenTtlSec'),
    eventDelayMs: nonNegative(opts.eventDelayMs, 50, 'eventDelayMs'),
    keepaliveTimeoutMs: positive(opts.keepaliveTimeoutMs, 16000, 'keepaliveTimeoutMs'),
  };
  const state = new SandboxState(seed);
  if (opts.stateFile) restoreState(state, opts.stateFile);
  const persistence = opts.stateFile ? persistState(state, opts.stateFile) : undefined;
  const log = new RequestLog();
  let origin = '';
  const station = new Station(state, (agentId) => channelsMapOf(contactSeed, agentId));
  const ctx: SandboxContext = {
    settings,
    seed,
    state,
    tokens: new TokenService(state, opts.clients, {
      accessSec: settings.accessTokenTtlSec,
      refreshSec: settings.refreshTokenTtlSec,
    }),
    station,
    hub: new NotificationHub(state, log, settings.keepaliveTimeoutMs, (agentId) =>
      station.socketLost(agentId),
    ),
    log,
    faults: new FaultRegistry(),
    timers: new Timers(opts.scheduler),
    contacts: undefined as unknown as ContactCenter,
    origin: () => origin,
  };
  ctx.contacts = new ContactCenter(ctx, contactSeed);

  // Once per process, before the first request rather than during it.
  compileRequestValidators(RUN_TIME_CHECKS);
  const server: Server = createServer(createSandboxApp(ctx));
  if (persistence) {
    // Every change to tokens and stations comes through a request that is not a read.
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') res.on('finish', persistence.schedule);
    });
  }
  ctx.hub.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    webexApiBase: `${origin}/webex/v1`,
    wxccApiBase: `${origin}/wxcc`,
    close() {
      closing ??= (async () => {
        ctx.timers.clearAll();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await ctx.hub.close();
        // Hung requests (timeout faults) and keep-alive sockets would hold close() open.
        server.closeAllConnections();
        await closed;
        persistence?.flush();
      })();
      return closing;
    },
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be 0 or more`);
  return value;
}
