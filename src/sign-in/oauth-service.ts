// OAuth 2.0 with Webex: authorization code + PKCE, tokens in the token store, refresh-and-retry once.
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebexClient } from '../clients/webex-client';
import { keys, type ClusterBackend } from '../cluster/backend';
import { createMemoryBackend } from '../cluster/memory-backend';
import { memoryTokenStore, type TokenStore } from '../cluster/token-store';
import type { Person, TokenSet } from '../domain/agent';
import { AppError, isAppError } from '../errors';
import { msg } from '../i18n/message';
import type { PendingAuthorization } from '../types/session';

export interface CallbackQuery {
  code?: unknown;
  state?: unknown;
  error?: unknown;
  error_description?: unknown;
}

export interface OAuthServiceOptions {
  client: WebexClient;
  now?: () => number;
  /** Refresh this long before expiry, so agents rarely meet a 401 at all. */
  refreshSkewMs?: number;
  /** The one home of every agent's tokens (memory when not given). */
  tokens?: TokenStore;
  /** Where the refresh lease lives: Redis makes a refresh run once across every instance. */
  backend?: ClusterBackend;
  /** Names this instance in the refresh lease (logs, Redis). */
  instanceId?: string;
  /** Longest a refresh may hold its lease; others wait for its result that long at most. */
  refreshLeaseMs?: number;
  /** How often an instance that lost the race looks for the stored result. */
  refreshPollMs?: number;
  /** Background failures (a refresh lease that could not be freed). */
  log?: (event: string, details?: Record<string, unknown>) => void;
  /** WXCC_AGENT_ID: used instead of the id from /people/me (when they differ in a tenant). */
  agentIdOverride?: string;
}

const ATTEMPT_TTL_MS = 10 * 60 * 1000;

export type OAuthService = ReturnType<typeof createOAuthService>;

export function createOAuthService(options: OAuthServiceOptions) {
  const { client } = options;
  const now = options.now ?? Date.now;
  const skew = options.refreshSkewMs ?? 60_000;
  const store = options.tokens ?? memoryTokenStore();
  const backend = options.backend ?? createMemoryBackend();
  const instanceId = options.instanceId ?? randomBytes(6).toString('hex');
  const leaseMs = options.refreshLeaseMs ?? 15_000;
  const pollMs = options.refreshPollMs ?? 50;
  // Per agent: every request of this process that meets the expiry waits on the same refresh;
  // the lease in the backend does the same across processes.
  const refreshes = new Map<string, Promise<TokenSet>>();

  function startAuthorization(): { url: string; pending: PendingAuthorization } {
    const state = randomBytes(24).toString('base64url');
    const codeVerifier = randomBytes(48).toString('base64url');
    const challenge = createHash('sha256').update(codeVerifier).digest('base64url');
    return {
      url: client.authorizeUrl(state, challenge),
      pending: { state, codeVerifier, startedAt: now() },
    };
  }

  async function completeAuthorization(
    pending: PendingAuthorization | undefined,
    query: CallbackQuery,
  ): Promise<{ tokens: TokenSet; person: Person }> {
    const state = typeof query.state === 'string' ? query.state : undefined;
    if (pending === undefined || state === undefined || !sameSecret(state, pending.state)) {
      throw new AppError('oauth_state_mismatch', msg('signIn.linkInvalid'));
    }
    if (now() - pending.startedAt > ATTEMPT_TTL_MS) {
      throw new AppError('oauth_state_mismatch', msg('signIn.tooSlow'));
    }
    if (query.error !== undefined) {
      const denied = query.error === 'access_denied';
      throw new AppError(
        'oauth_denied',
        denied
          ? msg('signIn.declined')
          : // Webex's own error code, quoted as sent.
            msg('signIn.refused', { reason: String(query.error).slice(0, 60) }),
      );
    }
    if (typeof query.code !== 'string' || query.code === '' || query.code.length > 2048) {
      throw new AppError('oauth_failed', msg('signIn.noCode'));
    }
    let tokens: TokenSet;
    try {
      tokens = await client.exchangeCode(query.code, pending.codeVerifier);
    } catch (error) {
      if (isAppError(error) && error.code === 'upstream_rejected') {
        throw new AppError('oauth_failed', msg('signIn.notAccepted'), {
          trackingId: error.trackingId,
          cause: error,
        });
      }
      throw error;
    }
    const me = await client.getMe(tokens.accessToken);
    const person = options.agentIdOverride ? { ...me, agentId: options.agentIdOverride } : me;
    // A new sign-in replaces whatever the agent had: its tokens are the ones every instance uses.
    await store.put(person.agentId, tokens);
    return { tokens, person };
  }

  async function requireTokens(agentId: string): Promise<TokenSet> {
    const tokens = await store.get(agentId);
    if (tokens === undefined) {
      throw new AppError('not_connected', msg('signIn.notConnected'));
    }
    return tokens;
  }

  /**
   * Renews the agent's tokens once however many callers (requests, channels, instances) meet the
   * expiry together. `stale` is the access token a caller saw refused: a stored token other than it
   * is someone else's finished refresh, used as it is.
   */
  function refresh(agentId: string, stale?: string): Promise<TokenSet> {
    let pending = refreshes.get(agentId);
    if (pending === undefined) {
      pending = refreshOnce(agentId, stale).finally(() => refreshes.delete(agentId));
      refreshes.set(agentId, pending);
    }
    return pending;
  }

  const usable = (tokens: TokenSet, stale: string) =>
    tokens.accessToken !== stale && tokens.accessTokenExpiresAt - skew > now();

  async function refreshOnce(agentId: string, seen: string | undefined): Promise<TokenSet> {
    // Without a token to replace, "renew now": the one stored at this moment is the stale one.
    const stale = seen ?? (await requireTokens(agentId)).accessToken;
    const leaseKey = keys.refresh(agentId);
    const holder = `${instanceId}:${randomBytes(6).toString('hex')}`;
    const giveUpAt = Date.now() + 2 * leaseMs;
    for (;;) {
      const current = await requireTokens(agentId);
      if (usable(current, stale)) return current;
      if (await backend.acquire(leaseKey, holder, leaseMs)) {
        try {
          // Read again under the lease: the holder before us may have just stored its result.
          const latest = await requireTokens(agentId);
          if (usable(latest, stale)) return latest;
          const fresh = await runRefresh(agentId, latest);
          // Stored before the lease is freed, so whoever takes it next sees the result (and a
          // rotated refresh token is used by every instance from now on).
          await store.put(agentId, fresh);
          return fresh;
        } finally {
          // Not freed, it lapses after leaseMs: the others wait that long at most.
          await backend
            .release(leaseKey, holder)
            .catch((err: unknown) =>
              options.log?.('could not free the refresh lease', { agentId, err }),
            );
        }
      }
      if (Date.now() > giveUpAt) {
        throw new AppError('upstream_timeout', msg('signIn.renewalSlow'), { retryAfterSec: 5 });
      }
      await sleep(pollMs);
    }
  }

  async function runRefresh(agentId: string, current: TokenSet): Promise<TokenSet> {
    if (current.refreshTokenExpiresAt <= now()) {
      await store.delete(agentId);
      throw reconnect();
    }
    try {
      return await client.refreshTokens(current);
    } catch (error) {
      // 400 invalid_grant or 401 invalid_client: the refresh token is dead, only a new sign-in helps.
      // Timeouts and 5xx keep the tokens: the next action may succeed.
      if (
        isAppError(error) &&
        (error.code === 'upstream_rejected' || error.code === 'upstream_unauthorized')
      ) {
        await store.delete(agentId);
        throw reconnect(error);
      }
      throw error;
    }
  }

  /**
   * Runs a call with a valid access token. On a 401 it refreshes once and retries once with the
   * NEW token; a second 401 is reported, never looped.
   */
  async function withAccessToken<T>(
    agentId: string,
    call: (token: string) => Promise<T>,
  ): Promise<T> {
    let tokens = await requireTokens(agentId);
    if (tokens.accessTokenExpiresAt - skew <= now()) {
      tokens = await refresh(agentId, tokens.accessToken);
    }
    try {
      return await call(tokens.accessToken);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'upstream_unauthorized') throw error;
    }
    const fresh = await refresh(agentId, tokens.accessToken);
    try {
      return await call(fresh.accessToken);
    } catch (error) {
      if (isAppError(error) && error.code === 'upstream_unauthorized') {
        throw new AppError('upstream_unauthorized', msg('signIn.refusedAfterRenewal'), {
          trackingId: error.trackingId,
          cause: error,
        });
      }
      throw error;
    }
  }

  /** Whether the agent is signed in anywhere (their tokens exist). */
  async function isSignedIn(agentId: string): Promise<boolean> {
    return (await store.get(agentId)) !== undefined;
  }

  /** Forgets the agent's tokens for every instance (sign-out, expiry). */
  async function forget(agentId: string): Promise<void> {
    await store.delete(agentId);
  }

  return {
    startAuthorization,
    completeAuthorization,
    refresh,
    withAccessToken,
    isSignedIn,
    forget,
  };
}

function reconnect(cause?: unknown): AppError {
  return new AppError('reconnect_required', msg('signIn.expired'), { cause });
}

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return x.equals(y);
}
