// Remembers each agent's last station across sign-outs, so the form comes prefilled next time.
import type session from 'express-session';
import type { StationChoice } from '../agent-session/snapshot';

export interface StationMemory {
  recall(agentId: string): Promise<StationChoice | undefined>;
  remember(agentId: string, choice: StationChoice): Promise<void>;
}

const KEEP_MS = 90 * 24 * 3600 * 1000;

/**
 * Kept in the session store under its own key prefix: it is already persistent, shared between
 * instances (Redis) and encrypted at rest, so no second database is needed for one small record.
 */
export function storeBackedStationMemory(store: session.Store): StationMemory {
  const key = (agentId: string) => `station-memory:${agentId}`;
  return {
    recall: (agentId) =>
      new Promise((resolve) => {
        store.get(key(agentId), (error, data) => {
          const choice = (data as { lastStation?: StationChoice } | null | undefined)?.lastStation;
          resolve(error ? undefined : choice);
        });
      }),
    remember: (agentId, choice) =>
      new Promise((resolve) => {
        const record = {
          cookie: { originalMaxAge: KEEP_MS, expires: new Date(Date.now() + KEEP_MS) },
          lastStation: choice,
        } as unknown as session.SessionData;
        // Losing a prefill is harmless: never fail the agent's action over it.
        store.set(key(agentId), record, () => resolve());
      }),
  };
}

/** For tests and the memory store: the same contract without persistence. */
export function inMemoryStationMemory(): StationMemory {
  const map = new Map<string, StationChoice>();
  return {
    recall: async (agentId) => map.get(agentId),
    remember: async (agentId, choice) => void map.set(agentId, choice),
  };
}
