// Builds the sandbox's Express app: Webex identity, WxCC APIs, control API and console.
import express, { type NextFunction, type Request, type Response } from 'express';
import { agentRoutes } from './agents/agent-routes';
import { authorizeRoutes } from './identity/authorize-routes';
import { catalogRoutes, METRICS_PATH, metricsRoutes, U2C_PATH } from './identity/catalog-routes';
import { configRoutes } from './configuration/config-routes';
import { consoleRoutes } from './control/console-routes';
import type { SandboxContext } from './context';
import { controlRoutes } from './control/control-routes';
import { familyOf, locals, sendFamilyError, trackingKindOf } from './errors';
import { trackingIdFrom } from './ids';
import { identityRoutes } from './identity/identity-routes';
import { fromPackage } from './package-root';

// From the project root, so a bundled build in dist/ finds them too.
const VIEWS = fromPackage('views');
const PUBLIC = fromPackage('public');
const BODY_LIMIT = '64kb';

/** The Webex and WxCC paths: the ones that are logged, can fail on purpose and carry TrackingID. */
const isUpstream = (path: string) => path.startsWith('/webex/') || path.startsWith('/wxcc/');
const pathOf = (req: Request) => req.originalUrl.split('?')[0] ?? '';

type Middleware = (req: Request, res: Response, next: NextFunction) => void;
const upstreamOnly =
  (middleware: Middleware): Middleware =>
  (req, res, next) =>
    isUpstream(pathOf(req)) ? middleware(req, res, next) : next();

export function createSandboxApp(ctx: SandboxContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('views', VIEWS);
  app.set('view engine', 'ejs');

  // security headers: the sandbox's pages have no script and only its own stylesheet
  app.use((_req, res, next) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The consent URL carries state and PKCE challenge: never leak it in a Referer.
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  app.use('/_sandbox/static', express.static(PUBLIC, { index: false, maxAge: '1h' }));

  // tracking id, request log, body parsing, injected faults
  app.use(
    upstreamOnly((req, res, next) => {
      const kind = trackingKindOf(pathOf(req));
      const sent = req.headers.trackingid;
      const trackingId = trackingIdFrom(typeof sent === 'string' ? sent : undefined, kind);
      Object.assign(locals(res), { trackingId, trackingKind: kind });
      res.setHeader('TrackingID', trackingId);
      next();
    }),
  );
  app.use(upstreamOnly(ctx.log.middleware()));
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 100 }));
  app.use(upstreamOnly(ctx.log.captureBody()));
  app.use(upstreamOnly(ctx.faults.middleware(ctx.timers)));

  // routes
  app.use(U2C_PATH, catalogRoutes(ctx));
  app.use(METRICS_PATH, metricsRoutes(ctx));
  app.use('/webex/v1', authorizeRoutes(ctx), identityRoutes(ctx));
  app.use('/wxcc/v1', agentRoutes(ctx));
  app.use('/wxcc/organization', configRoutes(ctx));
  app.use('/_sandbox', controlRoutes(ctx), consoleRoutes(ctx));

  // not found, then the one error handler: every answer in the shape its caller expects
  app.use((req: Request, res: Response) => {
    answerError(req, res, 404, 'Resource not found or URI is invalid.');
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = statusOf(error);
    if (res.headersSent) return void res.destroy();
    const message =
      status === 400 ? 'The request body is not valid JSON or form data.' : messageOf(status);
    answerError(req, res, status, message);
  });
  return app;
}

function statusOf(error: unknown): number {
  const status =
    error !== null && typeof error === 'object' && 'status' in error ? error.status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

function messageOf(status: number): string {
  if (status === 413) return 'The request body is too large.';
  if (status === 415) return 'The request body has an unsupported encoding.';
  return status >= 500 ? 'Something went wrong in the sandbox.' : 'The request is not valid.';
}

function answerError(req: Request, res: Response, status: number, message: string): void {
  const path = pathOf(req);
  if (isUpstream(path)) return sendFamilyError(res, familyOf(path), status, message);
  if (path.startsWith('/_sandbox')) return void res.status(status).json({ error: message });
  res.status(status).type('text/plain').send(message);
}
