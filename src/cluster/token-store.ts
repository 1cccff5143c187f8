// The one home of an agent's tokens, keyed by agent: the session, the channel and every instance
// read and write them here and keep no copy across requests.
import type session from 'express-session';
import type { TokenSet } from '../domain/agent';
import { AppError } from '../errors';

export interface TokenStore {
  get(agentId: string): Promise<TokenSet | undefined>;
  put(agentId: string, tokens: TokenSet): Promise<void>;
  delete(agentId: string): Promise<void>;
}

/** One process, nothing persisted: tests, and the memory session store. */
export function memoryTokenStore(): TokenStore {
  const map = new Map<string, TokenSet>();
  return {
    get: async (agentId) => map.get(agentId),
    put: async (agentId, tokens) => void map.set(agentId, tokens),
    delete: async (agentId) => void map.delete(agentId),
  };
}

interface TokenRecord {
  tokens?: TokenSet;
}

/**
 * Kept in the session store under its own key: SQLite for one instance, Redis when shared. Both
 * already encrypt every record at rest (AES-256-GCM, src/session-store), so tokens never lie in
 * clear, and a restart or another instance finds them.
 */
export function sessionStoreTokens(store: session.Store): TokenStore {
  const key = (agentId: string) => `tokens:${agentId}`;
  const unavailable = (cause: unknown) =>
    new AppError(
      'session_unavailable',
      'The desktop cannot reach its session storage right now. Please try again in a moment.',
      { cause, retryAfterSec: 5 },
    );
  return {
    get: (agentId) =>
      new Promise((resolve, reject) => {
        store.get(key(agentId), (error, data) => {
          if (error) return reject(unavailable(error));
          resolve((data as TokenRecord | null | undefined)?.tokens ?? undefined);
        });
      }),
    put: (agentId, tokens) =>
      new Promise((resolve, reject) => {
        // The record lives as long as the refresh token: after that it is worth nothing.
        const ttlMs = Math.max(60_000, tokens.refreshTokenExpiresAt - Date.now());
        const record = {
          cookie: { originalMaxAge: ttlMs, expires: new Date(Date.now() + ttlMs) },
          tokens,
        } as unknown as session.SessionData;
        store.set(key(agentId), record, (error) =>
          error ? reject(unavailable(error)) : resolve(),
        );
      }),
    delete: (agentId) =>
      new Promise((resolve, reject) => {
        store.destroy(key(agentId), (error) => (error ? reject(unavailable(error)) : resolve()));
      }),
  };
}
