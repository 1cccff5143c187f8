// Builds the Express app from its dependencies; it never listens (server.ts does).
import express, {
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import session from 'express-session';
import type { Logger } from 'pino';
import type { Config } from './settings/config';
import { AppError } from './errors';
import { requestLogger } from './logging';
import { csrfProtection } from './middleware/csrf';
import { createErrorHandler, notFound } from './middleware/error-handler';
import { flashCookies } from './middleware/flash';
import { chooseLocale, languageMenu } from './middleware/locale';
import { msg } from './i18n/message';
import { formatsFor } from './i18n/format';
import { translator } from './i18n/translate';
import { useViews } from './rendering/views';
import { inMemoryPreferences, type AgentPreferences } from './preferences/agent-preferences';
import { preferenceRoutes } from './routes/preference-routes';
import { rateLimits, type RateLimitOptions } from './middleware/rate-limits';
import { securityHeaders } from './middleware/security-headers';
import { sessionTimeouts } from './middleware/session-timeouts';
import { upstreamContext } from './middleware/upstream-context';
import { contactRoutes, contactsForPage } from './routes/contact-routes';
import { toolsRoutes } from './routes/tools-routes';
import type { AgentDirectory } from './agent-tools/agent-directory';
import type { CallVariables } from './agent-tools/call-variables';
import type { Callbacks } from './agent-tools/callbacks';
import { fromRoot } from './project-root';
import { eventsRoutes } from './routes/events-routes';
import { healthRoutes } from './routes/health-routes';
import { metricsRoute } from './routes/metrics-route';
import type { DesktopMetrics } from './metrics/metrics';
import { homeRoutes } from './routes/home-routes';
import { agentToolsForPage } from './routes/agent-tools-view';
import type { AgentStatistics } from './agent-statistics/agent-statistics';
import { liveFragments } from './routes/live-fragments';
import { oauthRoutes } from './routes/oauth-routes';
import { sessionRoutes } from './routes/session-routes';
import { stationRoutes } from './routes/station-routes';
import type { AgentClients } from './clients/agent-client';
import type { ContactDirectoryService } from './contacts/contact-directory';
import type { ContactService } from './contacts/contact-service';
import { boundAnonymousSessions } from './session-store/anonymous-sessions';
import type { DirectoryService } from './station/station-directory';
import type { OAuthService } from './sign-in/oauth-service';
import { inMemoryStationMemory, type StationMemory } from './station/station-memory';
import type { StationService } from './station/station-service';
import { randomFromPool } from './session-store/random-pool';

export interface AppDeps {
  config: Config;
  logger: Logger;
  oauth: OAuthService;
  station: StationService;
  directory: DirectoryService;
  /** Calls made for an agent (the page asks Webex whether the sign-in still works). */
  wxcc: AgentClients;
  contacts: ContactService;
  contactDirectory: ContactDirectoryService;
  /** The agent's tools: directory, call variables, callbacks; absent, their pages are not served. */
  tools?: { agentDirectory: AgentDirectory; callVariables: CallVariables; callbacks: Callbacks };
  /** The agent's own statistics and recent contacts; without it the page has no such panels. */
  statistics?: AgentStatistics;
  /** Defaults to express-session's MemoryStore, which suits tests only. */
  sessionStore?: session.Store;
  /** Each agent's last station, to prefill the form; kept in memory when unset (tests). */
  stationMemory?: StationMemory;
  /** Resolves when the session and secure stores answer; /readyz reports it. */
  checkReady?: () => Promise<void>;
  rateLimits?: RateLimitOptions;
  /** The clock for session timeouts; tests move it forward instead of waiting. */
  now?: () => number;
  /** Aborted at shutdown: long-lived responses (event streams) end so the server can close. */
  shutdown?: AbortSignal;
  /** Served at /metrics (metrics-route.ts) and fed by the live streams and rate limits. */
  metrics?: DesktopMetrics;
  /** Each agent's chosen language; kept in memory when unset (tests). */
  preferences?: AgentPreferences;
}

export { SESSION_COOKIE } from './settings/config';
/** Where public/ is served: its own prefix, so no other request looks for a file first. */
export const STATIC_PREFIX = '/static';

export function createApp(deps: AppDeps): Express {
  const { config, logger, station } = deps;
  const app = express();
  const limits = rateLimits({
    ...deps.rateLimits,
    onRefused: (limit) => deps.metrics?.rateLimited.inc({ limit }),
  });
  const memory = deps.stationMemory ?? inMemoryStationMemory();
  const preferences = deps.preferences ?? inMemoryPreferences();
  // The pseudo-locale shows untranslated text; the people who build the desktop use it, not agents.
  const pseudo = config.env !== 'production';

  // config
  // Pages (res.render) and the live stream's regions from one set of compiled templates.
  const views = useViews(app, {
    root: fromRoot('views'),
    compileDebug: config.env !== 'production',
  });
  // Every page is personal and sent no-store, so an ETag (a hash of each body) would serve no one.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // The same for every request: set once rather than per request.
  app.locals.mode = config.mode;
  app.locals.flash = undefined;
  app.locals.trackingId = undefined;
  // English until chooseLocale runs: a page drawn before it (the session store down) still speaks.
  app.locals.lang = 'en';
  app.locals.t = translator('en').t;
  app.locals.say = translator('en').say;
  app.locals.fmt = formatsFor('en');
  app.locals.languages = languageMenu({ pseudo });

  // middleware
  // Health checks answer first: a load balancer's probe every few seconds needs no request id,
  // no security headers and no log line. A failed readiness check is logged, once per probe.
  const checkReady = deps.checkReady ?? (() => Promise.resolve());
  app.use(
    healthRoutes(() =>
      checkReady().catch((err: unknown) => {
        logger.warn({ err }, 'readiness check failed: the session store does not answer');
        throw err;
      }),
    ),
  );
  // Scraped every few seconds: answered before the request log and the session, like the probes.
  if (deps.metrics) {
    app.use(
      metricsRoute(deps.metrics.registry, {
        token: config.metricsToken,
        production: config.env === 'production',
      }),
    );
  }
  app.use(requestLogger(logger));
  app.use(securityHeaders(config.webex.apiBase));
  // Files answer before any session work: a stylesheet needs no cookie, no store read and no
  // body parsing. A missing file is a 404 here.
  app.use(
    STATIC_PREFIX,
    express.static(fromRoot('public'), { maxAge: '1h', index: false, fallthrough: false }),
  );
  app.use(upstreamContext);
  app.use(express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 40 }));
  const sessions = session({
    name: config.session.cookieName,
    secret: config.session.secret,
    store: deps.sessionStore,
    // 24 random bytes as express-session's own ids (uid-safe), from the pool: every request
    // without a cookie is given one, saved or not.
    genid: () => randomFromPool(24).toString('base64url'),
    // Only changed sessions are written: fewer store writes, no race between parallel requests.
    resave: false,
    // No cookie until there is something to remember.
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      // Always Secure in production over https; otherwise whenever the request came over https.
      secure: config.session.cookieSecure,
      maxAge: config.session.absoluteTimeoutMs,
    },
  });
  // A store that cannot be reached (Redis down) is a temporary outage, not a bug: say so.
  app.use((req, res, next) =>
    sessions(req, res, (error?: unknown) =>
      next(
        error
          ? new AppError('session_unavailable', msg('error.sessionUnavailable'), {
              cause: error,
              retryAfterSec: 5,
            })
          : undefined,
      ),
    ),
  );
  app.use(
    sessionTimeouts({
      idleTimeoutMs: config.session.idleTimeoutMs,
      absoluteTimeoutMs: config.session.absoluteTimeoutMs,
      onExpired: (agentId) => station.expireIfDue(agentId),
      onActive: (agentId, at) => station.touch(agentId, at),
      now: deps.now,
    }),
  );
  app.use(boundAnonymousSessions());
  app.use(chooseLocale({ pseudo }));
  app.use(flashCookies(config.session.secret, { hardened: config.session.cookieSecure === true }));
  // Every other form posted without a sign-in counts against the same limits as sign-in: it
  // costs a store look-up or more (counted before the form token is checked, so a flood of
  // forged posts is limited too), and nothing about it is the work of a signed-in agent.
  app.use((req, res, next) => {
    if (req.method !== 'POST' || req.session?.agent !== undefined || req.path === '/connect')
      return next();
    runAll(limits.oauth, req, res, next);
  });
  const csrf = csrfProtection(config.session.secret, {
    hardened: config.session.cookieSecure === true,
  });
  app.use(csrf.provide);
  app.use(csrf.verify);
  app.use((req, res, next) => {
    // Pages of a signed-in agent hold personal data: never keep them in any cache.
    if (req.session?.agent) res.set('Cache-Control', 'no-store');
    next();
  });

  // routes
  app.use(['/connect', '/oauth'], limits.oauth);
  app.use('/station', limits.actions);
  app.use(['/contacts', '/directory', '/call-variables', '/callbacks'], limits.actions);
  app.use('/session/check', limits.sessionCheck);
  const contactsView = contactsForPage(
    deps.contacts,
    deps.contactDirectory,
    deps.tools?.callVariables,
  );
  const toolsView =
    deps.statistics &&
    agentToolsForPage(
      deps.statistics,
      deps.contactDirectory,
      deps.now ?? Date.now,
      deps.tools?.callbacks,
    );
  app.use(homeRoutes(station, deps.directory, memory, config, contactsView, toolsView));
  app.use(oauthRoutes(deps.oauth, station, preferences, deps.now));
  app.use(preferenceRoutes(preferences, { pseudo, secureCookie: config.session.cookieSecure }));
  app.use(stationRoutes(station, memory, deps.directory));
  app.use(contactRoutes(deps.contacts, (ctx) => deps.directory.dialRulesFor(ctx)));
  if (deps.tools) {
    app.use(
      toolsRoutes({
        ...deps.tools,
        station,
        contacts: deps.contacts,
        contactDirectory: deps.contactDirectory,
        dialRulesFor: (ctx) => deps.directory.dialRulesFor(ctx),
      }),
    );
  }
  app.use(
    sessionRoutes(station, config.session.cookieName, {
      verifySignIn: (ctx) => deps.wxcc.forAgent(ctx.agent.agentId).getMe(),
    }),
  );
  app.use(
    eventsRoutes(
      station,
      deps.shutdown,
      liveFragments(views, deps.directory, contactsView, toolsView),
      deps.metrics,
    ),
  );

  // errors
  app.use(notFound);
  app.use(createErrorHandler());
  return app;
}

/** Runs middlewares one after the other, as `app.use(path, [a, b])` would. */
function runAll(
  handlers: readonly RequestHandler[],
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  const [first, ...rest] = handlers;
  if (first === undefined) return next();
  void first(req, res, (error?: unknown) =>
    error === undefined ? runAll(rest, req, res, next) : next(error),
  );
}
