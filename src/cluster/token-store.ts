// The one home of an agent's tokens, keyed by agent: the session, the channel and every instance
// read and write them here and keep no copy across requests.
import type { TokenSet } from '../domain/agent';
import { AppError } from '../errors';
import { msg } from '../i18n/message';
import type { SecureStore } from '../secure-store';

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

/**
 * Kept in the secure store under `tokens:<agent>`: SQLite for one instance, Redis when shared,
 * sealed at rest (AES-256-GCM, bound to the key), so tokens never lie in clear and a restart or
 * another instance finds them. A record that does not open reads as no tokens: the agent signs in.
 */
export function secureStoreTokens(store: SecureStore): TokenStore {
  const key = (agentId: string) => `tokens:${agentId}`;
  const unavailable = (cause: unknown) =>
    new AppError('session_unavailable', msg('error.sessionUnavailable'), {
      cause,
      retryAfterSec: 5,
    });
  return {
    get: async (agentId) => {
      const value = await store.get(key(agentId)).catch((error: unknown) => {
        throw unavailable(error);
      });
      return isTokenSet(value) ? value : undefined;
    },
    put: async (agentId, tokens) => {
      // The record lives as long as the refresh token: after that it is worth nothing.
      const ttlMs = Math.max(60_000, tokens.refreshTokenExpiresAt - Date.now());
      await store.set(key(agentId), tokens, ttlMs).catch((error: unknown) => {
        throw unavailable(error);
      });
    },
    delete: async (agentId) => {
      await store.delete(key(agentId)).catch((error: unknown) => {
        throw unavailable(error);
      });
    },
  };
}

/** What was stored is checked, not trusted: a record of another shape is no tokens at all. */
function isTokenSet(value: unknown): value is TokenSet {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    typeof v.accessTokenExpiresAt === 'number' &&
    typeof v.refreshTokenExpiresAt === 'number'
  );
}
