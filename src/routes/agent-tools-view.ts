// The agent page's own-statistics and recent-contacts panels, read from the shared store: what
// the route hands to views/partials/agent-statistics.ejs and recent-contacts.ejs.
import type { AgentStatistics } from '../agent-statistics/agent-statistics';
import { recentItems, type RecentItem } from '../agent-statistics/recent-contacts-view';
import { statisticsModel, type StatisticsModel } from '../agent-statistics/statistics-view';
import type { StationSnapshot } from '../agent-session/snapshot';
import type { ContactDirectoryService } from '../contacts/contact-directory';
import type { StationContext } from '../station/station-service';
import { isAppError } from '../errors';
import { msg, type Message } from '../i18n/message';

export interface AgentToolsModel {
  /** Undefined when the store cannot be read now: the panel says so. */
  statistics?: StatisticsModel;
  recent?: {
    items: RecentItem[];
    /** Why no Redial button is offered; undefined when it is. */
    redialHint?: Message;
  };
}

export type AgentToolsForPage = (
  ctx: StationContext,
  snapshot: StationSnapshot,
) => Promise<AgentToolsModel>;

export function agentToolsForPage(
  statistics: AgentStatistics,
  directory: ContactDirectoryService,
  now: () => number,
): AgentToolsForPage {
  return async (ctx, snapshot) => {
    const [day, recent, dir] = await Promise.allSettled([
      statistics.today(ctx, snapshot),
      statistics.recent(ctx),
      directory.forAgent(ctx),
    ]);
    for (const r of [day, recent, dir]) {
      // A sign-in that is gone ends the page as everywhere else.
      if (r.status === 'rejected' && isAppError(r.reason) && r.reason.code === 'reconnect_required')
        throw r.reason;
    }
    const busy = Object.values(snapshot.contacts.items).some((c) => c.state !== 'wrapup');
    const outdial = dir.status === 'fulfilled' && dir.value.outdial !== undefined;
    const redialHint = !outdial
      ? msg('recent.noRedial')
      : busy
        ? msg('recent.redialLater')
        : undefined;
    return {
      statistics: day.status === 'fulfilled' ? statisticsModel(day.value) : undefined,
      recent:
        recent.status === 'fulfilled'
          ? {
              items: recentItems(recent.value.records, recent.value.codeNames, {
                canRedial: redialHint === undefined,
                timeZone: day.status === 'fulfilled' ? day.value.timeZone : 'UTC',
                now: now(),
              }),
              redialHint,
            }
          : undefined,
    };
  };
}
