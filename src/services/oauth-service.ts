// OAuth 2.0 with Webex: authorization code + PKCE, tokens held server-side, refresh-and-retry once.
import { createHash, randomBytes } from 'node:crypto';
import type { WebexClient } from '../clients/webex-client';
import type { Person, TokenSet } from '../domain/agent';
import { AppError, isAppError } from '../errors';
import type { PendingAuthorization } from '../types/session';

/** The part of a session that holds tokens; the service never sees a request. */
export interface TokenSlot {
  tokens?: TokenSet;
}

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
  /** Upper bound on how long a finished refresh is reused for copies of the old token. */
  refreshReuseMs?: number;
  /** WXCC_AGENT_ID: used instead of the id from /people/me (when they differ in a tenant). */
  agentIdOverride?: string;
}

const ATTEMPT_TTL_MS = 10 * 60 * 1000;

export type OAuthService = ReturnType<typeof createOAuthService>;

export function createOAuthService(options: OAuthServiceOptions) {
  const { client } = options;
  const now = options.now ?? Date.now;
  const skew = options.refreshSkewMs ?? 60_000;
  const maxReuseMs = options.refreshReuseMs ?? 24 * 3600 * 1000;
  // Keyed by a hash of the access token being replaced: every request holding that token,
  // however many arrive at once, waits on the same refresh.
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
      throw new AppError(
        'oauth_state_mismatch',
        'This sign-in link is not valid any more (it was already used, has expired, or came from another browser tab). Please connect again.',
      );
    }
    if (now() - pending.startedAt > ATTEMPT_TTL_MS) {
      throw new AppError(
        'oauth_state_mismatch',
        'The sign-in took too long. Please connect again.',
      );
    }
    if (query.error !== undefined) {
      const denied = query.error === 'access_denied';
      throw new AppError(
        'oauth_denied',
        denied
          ? 'You declined access, so the desktop cannot sign you in. Connect again when you are ready.'
          : `Webex could not sign you in (${String(query.error).slice(0, 60)}). Please connect again.`,
      );
    }
    if (typeof query.code !== 'string' || query.code === '' || query.code.length > 2048) {
      throw new AppError('oauth_failed', 'Webex sent no sign-in code. Please connect again.');
    }
    let tokens: TokenSet;
    try {
      tokens = await client.exchangeCode(query.code, pending.codeVerifier);
    } catch (error) {
      if (isAppError(error) && error.code === 'upstream_rejected') {
        throw new AppError(
          'oauth_failed',
          'Webex did not accept the sign-in. Please connect again.',
          {
            trackingId: error.trackingId,
            cause: error,
          },
        );
      }
      throw error;
    }
    const me = await client.getMe(tokens.accessToken);
    const person = options.agentIdOverride ? { ...me, agentId: options.agentIdOverride } : me;
    return { tokens, person };
  }

  function requireTokens(slot: TokenSlot): TokenSet {
    if (slot.tokens === undefined) {
      throw new AppError('not_connected', 'You are not connected to Webex. Please connect.');
    }
    return slot.tokens;
  }

  async function refresh(slot: TokenSlot): Promise<TokenSet> {
    const current = requireTokens(slot);
    const key = createHash('sha256').update(current.accessToken).digest('base64url');
    let pending = refreshes.get(key);
    if (pending === undefined) {
      pending = runRefresh(current);
      refreshes.set(key, pending);
      pending.then(
        (fresh) => {
          // Kept while the new token lives: any copy of the old tokens (another request's session,
          // the notification channel's slot) is upgraded to the same result, including a rotated
          // refresh token, without a second refresh and without writing copies back.
          const keepMs = Math.min(Math.max(fresh.accessTokenExpiresAt - now(), 0), maxReuseMs);
          setTimeout(() => refreshes.delete(key), keepMs).unref();
        },
        () => refreshes.delete(key),
      );
    }
    try {
      slot.tokens = await pending;
      return slot.tokens;
    } catch (error) {
      if (isAppError(error) && error.code === 'reconnect_required') slot.tokens = undefined;
      throw error;
    }
  }

  async function runRefresh(current: TokenSet): Promise<TokenSet> {
    if (current.refreshTokenExpiresAt <= now()) throw reconnect();
    try {
      return await client.refreshTokens(current);
    } catch (error) {
      // 400 invalid_grant or 401 invalid_client: the refresh token is dead, only a new sign-in helps.
      // Timeouts and 5xx keep the tokens: the next action may succeed.
      if (
        isAppError(error) &&
        (error.code === 'upstream_rejected' || error.code === 'upstream_unauthorized')
      ) {
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
    slot: TokenSlot,
    call: (token: string) => Promise<T>,
  ): Promise<T> {
    let tokens = requireTokens(slot);
    if (tokens.accessTokenExpiresAt - skew <= now()) tokens = await refresh(slot);
    try {
      return await call(tokens.accessToken);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'upstream_unauthorized') throw error;
    }
    const fresh = await refresh(slot);
    try {
      return await call(fresh.accessToken);
    } catch (error) {
      if (isAppError(error) && error.code === 'upstream_unauthorized') {
        throw new AppError(
          'upstream_unauthorized',
          'Webex Contact Center refused your sign-in even after it was renewed. Check that your account has a Contact Center agent licence, or connect again.',
          { trackingId: error.trackingId, cause: error },
        );
      }
      throw error;
    }
  }

  return { startAuthorization, completeAuthorization, refresh, withAccessToken };
}

function reconnect(cause?: unknown): AppError {
  return new AppError(
    'reconnect_required',
    'Your Webex sign-in has expired or was revoked. Please connect again.',
    { cause },
  );
}

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return x.equals(y);
}
