// The agent's statistics and recent contacts as use cases: the session's counting job keeps
// facts (in the tenant's day), and the agent page reads them, on any instance.
import type { AgentConfigurationReader } from '../agent-configuration/agent-configuration';
import type { StationSnapshot } from '../agent-session/snapshot';
import type { AgentContext } from '../domain/agent';
import { dayFigures, type DayFigures } from './figures';
import { dayOf, knownTimeZone } from './local-day';
import type { StatisticsStore } from './statistics-store';
import type { ContactRecord, StatisticsFact } from '../agent-session/session-facts';

/** Days are counted in UTC when the tenant's zone cannot be read or is not one Node knows. */
export const FALLBACK_TIME_ZONE = 'UTC';

export interface AgentDay {
  day: string;
  timeZone: string;
  figures: DayFigures;
  /** Idle reason and wrap-up code names as the tenant wrote them, by id. */
  codeNames: Map<string, string>;
}

export interface AgentStatisticsOptions {
  store: StatisticsStore;
  configuration: AgentConfigurationReader;
  now: () => number;
  log?: (event: string, details?: Record<string, unknown>) => void;
}

export type AgentStatistics = ReturnType<typeof createAgentStatistics>;

export function createAgentStatistics(options: AgentStatisticsOptions) {
  const { store, configuration, now } = options;

  async function tenantOf(ctx: AgentContext) {
    try {
      const config = await configuration.forAgent(ctx);
      const zone = knownTimeZone(config.timeZone);
      if (zone === undefined && config.timeZone !== undefined)
        options.log?.('unknown tenant time zone; counting days in UTC', {
          agentId: ctx.agent.agentId,
          timeZone: config.timeZone,
        });
      return { timeZone: zone ?? FALLBACK_TIME_ZONE, auxCodes: config.auxCodes };
    } catch {
      return { timeZone: FALLBACK_TIME_ZONE, auxCodes: [] };
    }
  }

  /** Built for the panels that show names only: counting, at every state change, needs none. */
  const namesOf = (codes: readonly { id: string; name: string }[]) =>
    new Map(codes.map((c) => [c.id, c.name]));

  return {
    /** The session's counting job: facts kept once, in the tenant's day. */
    async count(ctx: AgentContext, facts: StatisticsFact[]): Promise<void> {
      const { timeZone } = await tenantOf(ctx);
      await store.record(ctx.agent.agentId, facts, timeZone);
    },
    /** Today's figures, the state the agent is in now counted up to now. */
    async today(ctx: AgentContext, snapshot: StationSnapshot | undefined): Promise<AgentDay> {
      const { timeZone, auxCodes } = await tenantOf(ctx);
      const t = now();
      const day = dayOf(t, timeZone);
      const totals = await store.day(ctx.agent.agentId, day, timeZone);
      const figures = dayFigures(totals, snapshot, t);
      return { day, timeZone, figures, codeNames: namesOf(auxCodes) };
    },
    async recent(
      ctx: AgentContext,
    ): Promise<{ records: ContactRecord[]; codeNames: Map<string, string> }> {
      const [records, { auxCodes }] = await Promise.all([
        store.recent(ctx.agent.agentId),
        tenantOf(ctx),
      ]);
      return { records, codeNames: namesOf(auxCodes) };
    },
  };
}
