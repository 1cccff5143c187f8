// The agent's tools: the directory (search, then transfer, consult or dial), call variables and callbacks.
import { Router, type Request } from 'express';
import { AppError } from '../errors';
import { ensureCsrfToken } from '../middleware/csrf';
import { setFlash, takeFlash } from '../middleware/flash';
import type { AgentDirectory } from '../agent-tools/agent-directory';
import type { CallVariables } from '../agent-tools/call-variables';
import type { Callbacks } from '../agent-tools/callbacks';
import type { ContactService } from '../contacts/contact-service';
import type { ContactDirectoryService } from '../contacts/contact-directory';
import { checkCustomerNumber } from '../contacts/customer-numbers';
import type { ActionOutcome, StationService } from '../station/station-service';
import type { DialRulesFor } from './contact-routes';
import { formatPhone, outdialModel } from './contact-view-models';
import { context } from './session-helpers';
import { callbackItems } from './agent-tools-view';

const PENDING =
  'Webex Contact Center accepted the request but has not confirmed it yet. This page will update when it does.';
const ID = /^[A-Za-z0-9-]{1,64}$/;

export interface ToolsDeps {
  station: StationService;
  contacts: ContactService;
  contactDirectory: ContactDirectoryService;
  agentDirectory: AgentDirectory;
  callVariables: CallVariables;
  callbacks: Callbacks;
  dialRulesFor: DialRulesFor;
}

function body(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

function idOf(raw: unknown, what: string): string {
  const id = typeof raw === 'string' ? raw : '';
  if (!ID.test(id)) throw new AppError('bad_input', `There is no such ${what}.`, { field: what });
  return id;
}

function report(req: Request, outcome: ActionOutcome | void, confirmed: string): void {
  setFlash(
    req,
    outcome === 'pending'
      ? { kind: 'info', message: PENDING }
      : { kind: 'success', message: confirmed },
  );
}

export function toolsRoutes(deps: ToolsDeps): Router {
  const router = Router();
  const { agentDirectory: dirs, contacts } = deps;

  // ---- directory ----

  router.get('/directory', async (req, res) => {
    if (req.session.agent === undefined) return res.redirect(303, '/');
    const ctx = context(req);
    res.locals.csrfToken = ensureCsrfToken(req.session);
    const [results, snapshot, dir] = await Promise.all([
      dirs.search(ctx, { q: req.query.q, page: req.query.page }),
      deps.station.snapshot(ctx),
      deps.contactDirectory.forAgent(ctx),
    ]);
    // The call a transfer or consult is for: the one the agent is talking on.
    const live = Object.values(snapshot.contacts.items).find(
      (c) => (c.state === 'connected' || c.state === 'held') && !c.consulted,
    );
    const busy = Object.values(snapshot.contacts.items).some((c) => c.state !== 'wrapup');
    res.setHeader('Cache-Control', 'no-store');
    res.render('directory', {
      title: 'Directory',
      page: 'directory',
      flash: takeFlash(req),
      results,
      contact: live
        ? {
            id: live.interactionId,
            title: live.customerName ?? formatPhone(live.ani) ?? 'the call',
          }
        : undefined,
      consultToQueue: dir.consultToQueue,
      outdial: dir.outdial && !busy ? outdialModel(dir.outdial.anis) : undefined,
    });
  });

  router.post('/directory/transfer', async (req, res) => {
    const ctx = context(req);
    const id = idOf(body(req).contactId, 'contact');
    const target = await dirs.resolve(ctx, body(req).target);
    const to =
      target.destinationType === 'dialNumber'
        ? checkCustomerNumber(target.to, 'target', await deps.dialRulesFor(ctx))
        : target.to;
    const outcome = await contacts.transfer(ctx, id, {
      destinationType: target.destinationType,
      to,
    });
    await dirs.remember(ctx, target.entry);
    report(
      req,
      outcome,
      `The call is transferred to ${target.entry.label}. Choose a wrap-up reason.`,
    );
    res.redirect(303, '/');
  });

  router.post('/directory/consult', async (req, res) => {
    const ctx = context(req);
    const id = idOf(body(req).contactId, 'contact');
    const target = await dirs.resolve(ctx, body(req).target);
    if (target.destinationType === 'dialNumber') {
      throw new AppError('bad_input', 'Consult an agent or a queue.', { field: 'target' });
    }
    const outcome = await contacts.consult(ctx, id, {
      destinationType: target.destinationType,
      to: target.to,
    });
    await dirs.remember(ctx, target.entry);
    report(req, outcome, `Consulting ${target.entry.label}: the customer is on hold.`);
    res.redirect(303, '/');
  });

  router.post('/directory/dial', async (req, res) => {
    const ctx = context(req);
    const target = await dirs.resolve(ctx, body(req).target);
    if (target.destinationType !== 'dialNumber') {
      throw new AppError('bad_input', 'Choose a number from the address book.', {
        field: 'target',
      });
    }
    const origin = body(req).origin;
    const { outcome, destination } = await contacts.outdial(
      ctx,
      target.to,
      () => deps.dialRulesFor(ctx),
      typeof origin === 'string' && origin !== '' ? origin : undefined,
    );
    await dirs.remember(ctx, target.entry);
    report(req, outcome, `Dialling ${target.entry.label} (${destination}): answer your phone.`);
    res.redirect(303, '/');
  });

  // ---- call variables ----

  router.post('/call-variables/:id', async (req, res) => {
    const ctx = context(req);
    const id = idOf(req.params.id, 'contact');
    report(req, await deps.callVariables.save(ctx, id, body(req)), 'Call variables saved.');
    res.redirect(303, '/');
  });

  // ---- callbacks ----

  router.get('/callbacks', async (req, res) => {
    if (req.session.agent === undefined) return res.redirect(303, '/');
    const ctx = context(req);
    res.locals.csrfToken = ensureCsrfToken(req.session);
    const list = await deps.callbacks.mine(ctx);
    res.setHeader('Cache-Control', 'no-store');
    res.render('callbacks', {
      title: 'My callbacks',
      page: 'callbacks',
      flash: takeFlash(req),
      callbacks: callbackItems(list),
    });
  });

  router.post('/callbacks', async (req, res) => {
    const ctx = context(req);
    const id = idOf(body(req).contactId, 'contact');
    const booked = await deps.callbacks.book(ctx, id, body(req));
    setFlash(req, {
      kind: 'success',
      message: booked
        ? `Callback booked for ${booked.scheduleDate} ${booked.startTime.slice(0, 5)}–${booked.endTime.slice(0, 5)} (${booked.timezone}).`
        : 'Callback booked.',
    });
    res.redirect(303, '/');
  });

  router.post('/callbacks/:id/cancel', async (req, res) => {
    const ctx = context(req);
    await deps.callbacks.cancel(ctx, idOf(req.params.id, 'callback'));
    setFlash(req, { kind: 'success', message: 'Callback cancelled.' });
    // From the agent page's panel, back to the agent page; else the callbacks page.
    res.redirect(303, body(req).from === 'agent' ? '/' : '/callbacks');
  });

  return router;
}
