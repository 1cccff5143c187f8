// The supervisor console: a server-rendered page whose buttons post to the control API.
import { Router } from 'express';
import type { SandboxContext } from '../context';
import { describeAgents } from './supervisor';
import { CALL_NOTICES, contactsForConsole } from '../contacts/console-contacts';
import { toolsForConsole } from './console-tools';

const NOTICES: Record<string, string> = {
  'tokens-expired': 'Access tokens have expired. The next API call of each desktop gets 401.',
  'tokens-revoked':
    'Refresh tokens are revoked: desktops keep working until their access tokens expire, then must connect again.',
  'tokens-ended': 'Sign-ins ended: refresh tokens revoked and access tokens expired.',
  state: 'State change sent.',
  logout: 'Agent logged out.',
  interaction: 'Interaction updated.',
  'drop-websocket': 'Websockets dropped.',
  'multi-login': 'Second desktop simulated.',
  rona: 'The agent missed an offer: WxCC set them Idle with RONA.',
  ...CALL_NOTICES,
};

export function consoleRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.get('/console', (req, res) => {
    const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined;
    const error = typeof req.query.error === 'string' ? req.query.error.slice(0, 200) : undefined;
    const teamName = (id: string) => ctx.seed.teams.find((t) => t.id === id)?.name ?? id;
    const codeName = (id: string) => ctx.state.auxCode(id)?.name ?? id;
    const calls = contactsForConsole(ctx);
    const agents = describeAgents(ctx).map((a) => {
      const s = a.session;
      const stateLabel = !s
        ? 'Logged out'
        : s.subStatus === 'Available'
          ? 'Available'
          : `Idle: ${codeName(s.auxCodeId)}`;
      const agent = ctx.state.agent(a.id);
      const idleCodes = ctx.seed.auxCodes
        .filter((c) => agent !== undefined && ctx.station.idleCodeAllowed(agent, c.id))
        .map((c) => ({ id: c.id, name: c.name }));
      return {
        id: a.id,
        name: a.name,
        email: a.email,
        loggedIn: s !== null,
        stateLabel,
        stateClass: !s ? 'logged-out' : s.subStatus === 'Available' ? 'available' : 'idle',
        dn: s?.dn ?? '',
        deviceType: s?.deviceType ?? '',
        team: s ? teamName(s.teamId) : '',
        since: s ? new Date(s.lastStateChangeTimestamp).toISOString() : '',
        interactions: a.interactionIds.length,
        websockets: a.websockets.length,
        idleCodes,
        available: s?.subStatus === 'Available',
        ringing: calls.ringing(a.id),
      };
    });
    res.setHeader('Cache-Control', 'no-store');
    res.render('console', {
      title: 'Sandbox supervisor console',
      notice,
      error,
      agents,
      calls,
      tools: toolsForConsole(ctx),
      organization: ctx.seed.organization.name,
    });
  });

  return router;
}
