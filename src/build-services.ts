// Wires the client and the services from the configuration; shared by server.ts and the tests.
import type { Logger } from 'pino';
import { createWebexClient } from './clients/webex-client';
import type { ClusterBackend } from './cluster/backend';
import type { TokenStore } from './cluster/token-store';
import type { Config } from './settings/config';
import type { SessionCipher } from './session-store/session-cipher';
import { currentTrackingId, noteTrackingId } from './logging/tracking-context';
import { createStormGuard, failureKind } from './logging/log-storm';
import { endpointOf } from './metrics/metrics';
import type { DesktopMetrics } from './metrics/metrics';
import { createAgentClients } from './clients/agent-client';
import { createAgentConfiguration } from './agent-configuration/agent-configuration';
import { createAgentStatistics } from './agent-statistics/agent-statistics';
import { createStatisticsStore } from './agent-statistics/statistics-store';
import { createMemoryBackend } from './cluster/memory-backend';
import type { SecureStore } from './secure-store';
import { createContactDirectory } from './contacts/contact-directory';
import { createContactService } from './contacts/contact-service';
import { createDirectoryService } from './station/station-directory';
import { createOAuthService } from './sign-in/oauth-service';
import { createStationService } from './station/station-service';
import { createAgentDirectory } from './agent-tools/agent-directory';
import { createCallVariables } from './agent-tools/call-variables';
import { createCallbacks } from './agent-tools/callbacks';
import { createRecentTargets } from './agent-tools/recent-targets';

export interface ServiceOptions {
  resultTimeoutMs?: number;
  reloadWaitMs?: number;
  /** Where tokens live (the secure store's, so they are encrypted and shared); memory if unset. */
  tokens?: TokenStore;
  /** Leases, the registry and the events channel: Redis for several instances, memory for one. */
  backend?: ClusterBackend;
  /** Seals the agents' events and snapshots in the backend (give it the session store's). */
  cipher?: SessionCipher;
  instanceId?: string;
  /** Socket lease timings; tests shorten them to watch a fail-over quickly. */
  leaseMs?: number;
  renewEveryMs?: number;
  sweepEveryMs?: number;
  refreshPollMs?: number;
  /** Open live page streams per browser session and per agent (oldest closed first). */
  streamCaps?: { perSession: number; perAgent: number };
  /** The clock of timeouts and token expiry; tests move it forward instead of waiting. */
  now?: () => number;
  metrics?: DesktopMetrics;
  /** Where the agents' statistics live (the secure store, shared); none are kept when unset. */
  secure?: SecureStore;
}

export function buildServices(config: Config, logger: Logger, options: ServiceOptions = {}) {
  // Failures in a storm (a WxCC outage, a socket that keeps dropping) log once, then a count.
  const storm = createStormGuard(logger);
  const client = createWebexClient({
    clientId: config.webex.clientId,
    clientSecret: config.webex.clientSecret,
    redirectUri: config.webex.redirectUri,
    scopes: config.webex.scopes,
    webexApiBase: config.webex.apiBase,
    wxccApiBase: config.wxcc.apiBase,
    timeoutMs: config.httpTimeoutMs,
    log: (entry) => {
      noteTrackingId(entry.trackingId);
      options.metrics?.upstreamCall(entry.method, entry.url, entry.status, entry.durationMs / 1000);
      const status = entry.status ?? 0;
      const failed = entry.error !== undefined || status >= 500 || status === 429;
      // The line carries the id we sent (the logger's mixin); WxCC's own is named only if it differs.
      const { trackingId: answered, ...call } = entry;
      const line =
        answered && answered !== currentTrackingId()
          ? { ...call, upstreamTrackingId: answered }
          : call;
      if (!failed) return logger.debug(line, 'upstream call');
      storm.warn(
        `upstream call ${entry.method} ${endpointOf(entry.url)} ${entry.error ?? status}`,
        line,
        'upstream call',
      );
    },
  });
  // A background step that failed carries its error: a warning, never swallowed, once per storm.
  const background = (event: string, details?: Record<string, unknown>) =>
    details?.err === undefined
      ? logger.info(details ?? {}, event)
      : storm.warn(`${event}: ${failureKind(details.err)}`, details, event);
  const oauth = createOAuthService({
    client,
    agentIdOverride: config.station.agentId,
    tokens: options.tokens,
    backend: options.backend,
    instanceId: options.instanceId,
    refreshPollMs: options.refreshPollMs,
    log: background,
  });
  // Every WxCC call for an agent goes through it: services never see a token.
  const wxcc = createAgentClients(client, oauth);
  // One configuration read per cache fill, shared by the station form and contact handling.
  const configuration = createAgentConfiguration({ wxcc });
  const directory = createDirectoryService({
    configuration,
    warn: (details, message) => logger.warn(details, message),
  });
  const contactDirectory = createContactDirectory({ configuration });
  // One backend for the sessions and the agents' recent targets (memory when none is given).
  const backend = options.backend ?? createMemoryBackend();
  const now = options.now ?? Date.now;
  // Counted by the agent's session, kept per tenant day in the secure store (agent-statistics/).
  const statistics = options.secure
    ? createAgentStatistics({
        store: createStatisticsStore({
          secure: options.secure,
          backend,
          now,
        }),
        configuration,
        now,
        log: background,
      })
    : undefined;
  const station = createStationService({
    wxcc,
    oauth,
    wxccApiBase: config.wxcc.apiBase,
    backend,
    cipher: options.cipher,
    instanceId: options.instanceId,
    resultTimeoutMs: options.resultTimeoutMs,
    reloadWaitMs: options.reloadWaitMs,
    leaseMs: options.leaseMs,
    renewEveryMs: options.renewEveryMs,
    sweepEveryMs: options.sweepEveryMs,
    streamCaps: options.streamCaps,
    timeouts: {
      idleMs: config.session.idleTimeoutMs,
      absoluteMs: config.session.absoluteTimeoutMs,
    },
    // The agent's session wraps up by itself when the profile says so, page open or not.
    autoWrapUp: async (ctx) => {
      const dir = await contactDirectory.forAgent(ctx);
      return dir.autoWrapUpSeconds && dir.defaultWrapUp
        ? { seconds: dir.autoWrapUpSeconds, code: dir.defaultWrapUp }
        : undefined;
    },
    metrics: options.metrics,
    now: options.now,
    countStatistics: statistics && ((ctx, facts) => statistics.count(ctx, facts)),
    log: background,
  });
  const contacts = createContactService({
    station,
    directory: contactDirectory,
    log: (event, details) => logger.info(details ?? {}, event),
    // The same clock as the session timeouts: wrap-up and ring countdowns move with it in tests.
    now: options.now,
  });
  // The agent's tools (issue 21): the directory, call variables and scheduled callbacks.
  const tools = {
    agentDirectory: createAgentDirectory({
      contacts,
      directory: contactDirectory,
      read: configuration.read,
      recent: createRecentTargets(backend),
    }),
    callVariables: createCallVariables({ station, shared: configuration.shared }),
    callbacks: createCallbacks({
      station,
      read: configuration.read,
      now: options.now,
      secure: options.secure,
      log: background,
    }),
  };
  return { wxcc, oauth, station, directory, contactDirectory, contacts, tools, statistics };
}

export type Services = ReturnType<typeof buildServices>;
