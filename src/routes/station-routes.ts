// Agent Login, state changes and Agent Logout: parse the form, call the service, redirect.
import { Router, type Request } from 'express';
import { msg, type Message } from '../i18n/message';
import { setFlash } from '../middleware/flash';
import type { DirectoryService } from '../station/station-directory';
import type { ActionOutcome, StationService } from '../station/station-service';
import type { StationMemory } from '../station/station-memory';
import { context } from './session-helpers';
import { parseLogoutReason, parseStateChoice, parseStationChoice } from '../station/station-input';

const PENDING = msg('station.pending');

export function stationRoutes(
  station: StationService,
  memory: StationMemory,
  directory?: DirectoryService,
): Router {
  const router = Router();

  router.post('/station/login', async (req, res) => {
    const ctx = context(req);
    // Checked against what the form offered: the agent's teams, stations and dial rules.
    const offer = directory ? await directory.forAgent(ctx) : undefined;
    const choice = parseStationChoice(
      body(req),
      offer && {
        teamIds: offer.teams?.map((t) => t.id),
        loginOptions: offer.loginOptions,
        dialRules: offer.dialRules,
      },
    );
    // Remembered before the call, so a refused login still prefills what the agent typed.
    await memory.remember(ctx.agent.agentId, choice);
    const outcome = await station.login(ctx, choice);
    report(req, outcome, msg('station.loggedIn'));
    res.redirect(303, '/');
  });

  router.post('/station/state', async (req, res) => {
    const ctx = context(req);
    const offer = directory ? await directory.forAgent(ctx) : undefined;
    // Without a list (configuration unreadable) WxCC alone judges the code.
    const offered = offer?.unavailableReason ? undefined : offer?.idleCodes.map((c) => c.id);
    const { state, auxCodeId } = parseStateChoice(body(req), offered);
    const outcome = await station.setState(ctx, state, auxCodeId);
    report(req, outcome, msg(state === 'Available' ? 'station.nowAvailable' : 'station.nowIdle'));
    res.redirect(303, '/');
  });

  router.post('/station/logout', async (req, res) => {
    const reason = parseLogoutReason(body(req));
    const outcome = await station.logout(context(req), reason);
    report(req, outcome, msg('station.loggedOut'));
    res.redirect(303, '/');
  });

  router.post('/station/take-back', async (req, res) => {
    await station.takeBack(context(req));
    setFlash(req, { kind: 'success', message: msg('station.tookBack') });
    res.redirect(303, '/');
  });

  return router;
}

function body(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

function report(req: Request, outcome: ActionOutcome, confirmed: Message): void {
  setFlash(
    req,
    outcome === 'confirmed'
      ? { kind: 'success', message: confirmed }
      : { kind: 'info', message: PENDING },
  );
}
