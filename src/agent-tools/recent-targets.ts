// The agent's recent transfer, consult and dial targets, kept in the shared backend so every instance sees them.
import type { ClusterBackend } from '../cluster/backend';

export type TargetKind = 'agent' | 'queue' | 'book' | 'entry';

export interface RecentTarget {
  kind: TargetKind;
  id: string;
}

const KEEP = 8;
const KEEP_MS = 30 * 24 * 3600 * 1000;
const KINDS: readonly TargetKind[] = ['agent', 'queue', 'book', 'entry'];

export interface RecentTargets {
  list(agentId: string): Promise<RecentTarget[]>;
  remember(agentId: string, target: RecentTarget): Promise<void>;
}

/**
 * Only kinds and ids are kept, never names or numbers: the directory shows them from what WxCC
 * offers now, so a target no longer offered drops out by itself.
 */
export function createRecentTargets(backend: ClusterBackend): RecentTargets {
  const key = (agentId: string) => `recent-targets:${agentId}`;
  async function list(agentId: string): Promise<RecentTarget[]> {
    // Recents are a convenience: an unreadable list is an empty one, never a failed page.
    const raw = await backend.getValue(key(agentId)).catch(() => undefined);
    if (raw === undefined) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter(isTarget).slice(0, KEEP) : [];
    } catch {
      return [];
    }
  }
  return {
    list,
    async remember(agentId, target) {
      const others = (await list(agentId)).filter(
        (t) => !(t.kind === target.kind && t.id === target.id),
      );
      const next = [target, ...others].slice(0, KEEP);
      await backend.setValue(key(agentId), JSON.stringify(next), KEEP_MS).catch(() => undefined);
    },
  };
}

function isTarget(value: unknown): value is RecentTarget {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return KINDS.some((k) => k === v.kind) && typeof v.id === 'string' && v.id.length <= 64;
}
