// The control API under /_sandbox: tokens, faults, the request log and supervisor actions.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { SandboxContext } from '../context';
import { bodyOf, optionalIdInput, readInput } from './control-input';
import { FAULT_KINDS, FAULT_TARGETS, parseFault } from './faults';
import { describeAgents, runSupervisorAction, type ActionResult } from './supervisor';
import { describeContacts, hangUp, setTenant } from '../contacts/call-control';

const tokenInput = z.object({ agentId: optionalIdInput('agentId') });

/** A console form (urlencoded) gets post/redirect/get; a JSON caller gets JSON. */
function answer(req: Request, res: Response, result: ActionResult, notice: string): void {
  if (req.is('application/x-www-form-urlencoded')) {
    const error = typeof result.body.error === 'string' ? result.body.error : undefined;
    const query = new URLSearchParams(error ? { error } : { notice });
    res.redirect(303, `/_sandbox/console?${query.toString()}`);
    return;
  }
  res.status(result.status).json(result.body);
}

export function controlRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.json({
      console: '/_sandbox/console',
      endpoints: [
        'POST /_sandbox/tokens/expire {agentId?}: access tokens expire now; the app refreshes them',
        'POST /_sandbox/tokens/revoke {agentId?}: refresh tokens stop working; access tokens keep working until they expire',
        'POST /_sandbox/tokens/revoke-and-expire {agentId?}: both at once, the sign-in is dead now (as when a Webex admin revokes the integration)',
        'GET|POST|DELETE /_sandbox/faults {target, kind, status?, count?, retryAfterSec?, delayMs?}',
        'GET|DELETE /_sandbox/requests',
        'GET /_sandbox/agents',
        'POST /_sandbox/agents/:agentId/(state|logout|interaction|drop-websocket|multi-login|rona)',
        'POST /_sandbox/agents/:agentId/call {ani?, customerName?, queueId?, cad?, ronaTimeoutSec?, pauseResumeEnabled?}',
        'POST /_sandbox/agents/:agentId/offer {mediaType: chat|email|social, mediaChannel?, address?, customerName?, queueId?, cad?, ronaTimeoutSec?}: a digital contact offered to an agent whose multimedia profile has a free slot for it',
        'POST /_sandbox/agents/:agentId/(answer|decline|ring-out) {interactionId?}',
        'GET|DELETE /_sandbox/contacts',
        'POST /_sandbox/contacts/:interactionId/hang-up',
        'GET|PATCH|POST /_sandbox/tenant {endCallEnabled?, endConsultEnabled?, outdialEnabled?, callVariablesSuppressed?}',
      ],
      faults: {
        targets: FAULT_TARGETS,
        kinds: FAULT_KINDS,
        defaults: { status: '500, or 429 for rate_limit', count: 1, retryAfterSec: 1, delayMs: 0 },
        example: { target: 'login', kind: 'timeout', count: 1 },
      },
    });
  });

  for (const kind of ['expire', 'revoke', 'revoke-and-expire'] as const) {
    router.post(`/tokens/${kind}`, (req, res) => {
      const input = readInput(tokenInput, req.body ?? {});
      if (typeof input === 'string') {
        return answer(req, res, { status: 400, body: { error: 'agentId must be a string' } }, '');
      }
      const { agentId } = input;
      if (agentId !== undefined && !ctx.state.agent(agentId)) {
        return answer(req, res, { status: 404, body: { error: 'no agent with that id' } }, '');
      }
      const body200 =
        kind === 'expire'
          ? { expired: ctx.tokens.expire(agentId) }
          : kind === 'revoke'
            ? { revoked: ctx.tokens.revoke(agentId) }
            : { revoked: ctx.tokens.revoke(agentId), expired: ctx.tokens.expire(agentId) };
      const notice =
        { expire: 'tokens-expired', revoke: 'tokens-revoked' }[kind as string] ?? 'tokens-ended';
      answer(req, res, { status: 200, body: body200 }, notice);
    });
  }

  router.get('/faults', (_req, res) => {
    res.json(ctx.faults.list());
  });
  router.post('/faults', (req, res) => {
    const fault = parseFault(req.body);
    if (typeof fault === 'string') return void res.status(400).json({ error: fault });
    ctx.faults.add(fault);
    res.status(201).json(fault);
  });
  router.delete('/faults', (_req, res) => {
    ctx.faults.clear();
    res.status(204).end();
  });

  router.get('/requests', (_req, res) => {
    res.json(ctx.log.list());
  });
  router.delete('/requests', (_req, res) => {
    ctx.log.clear();
    res.status(204).end();
  });

  router.get('/contacts', (_req, res) => {
    res.json(describeContacts(ctx));
  });
  router.delete('/contacts', (_req, res) => {
    res.json({ cleared: ctx.contacts.clear() });
  });
  router.post('/contacts/:interactionId/hang-up', (req, res) => {
    answer(req, res, hangUp(ctx, req.params.interactionId), 'hang-up');
  });

  router.get('/tenant', (_req, res) => {
    res.json({ ...ctx.contacts.tenant });
  });
  // PATCH for programs; POST for the console's forms, which cannot send PATCH.
  for (const method of ['patch', 'post'] as const) {
    router[method]('/tenant', (req, res) => {
      const body = bodyOf(req.body);
      const result = body
        ? setTenant(ctx, body)
        : { status: 400, body: { error: 'the body must be a JSON object' } };
      answer(req, res, result, 'tenant');
    });
  }

  router.get('/agents', (_req, res) => {
    res.json(describeAgents(ctx));
  });
  router.post('/agents/:agentId/:action', (req, res) => {
    const body = bodyOf(req.body);
    const { agentId, action } = req.params;
    const result = body
      ? runSupervisorAction(ctx, agentId, action, body)
      : { status: 400, body: { error: 'the body must be a JSON object' } };
    answer(req, res, result, action);
  });

  return router;
}
