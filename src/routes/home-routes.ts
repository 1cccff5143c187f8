// GET /: one address that shows whichever page fits the session: connect, station form, or agent.
import { Router, type Response } from 'express';
import type { Config } from '../settings/config';
import { isAppError, type AppError } from '../errors';
import { msg, sameText, type Message } from '../i18n/message';
import { ensureCsrfToken } from '../middleware/csrf';
import { forgetSignIn, isSignInLost } from '../middleware/sign-in';
import { takeFlash } from '../middleware/flash';
import { unavailableDirectory, type DirectoryService } from '../station/station-directory';
import type { StationMemory } from '../station/station-memory';
import type { StationService } from '../station/station-service';
import type { Flash, NewFlash } from '../types/session';
import type { ContactsForPage } from './contact-routes';
import type { AgentToolsForPage } from './agent-tools-view';
import { snapshotKey } from './fingerprint';
import { toolsKey } from './live-fragments';
import { agentPageModel, stationFormModel, withoutRepeat } from './view-models';

export function homeRoutes(
  station: StationService,
  directory: DirectoryService,
  memory: StationMemory,
  config: Config,
  /** The contacts region of the agent page; absent, the page has none. */
  contactsView?: ContactsForPage,
  /** The agent's statistics and recent contacts panels; absent, the page has none. */
  toolsView?: AgentToolsForPage,
): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const flash = takeFlash(req);
    const { agent } = req.session;
    // Connect's form takes the anonymous token (csrf.ts): a visit before sign-in stores nothing.
    // Why the last sign-in ended stays said until the next Connect (every tab shows it).
    if (agent === undefined) return renderConnect(res, flash ?? req.session.signedOut);
    res.locals.csrfToken = ensureCsrfToken(req.session);

    const ctx = { agent };
    const [snapshot, lists] = await Promise.allSettled([
      station.snapshot(ctx),
      directory.forAgent(ctx),
    ]);
    const signedOut = [snapshot, lists].find(
      (r): r is PromiseRejectedResult => r.status === 'rejected' && isSignInLost(r.reason),
    );
    if (signedOut) {
      const why: NewFlash = { kind: 'error', message: (signedOut.reason as AppError).said };
      forgetSignIn(req.session, why);
      return renderConnect(res, why);
    }
    for (const r of [snapshot, lists]) {
      // Not an upstream refusal (a bug), or the shared storage away: the error page says so (503),
      // rather than a station form that would invite a login that cannot work now.
      if (r.status === 'rejected' && !isAppError(r.reason)) throw r.reason;
      if (r.status === 'rejected' && r.reason.code === 'session_unavailable') throw r.reason;
    }
    // The directory never rejects with an AppError other than a sign-out: it degrades instead.
    const dir = lists.status === 'fulfilled' ? lists.value : unavailableDirectory();
    // Which snapshot the page shows: its live stream sends at once whatever changed since.
    const drawnFrom = snapshot.status === 'fulfilled' ? snapshotKey(snapshot.value) : undefined;
    if (snapshot.status === 'fulfilled' && snapshot.value.loggedIn) {
      const model = agentPageModel(agent, snapshot.value, dir);
      const shown = withoutRepeat(flash, model);
      const [contacts, tools] = await Promise.all([
        contactsView?.(ctx, snapshot.value),
        toolsView?.(ctx, snapshot.value),
      ]);
      return res.render('agent', {
        tools,
        // What the tools panels were drawn from: the live stream redraws them only when it changes
        // (or at once, when a part could not be read for this page).
        toolsKey: tools?.complete ? toolsKey(snapshot.value) : undefined,
        title: msg('agent.pageTitle'),
        page: 'agent',
        drawnFrom,
        flash: shown,
        ...model,
        contacts: withoutNote(contacts, shown),
      });
    }
    res.render('station', {
      title: msg('station.pageTitle'),
      page: 'station',
      drawnFrom,
      // The form model decides whether the flash shows (a field error is shown on its field).
      problem: snapshot.status === 'rejected' ? snapshot.reason : undefined,
      ...stationFormModel(
        agent,
        snapshot.status === 'fulfilled' ? snapshot.value : undefined,
        // Read only for the form: the agent page and live refreshes need no store lookup.
        await memory.recall(agent.agentId),
        config,
        dir,
        flash,
      ),
    });
  });

  return router;
}

function renderConnect(res: Response, flash: Flash | undefined): void {
  res.render('connect', { title: msg('connect.pageTitle'), page: 'connect', flash });
}

/**
 * The message just shown above the page is not said again by a contact's note on the same render
 * (after End: "The call ended."). Later views, with no message, show the note.
 */
function withoutNote<
  T extends { items: { note?: { text: Message | string } }[]; notes: { text: Message | string }[] },
>(contacts: T | undefined, flash: Flash | undefined): T | undefined {
  if (contacts === undefined || flash === undefined) return contacts;
  const same = (note?: { text: Message | string }) => sameText(note?.text, flash.message);
  return {
    ...contacts,
    items: contacts.items.map((c) => (same(c.note) ? { ...c, note: undefined } : c)),
    notes: contacts.notes.filter((n) => !same(n)),
  };
}
