// Supervisor actions of the control API and console: each is a change WxCC would announce by event.
import { z } from 'zod';
import { flagInput, optionalIdInput, readInput } from './control-input';
import type { SandboxContext } from '../context';
import { newTrackingId } from '../ids';
import type { Actor } from '../agents/station';
import { CALL_ACTIONS, runCallAction } from '../contacts/call-control';

export interface ActionResult {
  status: number;
  body: Record<string, unknown>;
}

export const SUPERVISOR_ACTIONS = [
  'state',
  'logout',
  'interaction',
  'drop-websocket',
  'multi-login',
  'rona',
  ...CALL_ACTIONS,
] as const;
export type SupervisorAction = (typeof SUPERVISOR_ACTIONS)[number];

const bad = (error: string, status = 400): ActionResult => ({ status, body: { error } });

const stateInput = z.object({
  state: z.enum(['Available', 'Idle'], { error: 'state must be Available or Idle' }),
  auxCodeId: optionalIdInput('auxCodeId'),
});
const interactionInput = z.object({ active: flagInput('active must be true or false') });

export function runSupervisorAction(
  ctx: SandboxContext,
  agentId: string,
  action: string,
  input: Record<string, unknown>,
): ActionResult {
  const agent = ctx.state.agent(agentId);
  if (!agent) return bad(`no agent with id ${agentId.slice(0, 64)}`, 404);
  const actor: Actor = { kind: 'supervisor', ...ctx.seed.supervisor };
  const trackingId = newTrackingId('agents');
  const deliver = (event: ReturnType<typeof ctx.station.reload>) =>
    ctx.timers.set(() => ctx.hub.publish(agent.id, event), ctx.settings.eventDelayMs);
  const loggedIn = ctx.state.sessions.has(agent.id);

  switch (action) {
    case 'state': {
      const change = readInput(stateInput, input);
      if (typeof change === 'string') return bad(change);
      if (!loggedIn) return bad('the agent is not logged in', 409);
      const { state, auxCodeId: code } = change;
      if (state === 'Idle' && code !== undefined && !ctx.station.idleCodeAllowed(agent, code)) {
        return bad('auxCodeId is not an idle code this agent may use');
      }
      const event = ctx.station.setState(agent, { state, auxCodeId: code }, trackingId, actor);
      deliver(event);
      ctx.contacts.consults.offerQueuedConsult(agent.id, trackingId);
      return { status: 200, body: { event } };
    }
    case 'logout': {
      if (!loggedIn) return bad('the agent is not logged in', 409);
      const event = ctx.station.logout(agent, 'Logged out by supervisor', trackingId, actor);
      deliver(event);
      return { status: 200, body: { event } };
    }
    case 'interaction': {
      const interaction = readInput(interactionInput, input);
      if (typeof interaction === 'string') return bad(interaction);
      const { active } = interaction;
      // A call that connects at once, or the latest one closed with nothing owed; ending when
      // nothing is open is a no-op, so tests can clean up unconditionally.
      const outcome = active
        ? ctx.contacts.connectNow(agent.id, trackingId)
        : ctx.contacts.closeLatest(agent.id, trackingId);
      const events = 'deliveries' in outcome ? outcome.deliveries.map((d) => d.event) : [];
      return { status: 200, body: { event: events.at(-1) ?? null, events } };
    }
    case 'drop-websocket':
      return { status: 200, body: { dropped: ctx.hub.drop(agent.id) } };
    case 'rona': {
      // WxCC's own move after a missed offer: the agent lands in the RONA system idle code.
      const code = ctx.seed.auxCodes.find((c) => c.isSystemCode && c.name === 'RONA');
      const event = code && ctx.station.systemIdle(agent, code.id, trackingId);
      if (!event) return bad('the agent is not logged in', 409);
      deliver(event);
      return { status: 200, body: { event } };
    }
    case 'multi-login':
      return { status: 200, body: { notified: ctx.hub.notifyMultiLogin(agent.id, trackingId) } };
    default:
      return (
        runCallAction(ctx, agent.id, action, input) ??
        bad(`action must be one of ${SUPERVISOR_ACTIONS.join(', ')}`, 404)
      );
  }
}

/** What GET /_sandbox/agents and the console show about each agent. */
export function describeAgents(ctx: SandboxContext) {
  return ctx.seed.agents.map((agent) => {
    const session = ctx.state.sessions.get(agent.id);
    return {
      id: agent.id,
      userId: agent.userId,
      name: `${agent.firstName} ${agent.lastName}`,
      email: agent.email,
      teamIds: agent.teamIds,
      agentProfileId: agent.agentProfileId,
      defaultDialNumber: agent.defaultDialNumber,
      session: session ? { ...session } : null,
      interactionIds: ctx.state.interactionIds(agent.id),
      websockets: ctx.hub.connectionsOf(agent.id),
    };
  });
}
