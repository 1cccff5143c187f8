// Contact controls: each form posts here, the service sends it and waits for its event, then redirect.
import { Router, type Request } from 'express';
import { AppError } from '../errors';
import { setFlash } from '../middleware/flash';
import type { ContactDirectoryService } from '../contacts/contact-directory';
import { parseConsultTarget, parseTransferTarget } from '../contacts/contact-input';
import type { DialRules } from '../station/dial-plan';
import { buddyMedia, type ContactService } from '../contacts/contact-service';
import type { ActionOutcome, StationContext } from '../station/station-service';
import type { StationSnapshot } from '../agent-session/snapshot';
import { contactsModel, type ContactsModel } from './contact-view-models';
import type { VariableField } from './call-view-model';
import type { CadVariable } from '../clients/wxcc-configuration/schemas';
import type { CallVariable } from '../agent-session/contact-view';
import { context } from './session-helpers';
import { msg, type Message } from '../i18n/message';
import type { ContactNoun } from '../agent-session/contact-media';

const PENDING = msg('station.pending');
/** Interaction ids are UUIDs in WxCC; anything else is not one of ours. */
const ID = /^[A-Za-z0-9-]{1,64}$/;
/** A page view never waits longer than this for the buddy list over the socket. */
const BUDDY_WAIT_MS = 1500;

type Action = (
  contacts: ContactService,
  ctx: StationContext,
  id: string,
  body: Record<string, unknown>,
  rules: () => Promise<DialRules>,
) => Promise<ActionOutcome | void>;

// A Map, not an object literal: the action comes from the URL, and `constructor`, `toString` or
// `__proto__` must not find Object.prototype's members (a TypeError, a 500) instead of nothing.
/** What the page says once WxCC confirmed: fixed, or in the contact's own noun ("the chat ended"). */
type Done = Message | ((noun: ContactNoun) => Message);
/** A sentence that depends on the contact beyond its noun (the consult's: is anyone held?). */
type Said = (contacts: ContactService, ctx: StationContext, id: string) => Promise<Message>;

const ACTIONS = new Map<string, { run: Action; done: Done; said?: Said }>(
  Object.entries({
    // A chat, email or social offer; the agent reads and answers its messages outside this API.
    accept: {
      run: (s, c, id) => s.accept(c, id),
      done: (noun) => msg(`done.accepted.${noun}`),
    },
    hold: { run: (s, c, id) => s.hold(c, id), done: msg('done.held') },
    resume: { run: (s, c, id) => s.resume(c, id), done: msg('done.resumed') },
    // The words of the card's own note after a call ends, so the page says it once (home route).
    end: { run: (s, c, id) => s.end(c, id), done: (noun) => msg(`contact.note.ended.${noun}`) },
    'record-pause': {
      run: (s, c, id) => s.pauseRecording(c, id),
      done: msg('contact.note.recordingPaused'),
    },
    'record-resume': {
      run: (s, c, id) => s.resumeRecording(c, id),
      done: msg('contact.note.recordingResumed'),
    },
    transfer: {
      run: async (s, c, id, b, rules) => s.transfer(c, id, parseTransferTarget(b, await rules())),
      done: (noun) => msg(`done.transferred.${noun}`),
    },
    consult: {
      run: (s, c, id, b) => s.consult(c, id, parseConsultTarget(b)),
      done: msg('done.consultRequested'),
      said: (s, c, id) => s.consultRequestedNote(c, id),
    },
    'consult-end': {
      run: (s, c, id) => s.endConsult(c, id),
      done: msg('contact.note.consultEnded'),
    },
    'consult-transfer': {
      run: (s, c, id) => s.consultTransfer(c, id),
      done: msg('done.consultTransferred'),
    },
    conference: {
      run: (s, c, id) => s.conference(c, id),
      done: msg('contact.note.conferenceStarted'),
    },
    'conference-exit': {
      run: (s, c, id) => s.exitConference(c, id),
      done: msg('done.leftConference'),
    },
    wrapup: {
      run: (s, c, id, b) => s.wrapUp(c, id, typeof b.auxCodeId === 'string' ? b.auxCodeId : ''),
      done: msg('done.wrappedUp'),
    },
    'wrapup-extend': {
      run: (s, c, id) => s.extendWrapUp(c, id),
      done: msg('done.moreTime'),
    },
  } satisfies Record<string, { run: Action; done: Done; said?: Said }>),
);

/** The agent's dial plan (the directory caches it): customers' numbers are checked with it. */
export type DialRulesFor = (ctx: StationContext) => Promise<DialRules>;

export function contactRoutes(contacts: ContactService, dialRulesFor: DialRulesFor): Router {
  const router = Router();

  router.post('/contacts/outdial', async (req, res) => {
    const raw = body(req).destination;
    const rawOrigin = body(req).origin;
    const ctx = context(req);
    const typed = typeof raw === 'string' ? raw : '';
    // No picker (an older page): the profile's default caller id.
    const origin = typeof rawOrigin === 'string' && rawOrigin !== '' ? rawOrigin : undefined;
    const { outcome, destination } = await contacts.outdial(
      ctx,
      typed,
      () => dialRulesFor(ctx),
      origin,
    );
    report(req, outcome, msg('done.dialling', { number: destination }));
    res.redirect(303, '/');
  });

  router.post('/contacts/:id/:action', async (req, res) => {
    const id = String(req.params.id);
    const action = ACTIONS.get(String(req.params.action));
    if (!ID.test(id) || action === undefined) {
      throw new AppError('not_found', msg('contact.noSuchAction'));
    }
    const ctx = context(req);
    const outcome = await action.run(contacts, ctx, id, body(req), () => dialRulesFor(ctx));
    const done = action.said
      ? await action.said(contacts, ctx, id)
      : typeof action.done === 'function'
        ? action.done(await contacts.nounOf(ctx, id))
        : action.done;
    report(req, outcome, done);
    res.redirect(303, '/');
  });

  return router;
}

/** The contacts region of the agent page, from the snapshot the page already has. */
export type ContactsForPage = (
  ctx: StationContext,
  snapshot: StationSnapshot,
  /** A live update: rendered from what is at hand, never waiting on WxCC. */
  options?: { live?: boolean },
) => Promise<ContactsModel | undefined>;

export function contactsForPage(
  contacts: ContactService,
  directory: ContactDirectoryService,
  /** The tenant's CAD definitions, made into fields (agent-tools/call-variables.ts). */
  variables?: {
    definitions(ctx: StationContext): Promise<CadVariable[] | undefined>;
    fields(v: CallVariable[], defs: CadVariable[] | undefined): VariableField[];
  },
): ContactsForPage {
  return async (ctx, snapshot, options = {}) => {
    const items = Object.values(snapshot.contacts.items);
    // The buddy list of each media the agent is talking on (`@webex/cc-store` getBuddyAgents asks
    // by the task's mediaType): a chat is transferred to agents who take chats.
    const media = [
      ...new Set(
        items
          .filter((c) => c.state === 'connected' || c.state === 'held' || c.state === 'conference')
          .map((c) => buddyMedia(c.mediaType)),
      ),
    ];
    const [dir, lists, defs] = await Promise.all([
      directory.forAgent(ctx),
      Promise.all(
        media.map((m) =>
          within(contacts.buddies(ctx, { wait: !options.live, mediaType: m }), BUDDY_WAIT_MS, []),
        ),
      ),
      // Definitions are cached per agent; a failure leaves every variable read-only.
      items.length > 0 && variables
        ? within(variables.definitions(ctx), BUDDY_WAIT_MS, undefined)
        : Promise.resolve(undefined),
    ]);
    const byMedia = Object.fromEntries(media.map((m, i) => [m, lists[i] ?? []]));
    return contactsModel({
      book: snapshot.contacts,
      directory: dir,
      buddies: byMedia.telephony ?? [],
      mediaBuddies: byMedia,
      deadlineOf: (id) => snapshot.contacts.items[id]?.autoWrapUpAt,
      dialNumber: snapshot.deviceType === 'BROWSER' ? undefined : snapshot.dialNumber,
      variableFields: variables ? (v) => variables.fields(v, defs) : undefined,
      takenOver: snapshot.takenOver,
    });
  };
}

function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([
    // The buddy list logs its own failure (contact-buddies.ts); the page goes on without it.
    promise.catch(() => fallback),
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref()),
  ]);
}

function body(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

function report(req: Request, outcome: ActionOutcome | void, confirmed: Message): void {
  setFlash(
    req,
    outcome === 'pending'
      ? { kind: 'info', message: PENDING }
      : { kind: 'success', message: confirmed },
  );
}
