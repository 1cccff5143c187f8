// What the people who run the desktop watch, in Prometheus's text format (prom-client). Labels are
// bounded by construction: endpoints are path templates, never agent ids or interaction ids.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface DesktopMetrics {
  registry: Registry;
  /** A Webex or WxCC call, by endpoint template and status ('error' when none came back). */
  upstreamCall(method: string, url: string, status: number | undefined, seconds: number): void;
  /** A WxCC event pushed to a page, `seconds` after WxCC stamped it. */
  eventPushed(seconds: number): void;
  liveStreams: Gauge;
  rateLimited: Counter<'limit'>;
  /** A session started on this instance: `fresh` for a sign-in, `failover` when adopted. */
  sessionAdopted: Counter<'reason'>;
  autoWrapUpsSent: Counter;
  /** WxCC notification events heard by the agent sessions this instance holds. */
  wxccEvents: Counter;
}

/** Read on every scrape from the parts that know them (the sessions this instance holds). */
export interface MetricSources {
  sessions(): { channels: number; open: number };
}

const PREFIX = 'wxcc_desktop_';

export function createMetrics(): DesktopMetrics & { observe(sources: MetricSources): void } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  let sources: MetricSources | undefined;
  const upstreamTotal = new Counter({
    name: `${PREFIX}upstream_requests_total`,
    help: 'Calls to Webex and WxCC, by endpoint template and HTTP status.',
    labelNames: ['method', 'endpoint', 'status'],
    registers: [registry],
  });
  const upstreamSeconds = new Histogram({
    name: `${PREFIX}upstream_request_duration_seconds`,
    help: 'Latency of calls to Webex and WxCC.',
    labelNames: ['method', 'endpoint'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const eventLag = new Histogram({
    name: `${PREFIX}event_lag_seconds`,
    help: 'From the time WxCC stamped an event to its push to an open page.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: `${PREFIX}agent_sessions`,
    help: 'Agent sessions (signed-in agents) this instance holds the lease of.',
    registers: [registry],
    collect() {
      this.set(sources?.sessions().channels ?? 0);
    },
  });
  new Gauge({
    name: `${PREFIX}wxcc_sockets`,
    help: 'WxCC notification sockets of this instance, by state.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const { channels, open } = sources?.sessions() ?? { channels: 0, open: 0 };
      this.set({ state: 'open' }, open);
      this.set({ state: 'not_open' }, channels - open);
    },
  });
  return {
    registry,
    observe(given) {
      sources = given;
    },
    upstreamCall(method, url, status, seconds) {
      const endpoint = endpointOf(url);
      upstreamTotal.inc({ method, endpoint, status: status === undefined ? 'error' : status });
      upstreamSeconds.observe({ method, endpoint }, seconds);
    },
    eventPushed: (seconds) => eventLag.observe(Math.max(0, seconds)),
    liveStreams: new Gauge({
      name: `${PREFIX}live_streams`,
      help: 'Open live page streams (GET /events) on this instance.',
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: `${PREFIX}rate_limited_total`,
      help: 'Requests refused by a rate limit, by limit.',
      labelNames: ['limit'],
      registers: [registry],
    }),
    sessionAdopted: new Counter({
      name: `${PREFIX}sessions_started_total`,
      help: 'Agent sessions started on this instance: fresh, or adopted after another instance died (failover).',
      labelNames: ['reason'],
      registers: [registry],
    }),
    autoWrapUpsSent: new Counter({
      name: `${PREFIX}auto_wrapups_sent_total`,
      help: 'Default wrap-ups sent by agent sessions when the profile timer ran out.',
      registers: [registry],
    }),
    wxccEvents: new Counter({
      name: `${PREFIX}wxcc_events_total`,
      help: 'WxCC notification events heard on the sockets of the agent sessions this instance holds.',
      registers: [registry],
    }),
  };
}

/**
 * The path as a template: segments that carry an id (a UUID, a long token, anything with digits
 * and 8+ characters) become `:id`, so agents and interactions never become label values.
 */
export function endpointOf(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return 'unknown';
  }
  return path
    .split('/')
    .map((segment) =>
      /^[0-9a-f-]{32,36}$/i.test(segment) ||
      (segment.length >= 8 && /\d/.test(segment)) ||
      segment.length > 40
        ? ':id'
        : segment,
    )
    .join('/');
}
