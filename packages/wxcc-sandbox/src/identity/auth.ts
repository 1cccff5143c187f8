// Bearer-token checks for the Webex and WxCC APIs: 401 for a missing, wrong or expired token.
import type { NextFunction, Request, Response } from 'express';
import type { SandboxContext } from '../context';
import { sendFamilyError, type ErrorFamily } from '../errors';
import { bearerOf } from '../control/request-log';
import type { SeedAgent } from '../seed';
import type { AccessGrant } from '../state';

export interface AuthInfo {
  grant: AccessGrant;
  agent: SeedAgent;
}

const MESSAGES = {
  missing: 'The request requires a valid access token set in the Authorization request header.',
  invalid: 'The access token is not valid.',
  expired: 'The access token has expired.',
};

/** Verifies the bearer token, then (optionally) that it carries the scope the API needs. */
export function requireToken(ctx: SandboxContext, family: ErrorFamily, scope?: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const verified = ctx.tokens.verify(bearerOf(req.headers.authorization));
    if ('failure' in verified) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      sendFamilyError(res, family, 401, MESSAGES[verified.failure]);
      return;
    }
    const agent = ctx.state.agent(verified.grant.agentId);
    if (!agent) {
      sendFamilyError(res, family, 401, MESSAGES.invalid);
      return;
    }
    if (scope !== undefined && !verified.grant.scopes.includes(scope)) {
      sendFamilyError(res, family, 403, `The access token lacks the ${scope} scope.`);
      return;
    }
    res.locals.sandboxAuth = { grant: verified.grant, agent } satisfies AuthInfo;
    next();
  };
}

export function authOf(res: Response): AuthInfo {
  const auth = res.locals.sandboxAuth as AuthInfo | undefined;
  if (!auth) throw new Error('requireToken must run before this handler');
  return auth;
}
