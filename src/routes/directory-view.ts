// What the directory's results are drawn with, on its own page and in the agent page's panel: the
// search's page of targets, the call they act on, and what that call allows (transfer, consult,
// dial), so both show the same actions for the same state.
import { msg, type Message } from '../i18n/message';
import { isDigital } from '../agent-session/contact-media';
import {
  directoryCall,
  type AgentDirectory,
  type DirectoryEntry,
  type DirectoryPage,
} from '../agent-tools/agent-directory';
import type { ContactView } from '../agent-session/contact-view';
import type { ContactDirectoryService } from '../contacts/contact-directory';
import type { StationContext, StationService } from '../station/station-service';
import { outdialModel } from './contact-view-models';
import { formatPhone } from './phone-format';
import { snapshotKey } from './fingerprint';

export interface DirectoryViewDeps {
  station: Pick<StationService, 'snapshot'>;
  contactDirectory: Pick<ContactDirectoryService, 'forAgent'>;
  agentDirectory: Pick<AgentDirectory, 'search'>;
}

export interface DirectoryResultsModel {
  results: DirectoryPage;
  /** The call a transfer or consult is for; undefined when the agent is on none. */
  contact?: {
    id: string;
    title: Message | string;
    call: boolean;
    transfer: boolean;
    /** A conference: its consult offers to let the others keep talking (unticked). */
    conference: boolean;
  };
  consultToQueue: boolean;
  outdial?: ReturnType<typeof outdialModel>;
  /** The snapshot the results were drawn from (`data-drawn-from`: the live stream catches up). */
  drawnFrom: string;
  /** How many targets this page shows, each once (a recent target is also in its own list). */
  count: number;
}

export async function directoryResults(
  deps: DirectoryViewDeps,
  ctx: StationContext,
  query: { q?: unknown; page?: unknown },
): Promise<DirectoryResultsModel> {
  const [snapshot, dir] = await Promise.all([
    deps.station.snapshot(ctx),
    deps.contactDirectory.forAgent(ctx),
  ]);
  // The call a transfer or consult is for: the one the agent is talking on, or a conference
  // (consult only).
  const reach = directoryCall(snapshot.contacts.items);
  const live = reach?.contact;
  // The agents and queues of its media (a chat goes to agents who take chats), less those already
  // on the call.
  const results = await deps.agentDirectory.search(
    ctx,
    { q: query.q, page: query.page },
    live?.mediaType,
    agentIdsOnCall(live),
  );
  const busy = Object.values(snapshot.contacts.items).some((c) => c.state !== 'wrapup');
  const shown = new Set(
    (
      [
        results.recent,
        results.agents,
        results.queues,
        results.entryPoints,
        results.book,
      ] as DirectoryEntry[][]
    ).flatMap((list) => list.map((e) => e.value)),
  );
  return {
    results,
    drawnFrom: snapshotKey(snapshot),
    contact: live
      ? {
          id: live.interactionId,
          title: live.customerName ?? formatPhone(live.ani) ?? msg('directory.theCall'),
          // A number and an entry point are for calls only (@webex/cc-task: the dial-number
          // and entry-point tabs are hidden for other media).
          call: !isDigital(live),
          // Not from a conference: its Transfer hands the whole conference on after a consult.
          transfer: reach?.transfer === true,
          conference: live.state === 'conference',
        }
      : undefined,
    consultToQueue: dir.consultToQueue,
    outdial: dir.outdial && !busy ? outdialModel(dir.outdial.anis) : undefined,
    count: shown.size,
  };
}

/** The agents already on a call: not offered as its consult or transfer target. */
export function agentIdsOnCall(c: ContactView | undefined): string[] {
  return (c?.agentsOnCall ?? []).map((a) => a.agentId);
}
