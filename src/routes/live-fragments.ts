// What the live stream pushes besides the raw state: the page's regions rendered by the server,
// so the page swaps them in place (no page re-fetch) and keeps the agent's focus.
import { hash } from 'node:crypto';
import { fingerprint } from './fingerprint';
import type { Request } from 'express';
import {
  unavailableDirectory,
  type AgentDirectory,
  type DirectoryService,
} from '../station/station-directory';
import type { StationSnapshot } from '../agent-session/snapshot';
import type { BoundedStream } from './bounded-stream';
import type { ContactsForPage } from './contact-routes';
import type { ContactsModel } from './contact-view-models';
import type { AgentToolsForPage } from './agent-tools-view';
import { localeLocals } from '../middleware/locale';
import { agentPageModel } from './view-models';
import type { Views } from '../rendering/views';
import type { StationContext } from '../station/station-service';

/**
 * `page` is the page that fits the new state; when it is not the open one, the browser loads it.
 * `fragments` maps a region's name (its `data-fragment` attribute) to its new inner HTML.
 */
export interface LivePush {
  page: 'agent' | 'station';
  fragments: Record<string, string>;
  /**
   * The contacts ringing for the agent. A page that shows no offers (the directory, the callbacks
   * list: an agent goes there mid-call) takes the agent to the agent page for a new one, where it
   * rings, rather than reloading itself without it.
   */
  offers?: string[];
}

const NO_DIRECTORY: AgentDirectory = unavailableDirectory();

/**
 * The regions drawn from the page model alone, by their `data-fragment` name: the bar at the top
 * (state, timers, ringing offer, WxCC connection, the state menu) and the station. They share one
 * locals object per push: the model is built once for both.
 */
const MODEL_REGIONS: Record<string, string> = {
  bar: 'partials/agent-bar-state',
  station: 'partials/agent-station',
};

export type LiveRenderer = (stream: LiveStream, snapshot: StationSnapshot) => Promise<LivePush>;

/**
 * What the tools panels are drawn from, as far as the snapshot tells, in two halves. The
 * statistics: a contact leaving (a record kept), a state ending (a period kept). The lists (recent
 * contacts, callbacks): a contact leaving, whether the agent is busy (redial), the callbacks'
 * version. Same half, nothing of its panels changed: not redrawn. A state change, half of what an
 * agent does, redraws the statistics alone. Two short digests, side by side: the agent page carries
 * them (`data-tools-key`) and its stream sends them back.
 */
export function toolsKey(s: StationSnapshot): string {
  const ids = Object.keys(s.contacts.items).sort();
  const items = Object.values(s.contacts.items);
  return (
    digest([ids, s.stateSince ?? null, s.subStatus ?? null, s.auxCodeId ?? null]) +
    digest([ids, items.some((c) => c.state !== 'wrapup'), s.callbacksVersion ?? null])
  );
}

const KEY_HALF = 22;

function digest(drawnFrom: unknown): string {
  return hash('sha256', JSON.stringify(drawnFrom), 'base64url').slice(0, KEY_HALF);
}

/** Whether only the statistics half of the key differs: the lists need no redraw. */
function statisticsOnly(drawn: string | undefined, key: string): boolean {
  return drawn !== undefined && drawn.slice(KEY_HALF) === key.slice(KEY_HALF);
}

const TOOLS_KEY = /^[A-Za-z0-9_-]{44}$/;

/**
 * The key of the panels the page already shows: the one it was rendered with (`/events?tools=`),
 * so the stream's first push does not redraw them for nothing. A stream that comes back after a
 * gap (Last-Event-ID) may have redrawn them since the page loaded: it draws them again once.
 */
function keyThePageDrew(req: Request): string | undefined {
  const sent = req.query.tools;
  if (req.get('Last-Event-ID') !== undefined) return undefined;
  return typeof sent === 'string' && TOOLS_KEY.test(sent) ? sent : undefined;
}

/** What one page stream has drawn, and the locals its renders share. */
interface Drawn {
  tools?: string;
  regions: Map<string, string>;
  common: Record<string, unknown>;
  /** What the contacts region was last drawn from, when that was no contact and no note. */
  noContacts?: string;
}

/**
 * A page stream as its renders see it: the agent, the locals every region reads, what the page
 * shows already. Taken from the stream's request once, as it opens, so the request need not keep
 * its session, language and views' locals for the hours the stream lives (events-routes.ts).
 */
export interface LiveStream {
  readonly ctx: StationContext;
  readonly drawn: Drawn;
  /** A render that failed, said in the stream request's log. */
  warn(err: unknown, message: string): void;
}

/** `ctx`: the agent the stream's route already read from the session. */
export function liveStreamOf(req: Request, ctx: StationContext): LiveStream {
  return {
    ctx,
    drawn: {
      tools: keyThePageDrew(req),
      regions: new Map(),
      // What every region reads besides its own part, as `res.render` would give it: the app's
      // locals (set once, in createApp) and the language and form token the stream opened with,
      // which it keeps as long as it lives (a new sign-in or language choice reloads the page).
      common: {
        ...(req.app.locals as Record<string, unknown>),
        ...localeLocals(req),
        csrfToken: req.session.csrfToken ?? '',
      },
    },
    warn: (err, message) => req.log.warn({ err }, message),
  };
}

/**
 * The contacts region without a contact or a note is its Dial form and a problem line: drawn from
 * these alone (the stream's language and form token do not change), so a stream that drew them
 * already need not draw them again. About half the events of a shift (state changes between
 * calls) leave the region so, and its HTML was the largest of the regions drawn for each.
 */
function noContactsKey(contacts: ContactsModel): string | undefined {
  if (contacts.items.length > 0 || contacts.notes.length > 0) return undefined;
  return JSON.stringify([contacts.outdial ?? null, contacts.problem ?? null]);
}

/**
 * `contactsView` adds the customer contacts region, rendered from the same snapshot; `toolsView`
 * the tools panels, when their key changed since this page's stream last drew them (read from the
 * shared stores, never from WxCC).
 */
export function liveFragments(
  views: Views,
  directory: DirectoryService,
  contactsView?: ContactsForPage,
  toolsView?: AgentToolsForPage,
): LiveRenderer {
  /**
   * Only the regions whose HTML changed since the stream last drew them are pushed (a fingerprint
   * of each): most events change the bar and leave the station and the contacts as they were, and
   * their HTML was a good part of the 9 KB each push carried (fan-out bench).
   */
  function changedOnly(stream: Drawn, fragments: Record<string, string>): Record<string, string> {
    const { regions } = stream;
    const changed: Record<string, string> = {};
    for (const [name, html] of Object.entries(fragments)) {
      const print = fingerprint(html);
      if (regions.get(name) === print) continue;
      regions.set(name, print);
      changed[name] = html;
    }
    return changed;
  }
  return async (live, snapshot) => {
    if (!snapshot.loggedIn) return { page: 'station', fragments: {} };
    const { ctx, drawn: stream } = live;
    // Cached for minutes; a failure only costs the idle reasons' names in this one update.
    const dir = await directory.forAgent(ctx).catch((err: unknown) => {
      live.warn(err, 'live update rendered without the idle reasons');
      return NO_DIRECTORY;
    });
    const { common } = stream;
    const withModel = { ...common, ...agentPageModel(ctx.agent, snapshot, dir) };
    const fragments: Record<string, string> = {};
    for (const [name, view] of Object.entries(MODEL_REGIONS))
      fragments[name] = views.render(view, withModel);
    const contacts = await contactsView?.(ctx, snapshot, { live: true });
    const noContacts = contacts && noContactsKey(contacts);
    if (contacts && (noContacts === undefined || noContacts !== stream.noContacts))
      fragments.contacts = views.render('partials/contacts', { ...common, contacts });
    const key = toolsKey(snapshot);
    if (toolsView && stream.tools !== key) {
      // The statistics alone (their own region inside the tools): the lists' reads and HTML are
      // spared. Whichever is pushed, the other's fingerprint no longer says what the page shows.
      const only = statisticsOnly(stream.tools, key) ? 'statistics' : undefined;
      const tools = await toolsView(ctx, snapshot, { live: true, only });
      stream.tools = key;
      if (only) {
        fragments.statistics = views.render('partials/agent-statistics', { ...common, tools });
        stream.regions.delete('tools');
      } else {
        fragments.tools = views.render('partials/agent-tools', { ...common, tools });
        stream.regions.delete('statistics');
      }
    }
    // Remembered with the regions' fingerprints, once the whole push is drawn: a push that failed
    // half-way must not leave the stream believing the page shows what it never received.
    if (contacts) stream.noContacts = noContacts;
    const offers = Object.keys(snapshot.contacts.items).filter(
      (id) => snapshot.contacts.items[id]?.state === 'offered',
    );
    const push: LivePush = { page: 'agent', fragments: changedOnly(stream, fragments) };
    if (offers.length > 0) push.offers = offers;
    return push;
  };
}

/**
 * Writes the page's regions as they follow the snapshots, in order. While one render runs, newer
 * snapshots wait and only the latest of them is rendered next: the page ends on the latest state
 * either way, and a burst of events (an offer and its ring-out, a state change right after a call)
 * costs one render, not one each, so a busy instance falls behind less. Every change still gets
 * its `station` event (events-routes.ts).
 */
export function livePusher(
  live: LiveStream,
  stream: BoundedStream,
  render: LiveRenderer,
): (snapshot: StationSnapshot) => void {
  let latest: StationSnapshot | undefined;
  let rendering = false;
  async function drain(): Promise<void> {
    rendering = true;
    while (latest !== undefined && stream.isOpen()) {
      const snapshot = latest;
      latest = undefined;
      try {
        const push = await render(live, snapshot);
        if (stream.isOpen()) stream.write(`event: live\ndata: ${JSON.stringify(push)}\n\n`);
      } catch (error) {
        live.warn(error, 'live update not rendered');
      }
    }
    latest = undefined;
    rendering = false;
  }
  return (snapshot) => {
    if (!stream.isOpen()) return;
    latest = snapshot;
    if (!rendering) void drain();
  };
}
