// Webex's /authorize: checks the client and redirect URI, shows consent, redirects with a code.
import { z } from 'zod';
import { bodyOf } from '../control/control-input';
import { Router, type Request, type Response } from 'express';
import type { SandboxContext } from '../context';
import { opaque } from '../ids';
import { parseScopes, SCOPE_DESCRIPTIONS, unknownScopes } from './scopes';
import { displayName, type SeedAgent } from '../seed';
import { SHORT_LIVED_MS, type PendingConsent } from '../state';

const CHALLENGE = /^[A-Za-z0-9_-]{43,128}$/;
const MAX_STATE = 2048;

/** A query or form value: a repeated parameter (a list) or an absent one reads as absent. */
const textValue = z.string().optional().catch(undefined);
const text = (value: unknown): string | undefined => textValue.parse(value);

export function authorizeRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.get('/authorize', (req, res) => {
    const q = req.query;
    const client = ctx.tokens.client(text(q.client_id));
    const redirectUri = text(q.redirect_uri);
    // Never redirect to an address the client did not register: show the error here instead.
    if (!client) return showError(res, 'The application is not known (client_id is wrong).');
    if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
      return showError(res, 'The redirect_uri does not match any registered for this application.');
    }
    const state = text(q.state)?.slice(0, MAX_STATE);
    const back = (error: string, description: string) =>
      redirectBack(res, redirectUri, { error, error_description: description, state });
    if (text(q.response_type) !== 'code') {
      return back('unsupported_response_type', 'response_type must be code.');
    }
    const scopes = parseScopes(text(q.scope) ?? '');
    if (scopes.length === 0) return back('invalid_scope', 'At least one scope is required.');
    const unknown = unknownScopes(scopes);
    if (unknown.length > 0) return back('invalid_scope', `Unknown scope: ${unknown.join(' ')}`);
    const challenge = text(q.code_challenge);
    const method = text(q.code_challenge_method);
    if (challenge !== undefined || method !== undefined) {
      if (method !== 'S256') return back('invalid_request', 'code_challenge_method must be S256.');
      if (!challenge || !CHALLENGE.test(challenge)) {
        return back('invalid_request', 'code_challenge must be 43 to 128 URL-safe characters.');
      }
    }
    ctx.state.prune(Date.now());
    const consent: PendingConsent = {
      id: opaque(32),
      clientId: client.clientId,
      redirectUri,
      scopes,
      state,
      codeChallenge: challenge,
      expiresAt: Date.now() + SHORT_LIVED_MS,
    };
    ctx.state.consents.set(consent.id, consent);
    res.setHeader('Cache-Control', 'no-store');
    res.render('consent', {
      title: `Sign in to ${client.name}`,
      clientName: client.name,
      consentId: consent.id,
      scopes: scopes.map((s) => ({ name: s, description: SCOPE_DESCRIPTIONS[s] ?? s })),
      ...consentAgents(ctx.seed.agents),
    });
  });

  router.post('/authorize', (req: Request, res: Response) => {
    const form = bodyOf(req.body) ?? {};
    const id = text(form.consent) ?? '';
    const consent = ctx.state.consents.get(id);
    if (!consent || consent.expiresAt < Date.now()) {
      return showError(
        res,
        'This sign-in request has expired or was already answered. Start again from the application.',
      );
    }
    const base = { state: consent.state };
    if (text(form.decision) === 'decline') {
      ctx.state.consents.delete(id);
      return redirectBack(res, consent.redirectUri, {
        ...base,
        error: 'access_denied',
        error_description: 'The user declined to grant access.',
      });
    }
    if (text(form.decision) !== 'accept') return showError(res, 'Choose Accept or Decline.');
    const agent = ctx.state.agent(text(form.agentId) ?? '');
    if (!agent) return showError(res, 'Choose one of the listed people to sign in as.');
    ctx.state.consents.delete(id);
    const code = ctx.tokens.issueCode(consent, agent.id);
    return redirectBack(res, consent.redirectUri, { ...base, code });
  });

  return router;
}

/**
 * A seed of a few agents is a list to pick from. A benchmark's seed of thousands is not: its
 * consent page listed every one (half a megabyte at 5,000 agents, for every sign-in), which made
 * each sign-in cost the sandbox and its client in proportion to the seed. Past this many, the page
 * asks for the agent's id, the first one filled in.
 */
export const CONSENT_LIST_LIMIT = 100;

function consentAgents(agents: readonly SeedAgent[]) {
  const first = agents[0];
  if (agents.length <= CONSENT_LIST_LIMIT || first === undefined) {
    return {
      agents: agents.map((a) => ({ id: a.id, name: displayName(a), email: a.email })),
      agentCount: agents.length,
    };
  }
  return { agents: undefined, agentCount: agents.length, firstAgentId: first.id };
}

function showError(res: Response, message: string): void {
  res.status(400).setHeader('Cache-Control', 'no-store');
  res.render('authorize-error', { title: 'Sign-in problem', message });
}

function redirectBack(
  res: Response,
  redirectUri: string,
  params: Record<string, string | undefined>,
): void {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  res.setHeader('Cache-Control', 'no-store');
  res.redirect(302, url.toString());
}
