// WxCC agents API and notification subscribe: check, answer 202, deliver the outcome by websocket.
import { Router, type Request, type Response } from 'express';
import { loginInput, logoutInput, stateInput, subscribeInput, type Checked } from './agent-input';
import { authOf, requireToken } from '../identity/auth';
import type { SandboxContext } from '../context';
import { checkContract } from '../spec-check/run-time-checks';
import { sendAgentsError, trackingIdOf } from '../errors';
import type { AgentEvent } from './events';
import { randomUUID } from '../ids';
import { CJP_USER } from '../identity/scopes';
import { taskRoutes } from '../contacts/task-routes';
import { callbackRoutes } from '../callbacks/callback-routes';
import { buddyListEvent } from '../contacts/buddy-list';
import type { SeedAgent } from '../seed';

const HOST_HEADER = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export function agentRoutes(ctx: SandboxContext): Router {
  const router = Router();
  // The token first, then the spec's schemas; the rules below add only what the spec says in prose.
  router.use(requireToken(ctx, 'agents', CJP_USER), checkContract);
  router.use(taskRoutes(ctx, ctx.contacts));
  router.use(callbackRoutes(ctx));

  /** 202 now, the outcome later over the agent's websocket(s), as WxCC does. */
  const accept = (res: Response, agent: SeedAgent, event: AgentEvent) => {
    res.status(202).json({ trackingId: trackingIdOf(res) });
    ctx.timers.set(() => ctx.hub.publish(agent.id, event), ctx.settings.eventDelayMs);
  };

  /** The body, or undefined once a 400 (or 403 for another agent's id) has been sent. */
  function valid<T extends object>(res: Response, checked: Checked<T>): T | undefined {
    if ('invalid' in checked) {
      sendAgentsError(res, 400, checked.invalid.message, checked.invalid.field);
      return undefined;
    }
    const { agent } = authOf(res);
    const agentId: unknown = 'agentId' in checked.value ? checked.value.agentId : undefined;
    if (agentId !== undefined && agentId !== agent.id) {
      sendAgentsError(res, 403, 'agentId: is not the agent this token belongs to', 'agentId');
      return undefined;
    }
    return checked.value;
  }

  router.post('/agents/login', (req, res) => {
    const body = valid(res, loginInput(req.body));
    if (!body) return;
    const { agent } = authOf(res);
    accept(res, agent, ctx.station.login(agent, body, trackingIdOf(res)));
  });

  const logout = (req: Request, res: Response) => {
    const body = valid(res, logoutInput(req.body));
    if (!body) return;
    const { agent } = authOf(res);
    const event = ctx.station.logout(agent, body.logoutReason, trackingIdOf(res), { kind: 'self' });
    accept(res, agent, event);
  };
  // The spec says PUT; Cisco's SDK and samples POST: serve both.
  router.put('/agents/logout', logout);
  router.post('/agents/logout', logout);

  router.put('/agents/session/state', (req, res) => {
    const body = valid(res, stateInput(req.body));
    if (!body) return;
    const { agent } = authOf(res);
    accept(res, agent, ctx.station.setState(agent, body, trackingIdOf(res), { kind: 'self' }));
    // Available again: a queue consult waiting for an agent rings here, after the state event.
    ctx.contacts.consults.offerQueuedConsult(agent.id, trackingIdOf(res));
  });

  router.post('/agents/reload', (_req, res) => {
    const { agent } = authOf(res);
    accept(res, agent, ctx.station.reload(agent, trackingIdOf(res)));
    // Then one AgentContact per open contact, with its current state (TASKS.md §4.2).
    const snapshots = ctx.contacts.snapshots(agent.id, trackingIdOf(res));
    if (ctx.state.sessions.has(agent.id)) ctx.contacts.send({ deliveries: snapshots });
  });

  router.post('/agents/buddyList', (req, res) => {
    const { agent } = authOf(res);
    accept(res, agent, buddyListEvent(ctx, agent, req.body, trackingIdOf(res)));
  });

  router.post('/notification/subscribe', (req, res) => {
    const input = valid(res, subscribeInput(req.body));
    if (!input) return;
    const { agent } = authOf(res);
    const id = randomUUID();
    ctx.state.prune(Date.now());
    ctx.state.subscriptions.set(id, {
      id,
      agentId: agent.id,
      ...input,
      createdAt: Date.now(),
      connected: false,
    });
    res.status(200).json({
      webSocketUrl: `ws://${hostOf(req, ctx)}/wxcc/v1/notification/subscription/${id}`,
      subscriptionId: id,
    });
  });

  return router;
}

/** The host the client reached us on, so the URL passes a same-host check; else our own. */
export function hostOf(req: Request, ctx: SandboxContext): string {
  const host = req.headers.host ?? '';
  return HOST_HEADER.test(host) ? host : new URL(ctx.origin()).host;
}
