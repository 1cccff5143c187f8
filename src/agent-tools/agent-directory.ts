// The directory: one search over available agents, queues, entry points and the address book, recent targets first;
// and the one place a picked target is checked against what was offered before anything is sent.
import { msg, type Message } from '../i18n/message';
import { buddyState } from '../contacts/buddy-list';
import { AppError, isAppError } from '../errors';
import type { AgentCalls } from '../clients/agent-client';
import type { AddressBookEntry } from '../clients/wxcc-configuration/api';
import { queuesForMedia, type ContactDirectoryService } from '../contacts/contact-directory';
import type { ContactService } from '../contacts/contact-service';
import { MAX_CONFERENCE_AGENTS } from '../contacts/contact-consults';
import type { ContactView } from '../agent-session/contact-view';
import type { StationContext } from '../station/station-service';
import type { RecentTargets, TargetKind } from './recent-targets';

export const PAGE_SIZE = 10;
const MAX_QUERY = 80;
const TARGET = /^(agent|queue|book|entry):([A-Za-z0-9_-]{1,64})$/;

export interface DirectoryEntry {
  /** What forms post back: `agent:<id>`, `queue:<id>`, `book:<id>`, `entry:<id>`. */
  value: string;
  kind: TargetKind;
  label: string;
  /** The agent's state (in the agent's words), or the entry's number. */
  detail?: Message | string;
  /** An agent's routing state as WxCC names it: searched, as the label is. */
  state?: string;
  number?: string;
}

export interface DirectoryPage {
  query: string;
  page: number;
  hasNext: boolean;
  recent: DirectoryEntry[];
  agents: DirectoryEntry[];
  queues: DirectoryEntry[];
  /** Entry points: a call is consulted to one, never transferred (SDK DESTINATION_TYPE). */
  entryPoints: DirectoryEntry[];
  book: DirectoryEntry[];
  /** Why the address book is missing, in words for the agent. */
  bookProblem?: Message;
}

export interface ResolvedTarget {
  entry: DirectoryEntry;
  destinationType: 'agent' | 'queue' | 'dialNumber' | 'entryPoint';
  to: string;
}

export interface AgentDirectoryOptions {
  contacts: ContactService;
  directory: ContactDirectoryService;
  read: <T>(ctx: StationContext, call: (wxcc: AgentCalls) => Promise<T>) => Promise<T>;
  recent: RecentTargets;
}

/** The query as WxCC's `search` gets it: a bare keyword (its `field==` syntax is not the agent's). */
export function cleanQuery(raw: unknown): string {
  return typeof raw === 'string'
    ? raw
        .replace(/[=;"'()]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, MAX_QUERY)
    : '';
}

/**
 * The call the directory acts on: the one the agent talks on (connected or held, not a consult
 * they were asked into), or else a conference they are in with room for one more. A conference
 * takes a consult only, as Cisco's widgets decide (@webex/cc-task Utils/task-util
 * getControlsVisibility: getTransferButtonVisibility hides Transfer while isConferenceInProgress;
 * getConsultButtonVisibility offers Consult while fewer than
 * MAX_PARTICIPANTS_IN_MULTIPARTY_CONFERENCE agents are on the call).
 */
export function directoryCall(
  items: Record<string, ContactView>,
): { contact: ContactView; transfer: boolean } | undefined {
  const all = Object.values(items);
  const live = all.find((c) => (c.state === 'connected' || c.state === 'held') && !c.consulted);
  if (live) return { contact: live, transfer: true };
  const conference = all.find(
    (c) => c.state === 'conference' && (c.agentsOnCall?.length ?? 0) < MAX_CONFERENCE_AGENTS,
  );
  return conference ? { contact: conference, transfer: false } : undefined;
}

export function createAgentDirectory(options: AgentDirectoryOptions) {
  const { contacts, directory, read, recent } = options;

  const matches = (query: string, ...texts: (string | undefined)[]) =>
    query === '' || texts.some((t) => t?.toLowerCase().includes(query.toLowerCase()));

  /**
   * `mediaType`: the contact's, so a chat is offered the agents who take chats; `onCall`: agents
   * already on it (a conference's), never offered again, as the contact card leaves them out.
   */
  async function offered(ctx: StationContext, mediaType?: string, onCall: readonly string[] = []) {
    const [dir, buddies] = await Promise.all([
      directory.forAgent(ctx),
      contacts.buddies(ctx, { mediaType }),
    ]);
    const agents = buddies
      .filter((b) => !onCall.includes(b.agentId))
      .map((b): DirectoryEntry => ({
        value: `agent:${b.agentId}`,
        kind: 'agent',
        label: b.name,
        detail: b.state ? buddyState(b.state) : undefined,
        state: b.state || undefined,
      }));
    const queues = queuesForMedia(dir, mediaType).map((q): DirectoryEntry => ({
      value: `queue:${q.id}`,
      kind: 'queue',
      label: q.name,
    }));
    const entryPoints = dir.entryPoints.map((e): DirectoryEntry => ({
      value: `entry:${e.id}`,
      kind: 'entry',
      label: e.name,
    }));
    return { dir, agents, queues, entryPoints };
  }

  const bookEntry = (e: AddressBookEntry): DirectoryEntry => ({
    value: `book:${e.id}`,
    kind: 'book',
    label: e.name,
    detail: e.number,
    number: e.number,
  });

  async function searchBook(
    ctx: StationContext,
    bookId: string | undefined,
    query: { search?: string; ids?: string[]; page: number },
  ) {
    if (bookId === undefined) return { entries: [], totalPages: 0 };
    return read(ctx, (wxcc) =>
      wxcc.searchAddressBook(ctx.agent.orgId, bookId, { ...query, pageSize: PAGE_SIZE }),
    );
  }

  async function search(
    ctx: StationContext,
    raw: { q?: unknown; page?: unknown },
    mediaType?: string,
    onCall?: readonly string[],
  ) {
    const query = cleanQuery(raw.q);
    const page = Math.min(Math.max(Number.parseInt(String(raw.page ?? '0'), 10) || 0, 0), 1000);
    const { dir, agents, queues, entryPoints } = await offered(ctx, mediaType, onCall);
    const slice = <T>(items: T[]) => items.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const foundAgents = agents.filter((a) => matches(query, a.label, a.state));
    const foundQueues = queues.filter((q) => matches(query, q.label));
    const foundEntryPoints = entryPoints.filter((e) => matches(query, e.label));
    const recents = await recent.list(ctx.agent.agentId);
    let bookProblem: Message | undefined;
    const bookPage = await searchBook(ctx, dir.addressBookId, {
      search: query || undefined,
      page,
    }).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'reconnect_required') throw error;
      bookProblem = msg('directory.bookUnavailable');
      return { entries: [], totalPages: 0 };
    });
    const recentBookIds = recents.filter((r) => r.kind === 'book').map((r) => r.id);
    const recentBook =
      recentBookIds.length > 0 && !bookProblem
        ? await searchBook(ctx, dir.addressBookId, { ids: recentBookIds, page: 0 }).catch(() => ({
            entries: [],
            totalPages: 0,
          }))
        : { entries: [] };
    const known = [...agents, ...queues, ...entryPoints, ...recentBook.entries.map(bookEntry)];
    const recentEntries = recents
      .map((r) => known.find((k) => k.value === `${r.kind}:${r.id}`))
      .filter(
        (e): e is DirectoryEntry =>
          e !== undefined &&
          matches(query, e.label, typeof e.detail === 'string' ? e.detail : e.state),
      );
    const more = (n: number) => n > (page + 1) * PAGE_SIZE;
    return {
      query,
      page,
      hasNext:
        more(foundAgents.length) ||
        more(foundQueues.length) ||
        more(foundEntryPoints.length) ||
        page + 1 < bookPage.totalPages,
      recent: page === 0 ? recentEntries : [],
      agents: slice(foundAgents),
      queues: slice(foundQueues),
      entryPoints: slice(foundEntryPoints),
      book: bookPage.entries.map(bookEntry),
      bookProblem,
    } satisfies DirectoryPage;
  }

  /**
   * A posted target, checked against what WxCC offers this agent now: an agent of the buddy list
   * (of the contact's media), one of the profile's queues, one of the tenant's entry points, or an
   * entry of the profile's address book (its number, not the form's); never an agent already on
   * the call (`onCall`). Anything else is refused before a request is sent.
   */
  async function resolve(
    ctx: StationContext,
    raw: unknown,
    mediaType?: string,
    onCall?: readonly string[],
  ): Promise<ResolvedTarget> {
    const match = TARGET.exec(typeof raw === 'string' ? raw.trim() : '');
    const refuse = () => {
      throw new AppError('bad_input', msg('directoryErr.chooseTarget'), { field: 'target' });
    };
    if (!match) return refuse();
    const [, kind, id] = match as unknown as [string, TargetKind, string];
    if (kind === 'book') {
      const dir = await directory.forAgent(ctx);
      const page = await searchBook(ctx, dir.addressBookId, { ids: [id], page: 0 });
      const entry = page.entries.find((e) => e.id === id);
      if (!entry) return refuse();
      return { entry: bookEntry(entry), destinationType: 'dialNumber', to: entry.number };
    }
    const { agents, queues, entryPoints } = await offered(ctx, mediaType, onCall);
    const list = kind === 'agent' ? agents : kind === 'queue' ? queues : entryPoints;
    const entry = list.find((e) => e.value === `${kind}:${id}`);
    if (!entry) return refuse();
    return { entry, destinationType: kind === 'entry' ? 'entryPoint' : kind, to: id };
  }

  async function remember(ctx: StationContext, entry: DirectoryEntry): Promise<void> {
    const id = entry.value.slice(entry.value.indexOf(':') + 1);
    await recent.remember(ctx.agent.agentId, { kind: entry.kind, id });
  }

  return { search, resolve, remember };
}

export type AgentDirectory = ReturnType<typeof createAgentDirectory>;
