// The agent's tools: the directory (search, then transfer, consult or dial), call variables and callbacks.
import { msg, type Message } from '../i18n/message';
import { Router, type Request } from 'express';
import { AppError } from '../errors';
import { ensureCsrfToken } from '../middleware/csrf';
import { setFlash, takeFlash } from '../middleware/flash';
import { snapshotKey } from './fingerprint';
import type { AgentDirectory } from '../agent-tools/agent-directory';
import type { CallVariables } from '../agent-tools/call-variables';
import type { Callbacks } from '../agent-tools/callbacks';
import type { ContactService } from '../contacts/contact-service';
import type { ContactDirectoryService } from '../contacts/contact-directory';
import { checkCustomerNumber } from '../contacts/customer-numbers';
import { othersKeepTalking } from '../contacts/contact-input';
import type { ActionOutcome, StationContext, StationService } from '../station/station-service';
import type { DialRulesFor } from './contact-routes';
import { agentIdsOnCall, directoryResults } from './directory-view';
import { context } from './session-helpers';
import { callbackItems } from './agent-tools-view';

const PENDING = msg('station.pending');
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

function idOf(raw: unknown, what: 'contact' | 'callback'): string {
  const id = typeof raw === 'string' ? raw : '';
  if (!ID.test(id)) throw new AppError('bad_input', msg(`tools.noSuch.${what}`), { field: what });
  return id;
}

function report(req: Request, outcome: ActionOutcome | void, confirmed: Message): void {
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
    const model = await directoryResults(deps, ctx, { q: req.query.q, page: req.query.page });
    res.setHeader('Cache-Control', 'no-store');
    res.render('directory', {
      title: msg('directory.title'),
      page: 'directory',
      // Signed in: the page's live stream brings the agent to a new offer (public/desktop.js).
      agent: ctx.agent,
      flash: takeFlash(req),
      ...model,
    });
  });

  // The agent page's directory panel asks for its results here (public/directory-panel.js) and
  // draws them in place; without JavaScript its form opens /directory instead.
  router.get('/directory/results', async (req, res) => {
    if (req.session.agent === undefined) return res.status(401).end();
    const ctx = context(req);
    res.locals.csrfToken = ensureCsrfToken(req.session);
    const model = await directoryResults(deps, ctx, { q: req.query.q, page: req.query.page });
    res.setHeader('Cache-Control', 'no-store');
    res.render('partials/directory-panel-results', model);
  });

  /**
   * The contact's media and the agents on it, so its target is checked against the buddy list of
   * that media, less those already on the call.
   */
  async function scopeOf(ctx: StationContext, id: string) {
    const items = (await deps.station.snapshot(ctx)).contacts.items;
    const c = Object.hasOwn(items, id) ? items[id] : undefined;
    return [c?.mediaType, agentIdsOnCall(c)] as const;
  }

  router.post('/directory/transfer', async (req, res) => {
    const ctx = context(req);
    const id = idOf(body(req).contactId, 'contact');
    const target = await dirs.resolve(ctx, body(req).target, ...(await scopeOf(ctx, id)));
    // An entry point takes a consult only (SDK services/task/types.ts DESTINATION_TYPE
    // ENTRYPOINT; @webex/cc-task shows its tab for Consult, not Transfer).
    if (target.destinationType === 'entryPoint') {
      throw new AppError('bad_input', msg('targets.entryPointConsultOnly'), { field: 'target' });
    }
    const to =
      target.destinationType === 'dialNumber'
        ? checkCustomerNumber(target.to, 'target', await deps.dialRulesFor(ctx))
        : target.to;
    const outcome = await contacts.transfer(ctx, id, {
      destinationType: target.destinationType,
      to,
    });
    await dirs.remember(ctx, target.entry);
    report(req, outcome, msg('done.directoryTransferred', { name: target.entry.label }));
    res.redirect(303, '/');
  });

  router.post('/directory/consult', async (req, res) => {
    const ctx = context(req);
    const id = idOf(body(req).contactId, 'contact');
    const target = await dirs.resolve(ctx, body(req).target, ...(await scopeOf(ctx, id)));
    // An address-book number is dialled as the agent's dial plan makes it, as for a transfer.
    const to =
      target.destinationType === 'dialNumber'
        ? checkCustomerNumber(target.to, 'target', await deps.dialRulesFor(ctx))
        : target.to;
    const outcome = await contacts.consult(ctx, id, {
      destinationType: target.destinationType,
      to,
      othersKeepTalking: othersKeepTalking(body(req)),
    });
    await dirs.remember(ctx, target.entry);
    report(req, outcome, await contacts.consultRequestedNote(ctx, id, target.entry.label));
    res.redirect(303, '/');
  });

  router.post('/directory/dial', async (req, res) => {
    const ctx = context(req);
    const target = await dirs.resolve(ctx, body(req).target);
    if (target.destinationType !== 'dialNumber') {
      throw new AppError('bad_input', msg('directoryErr.chooseNumber'), {
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
    report(
      req,
      outcome,
      msg('done.diallingNamed', { name: target.entry.label, number: destination }),
    );
    res.redirect(303, '/');
  });

  // ---- call variables ----

  router.post('/call-variables/:id', async (req, res) => {
    const ctx = context(req);
    const id = idOf(req.params.id, 'contact');
    report(req, await deps.callVariables.save(ctx, id, body(req)), msg('done.cadSaved'));
    res.redirect(303, '/');
  });

  // ---- callbacks ----

  router.get('/callbacks', async (req, res) => {
    if (req.session.agent === undefined) return res.redirect(303, '/');
    const ctx = context(req);
    res.locals.csrfToken = ensureCsrfToken(req.session);
    const [list, snapshot] = await Promise.all([
      deps.callbacks.mine(ctx),
      deps.station.snapshot(ctx),
    ]);
    res.setHeader('Cache-Control', 'no-store');
    res.render('callbacks', {
      title: msg('callbacks.title'),
      page: 'callbacks',
      agent: ctx.agent,
      flash: takeFlash(req),
      callbacks: callbackItems(list),
      // An offer between this page and its live stream is sent at once (events-routes.ts).
      drawnFrom: snapshotKey(snapshot),
    });
  });

  router.post('/callbacks', async (req, res) => {
    const ctx = context(req);
    const id = idOf(body(req).contactId, 'contact');
    const booked = await deps.callbacks.book(ctx, id, body(req));
    setFlash(req, {
      kind: 'success',
      message: booked
        ? msg('callbacks.booked', {
            window: `${booked.scheduleDate} ${booked.startTime.slice(0, 5)}–${booked.endTime.slice(0, 5)} (${booked.timezone})`,
          })
        : msg('callbacks.bookedPlain'),
    });
    res.redirect(303, '/');
  });

  // The agent page's panel shows the list kept when it was last read; the agent may read it now.
  router.post('/callbacks/refresh', async (req, res) => {
    await deps.callbacks.refresh(context(req));
    setFlash(req, { kind: 'success', message: msg('callbacks.refreshed') });
    res.redirect(303, '/');
  });

  router.post('/callbacks/:id/cancel', async (req, res) => {
    const ctx = context(req);
    await deps.callbacks.cancel(ctx, idOf(req.params.id, 'callback'));
    setFlash(req, { kind: 'success', message: msg('callbacks.cancelled') });
    // From the agent page's panel, back to the agent page; else the callbacks page.
    res.redirect(303, body(req).from === 'agent' ? '/' : '/callbacks');
  });

  return router;
}
