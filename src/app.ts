// Builds the Express app from its dependencies; it never listens (server.ts does).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Config } from './config';
import { createErrorHandler, notFound } from './middleware/error-handler';
import { provideCsrfToken, verifyCsrfToken } from './middleware/csrf';
import { homeRoutes } from './routes/home-routes';
import { oauthRoutes } from './routes/oauth-routes';
import { sessionRoutes } from './routes/session-routes';
import { stationRoutes } from './routes/station-routes';
import type { OAuthService } from './services/oauth-service';
import type { StationService } from './services/station-service';

export interface AppDeps {
  config: Config;
  logger: Logger;
  oauth: OAuthService;
  station: StationService;
  /** Defaults to express-session's MemoryStore, which suits tests only. */
  sessionStore?: session.Store;
}

export const SESSION_COOKIE = 'wxcc_desktop.sid';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const app = express();

  // config
  app.set('view engine', 'ejs');
  app.set('views', path.join(root, 'views'));
  app.disable('x-powered-by');

  // middleware
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          formAction: ["'self'", new URL(config.webex.apiBase).origin],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  app.use(express.static(path.join(root, 'public'), { maxAge: '1h', index: false }));
  app.use(express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 20 }));
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: config.session.secret,
      store: deps.sessionStore,
      // Only changed sessions are written: fewer store writes, no race between parallel requests.
      resave: false,
      // No cookie until there is something to remember.
      saveUninitialized: false,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.webex.redirectUri.startsWith('https:'),
        maxAge: 12 * 3600 * 1000,
      },
    }),
  );
  app.use(provideCsrfToken);
  app.use(verifyCsrfToken);
  app.use((_req, res, next) => {
    res.locals.mode = config.mode;
    res.locals.flash = undefined;
    res.locals.trackingId = undefined;
    next();
  });

  // routes
  app.use(homeRoutes(deps.station, config));
  app.use(oauthRoutes(deps.oauth));
  app.use(stationRoutes(deps.station));
  app.use(sessionRoutes(deps.station, SESSION_COOKIE));

  // errors
  app.use(notFound);
  app.use(
    createErrorHandler((error, req) => {
      const level = (error as { code?: string }).code === 'internal' || !('code' in Object(error));
      logger[level ? 'error' : 'warn'](
        { err: error, method: req.method, path: req.path },
        'request failed',
      );
    }),
  );
  return app;
}
