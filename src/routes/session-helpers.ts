// The session as routes need it: the agent's station context, and promise wrappers around
// express-session's callback API for Express 5's async handlers.
import type { Request } from 'express';
import { AppError } from '../errors';
import { msg } from '../i18n/message';
import type { StationContext } from '../station/station-service';

export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
}

export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((e) => (e ? reject(e) : resolve())),
  );
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((e) => (e ? reject(e) : resolve())));
}

/** The signed-in agent (their tokens are in the token store), or `not_connected`. */
export function context(req: Request): StationContext {
  const { agent } = req.session;
  if (agent === undefined) {
    throw new AppError('not_connected', msg('error.sessionExpired'));
  }
  return { agent };
}
