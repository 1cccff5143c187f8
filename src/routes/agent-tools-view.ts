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
import type { Callbacks } from '../agent-tools/callbacks';
import type { ScheduledCallback } from '../clients/callbacks-api';
import { formatPhone } from './phone-format';

export interface CallbackItem {
  id: string;
  customer: string;
  number: string;
  window: string;
  reason?: string;
}

/** The agent's callbacks as the panel and the page list them. */
export function callbackItems(list: ScheduledCallback[]): CallbackItem[] {
  return list.map((c) => ({
    id: c.id,
    customer: c.customerName,
    number: formatPhone(c.callbackNumber) ?? c.callbackNumber,
    window: `${c.scheduleDate} ${c.startTime.slice(0, 5)}–${c.endTime.slice(0, 5)} (${c.timezone})`,
    reason: c.callbackReason,
  }));
}

export interface AgentToolsModel {
  /** Undefined when the store cannot be read now: the panel says so. */
  statistics?: StatisticsModel;
  recent?: {
    items: RecentItem[];
    /** Why no Redial button is offered; undefined when it is. */
    redialHint?: Message;
  };
  /** The agent's upcoming callbacks; undefined when they cannot be read now. */
  callbacks?: CallbackItem[];
  /** Every part was read: a live update need not draw them again until they change. */
  complete: boolean;
}

export type AgentToolsForPage = (
  ctx: StationContext,
  snapshot: StationSnapshot,
  options?: {
    /** A live update: only what the shared stores keep, never a WxCC call. */
    live?: boolean;
    /** The statistics alone (a live update of a state change): the lists are not read. */
    only?: 'statistics';
  },
) => Promise<AgentToolsModel>;

export function agentToolsForPage(
  statistics: AgentStatistics,
  directory: ContactDirectoryService,
  now: () => number,
  callbacks?: Pick<Callbacks, 'forPage'>,
): AgentToolsForPage {
  return async (ctx, snapshot, options = {}) => {
    if (options.only === 'statistics') {
      const [day] = await Promise.allSettled([statistics.today(ctx, snapshot)]);
      if (day.status === 'rejected' && isSignInGone(day.reason)) throw day.reason;
      return {
        complete: day.status === 'fulfilled',
        statistics: day.status === 'fulfilled' ? statisticsModel(day.value) : undefined,
      };
    }
    const [day, recent, dir, booked] = await Promise.allSettled([
      statistics.today(ctx, snapshot),
      statistics.recent(ctx),
      directory.forAgent(ctx),
      callbacks ? callbacks.forPage(ctx, options.live === true) : Promise.resolve(undefined),
    ]);
    for (const r of [day, recent, dir, booked]) {
      // A sign-in that is gone ends the page as everywhere else.
      if (r.status === 'rejected' && isSignInGone(r.reason)) throw r.reason;
    }
    const busy = Object.values(snapshot.contacts.items).some((c) => c.state !== 'wrapup');
    const outdial = dir.status === 'fulfilled' && dir.value.outdial !== undefined;
    const redialHint = !outdial
      ? msg('recent.noRedial')
      : busy
        ? msg('recent.redialLater')
        : undefined;
    return {
      complete: [day, recent, dir, booked].every((r) => r.status === 'fulfilled'),
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
      callbacks:
        booked.status === 'fulfilled' && booked.value !== undefined
          ? callbackItems(booked.value)
          : undefined,
    };
  };
}

function isSignInGone(reason: unknown): boolean {
  return isAppError(reason) && reason.code === 'reconnect_required';
}
