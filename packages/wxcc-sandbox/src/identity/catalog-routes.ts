// Webex's service catalog (U2C, `https://u2c.wbx2.com/u2c/api/v1` in production): where Cisco's SDKs
// learn every other service's address. Served at /webex/u2c/api/v1, and every URL in it points back
// at this sandbox, so an SDK given only this address (services.discovery.u2c) finds Webex and WxCC here.
import { Router, type Request, type Response } from 'express';
import { requireToken } from './auth';
import type { SandboxContext } from '../context';
import { hostOf } from '../agents/agent-routes';
import { sendWebexError } from '../errors';

/** The path prefix the catalog is served under, below the sandbox's origin. */
export const U2C_PATH = '/webex/u2c/api/v1';
/** Webex's client metrics service (`https://metrics-a.wbx2.com/metrics/api/v1` in production). */
export const METRICS_PATH = '/webex/metrics/api/v1';

/**
 * Service name → path below the sandbox's origin. The names are the ones the SDK asks the catalog
 * for: `wcc-api-gateway` (@webex/contact-center src/services/constants.ts WCC_API_GATEWAY: subscribe,
 * agents, tasks and configuration calls), `hydra` (the public Webex API, webex-core's people and
 * credentials), `u2c` itself (webex-core src/lib/services/services.js _fetchNewServiceHostmap) and
 * `metrics`, where the SDK's MetricsManager.ts batches its behavioral and operational events
 * (internal-plugin-metrics src/client-metrics-batcher.js, batcher.js): without it each batch is an
 * unhandled rejection ("'metrics' is not a known service").
 */
const SERVICES: Record<string, string> = {
  hydra: '/webex/v1',
  metrics: METRICS_PATH,
  u2c: U2C_PATH,
  'wcc-api-gateway': '/wxcc',
};

/** The cluster name in host ids (`urn:TEAM:<cluster>:<service>`, as U2C names its hosts). */
const CLUSTER = 'sandbox_a';

/**
 * The `format=hostmap` catalog: `serviceLinks` (name → URL) and `hostCatalog` (host → the hosts that
 * serve it, each with an id whose fourth part is the service name). webex-core reads exactly these
 * (services.js _formatReceivedHostmap); `format` and `timestamp` are what U2C sends alongside.
 */
export function hostmap(origin: string) {
  const { host, hostname } = new URL(origin);
  const serviceLinks: Record<string, string> = {};
  for (const [name, path] of Object.entries(SERVICES)) serviceLinks[name] = `${origin}${path}`;
  return {
    serviceLinks,
    hostCatalog: {
      // Keyed by host with its port; each entry names the host alone, as webex-core keeps the
      // port of the service's URL when it swaps hosts (service-url.js _generateHostUrl).
      [host]: Object.keys(SERVICES).map((name) => ({
        host: hostname,
        ttl: -1,
        priority: 5,
        id: `urn:TEAM:${CLUSTER}:${name}`,
      })),
    },
    format: 'hostmap',
    timestamp: String(Date.now()),
  };
}

/** Only the hostmap format is served: it is the one webex-core asks for (qs format=hostmap). */
function formatOf(req: Request): string | undefined {
  const format = req.query.format;
  return typeof format === 'string' ? format : undefined;
}

function originOf(req: Request, ctx: SandboxContext): string {
  return `${new URL(ctx.origin()).protocol}//${hostOf(req, ctx)}`;
}

export function catalogRoutes(ctx: SandboxContext): Router {
  const router = Router();

  // The limited (pre-auth) catalog needs no token but one selector, as webex-core's updateServices
  // requires one of them before it asks (services.js: email, emailhash, userId, orgId or mode).
  router.get('/limited/catalog', (req, res) => {
    const selectors = ['email', 'emailhash', 'userId', 'orgId', 'mode'];
    if (!selectors.some((key) => typeof req.query[key] === 'string')) {
      return sendWebexError(res, 400, `One of ${selectors.join(', ')} is required.`);
    }
    if (formatOf(req) !== 'hostmap') {
      return sendWebexError(res, 400, 'Only format=hostmap is served by the sandbox.');
    }
    res.json(hostmap(originOf(req, ctx)));
  });

  // The user's catalog needs the user's token (the auth interceptor sends it for the u2c service).
  router.get('/catalog', requireToken(ctx, 'webex'), (req, res) => {
    if (formatOf(req) !== 'hostmap') {
      return sendWebexError(res, 400, 'Only format=hostmap is served by the sandbox.');
    }
    res.json(hostmap(originOf(req, ctx)));
  });

  return router;
}

/**
 * The metrics service as far as clients see it: it takes `{metrics:[…]}` batches and keeps nothing
 * (the request log has them). `clientmetrics-prelogin` needs no token, the others the user's, as
 * webex-core sends it to every catalog service. An empty or malformed batch is refused.
 */
export function metricsRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const accept = (req: Request, res: Response) => {
    const body: unknown = req.body;
    const metrics =
      body !== null && typeof body === 'object' && 'metrics' in body ? body.metrics : undefined;
    if (!Array.isArray(metrics) || metrics.length === 0) {
      return sendWebexError(res, 400, 'metrics: must be a non-empty array.');
    }
    res.status(204).end();
  };
  router.post('/clientmetrics-prelogin', accept);
  router.post('/clientmetrics', requireToken(ctx, 'webex'), accept);
  router.post('/metrics', requireToken(ctx, 'webex'), accept);
  return router;
}
