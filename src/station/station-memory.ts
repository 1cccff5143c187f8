// Remembers each agent's last station across sign-outs, so the form comes prefilled next time.
import type { StationChoice } from '../agent-session/snapshot';
import type { DeviceType } from '../domain/agent';
import type { SecureStore } from '../secure-store';

export interface StationMemory {
  recall(agentId: string): Promise<StationChoice | undefined>;
  remember(agentId: string, choice: StationChoice): Promise<void>;
}

const KEEP_MS = 90 * 24 * 3600 * 1000;
const DEVICE_TYPES: readonly DeviceType[] = ['AGENT_DN', 'EXTENSION', 'BROWSER'];

/**
 * Kept in the secure store under `station-memory:<agent>`: persistent, shared between instances
 * (Redis) and encrypted at rest, so no second database is needed for one small record.
 */
export function secureStationMemory(store: SecureStore): StationMemory {
  const key = (agentId: string) => `station-memory:${agentId}`;
  return {
    recall: async (agentId) => {
      // A prefill that cannot be read is only an empty form: never fail the page over it.
      const value = await store.get(key(agentId)).catch(() => undefined);
      return isStationChoice(value) ? value : undefined;
    },
    remember: async (agentId, choice) => {
      // Losing a prefill is harmless: never fail the agent's action over it.
      await store.set(key(agentId), choice, KEEP_MS).catch(() => undefined);
    },
  };
}

/** What was stored is checked, not trusted: another shape prefills nothing. */
function isStationChoice(value: unknown): value is StationChoice {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.teamId === 'string' &&
    DEVICE_TYPES.some((type) => type === v.deviceType) &&
    typeof v.dialNumber === 'string'
  );
}

/** For an app built without a secure store (tests): the same contract without persistence. */
export function inMemoryStationMemory(): StationMemory {
  const map = new Map<string, StationChoice>();
  return {
    recall: async (agentId) => map.get(agentId),
    remember: async (agentId, choice) => void map.set(agentId, choice),
  };
}
