// Webex identity: POST /access_token (code and refresh grants) and GET /people/me.
import { Router } from 'express';
import { requireToken, authOf } from './auth';
import type { SandboxContext } from '../context';
import { checkContract } from '../spec-check/run-time-checks';
import { sendOAuthError } from '../errors';
import { orgIdOf, personId } from '../ids';
import { displayName, type SeedAgent } from '../seed';
import { isFailure } from './tokens';

/** Only plain string fields: a repeated or nested field is as good as missing. */
function formOf(body: unknown): Record<string, string> {
  const form: Record<string, string> = {};
  if (body === null || typeof body !== 'object') return form;
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') form[key] = value;
  return form;
}

export function identityRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.post('/access_token', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    if (!req.is('application/x-www-form-urlencoded')) {
      return sendOAuthError(
        res,
        'invalid_request',
        'Content-Type must be application/x-www-form-urlencoded.',
      );
    }
    const form = formOf(req.body);
    const grantType = form.grant_type;
    if (!grantType) return sendOAuthError(res, 'invalid_request', 'grant_type is required.');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return sendOAuthError(
        res,
        'unsupported_grant_type',
        `grant_type ${grantType} is not supported.`,
      );
    }
    const client = ctx.tokens.authenticate(form);
    if (isFailure(client)) return sendOAuthError(res, client.error, client.description);
    const result =
      grantType === 'authorization_code'
        ? ctx.tokens.exchangeCode(client, form)
        : ctx.tokens.refresh(client, form);
    if (isFailure(result)) return sendOAuthError(res, result.error, result.description);
    res.status(200).json(result);
  });

  router.get('/people/me', requireToken(ctx, 'webex'), checkContract, (_req, res) => {
    res.json(personOf(authOf(res).agent, ctx.seed.organization.id));
  });

  return router;
}

export function personOf(agent: SeedAgent, orgUuid: string) {
  return {
    id: personId(agent.id),
    emails: [agent.email],
    phoneNumbers: [{ type: 'work', value: agent.defaultDialNumber, primary: true }],
    displayName: displayName(agent),
    nickName: agent.firstName,
    firstName: agent.firstName,
    lastName: agent.lastName,
    orgId: orgIdOf(orgUuid),
    roles: [],
    licenses: [],
    created: '2024-01-15T09:30:00.000Z',
    lastModified: '2024-01-15T09:30:00.000Z',
    timezone: 'America/Los_Angeles',
    status: 'active',
    type: 'person',
  };
}
