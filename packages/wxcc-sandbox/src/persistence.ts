// Keeps the sandbox's sign-ins and stations across restarts in development: a JSON snapshot of the
// tokens it issued, the stations logged in and their states, written on change and at close.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AccessGrant, RefreshGrant, SandboxState, StationSession } from './state';

const VERSION = 1;

interface Snapshot {
  version: number;
  savedAt: number;
  accessTokens: [string, AccessGrant][];
  refreshTokens: [string, RefreshGrant][];
  sessions: [string, StationSession][];
  interactions: [string, string[]][];
}

export interface StatePersistence {
  /** Something changed: write soon (several changes in a burst make one write). */
  schedule(): void;
  /** Writes now if anything is pending; used at close. */
  flush(): void;
}

/** Reads a snapshot into the state; a missing, unreadable or foreign file starts empty. */
export function restoreState(state: SandboxState, file: string, now = Date.now()): number {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  } catch {
    return 0;
  }
  if (snapshot?.version !== VERSION) return 0;
  const known = (agentId: string) => state.agent(agentId) !== undefined;
  for (const [token, grant] of snapshot.accessTokens ?? []) {
    if (known(grant.agentId) && grant.expiresAt > now) state.accessTokens.set(token, grant);
  }
  for (const [token, grant] of snapshot.refreshTokens ?? []) {
    if (known(grant.agentId) && grant.expiresAt > now) state.refreshTokens.set(token, grant);
  }
  for (const [agentId, session] of snapshot.sessions ?? []) {
    if (known(agentId)) state.sessions.set(agentId, session);
  }
  for (const [agentId, ids] of snapshot.interactions ?? []) {
    if (known(agentId) && Array.isArray(ids)) state.interactions.set(agentId, ids);
  }
  return state.sessions.size + state.refreshTokens.size;
}

export function writeState(state: SandboxState, file: string): void {
  const snapshot: Snapshot = {
    version: VERSION,
    savedAt: Date.now(),
    accessTokens: [...state.accessTokens],
    refreshTokens: [...state.refreshTokens],
    sessions: [...state.sessions],
    interactions: [...state.interactions],
  };
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written aside and renamed, so a crash mid-write never leaves half a file; 0600: it holds tokens.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(snapshot), { mode: 0o600 });
  renameSync(temp, file);
}

export function persistState(
  state: SandboxState,
  file: string,
  options: { debounceMs?: number; onError?: (error: unknown) => void } = {},
): StatePersistence {
  const debounceMs = options.debounceMs ?? 250;
  let timer: NodeJS.Timeout | undefined;
  const write = () => {
    timer = undefined;
    try {
      writeState(state, file);
    } catch (error) {
      options.onError?.(error);
    }
  };
  return {
    schedule() {
      if (timer === undefined) timer = setTimeout(write, debounceMs);
    },
    flush() {
      if (timer === undefined) return;
      clearTimeout(timer);
      write();
    },
  };
}
