// OAuth grants: one-time authorization codes, access tokens, and refresh tokens that do not rotate.
import { timingSafeEqual } from 'node:crypto';
import { opaque, s256, webexToken } from '../ids';
import { SHORT_LIVED_MS, type AccessGrant, type PendingConsent, type SandboxState } from '../state';

export interface SandboxClient {
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  token_type: 'Bearer';
}

export interface OAuthFailure {
  error: string;
  description: string;
}

export type Verified = { grant: AccessGrant } | { failure: 'missing' | 'invalid' | 'expired' };

export class TokenService {
  constructor(
    private readonly state: SandboxState,
    private readonly clients: readonly SandboxClient[],
    private readonly ttl: { accessSec: number; refreshSec: number },
  ) {}

  client(clientId: unknown): SandboxClient | undefined {
    return this.clients.find((c) => c.clientId === clientId);
  }

  issueCode(consent: PendingConsent, agentId: string): string {
    const code = opaque(48);
    this.state.codes.set(code, {
      clientId: consent.clientId,
      redirectUri: consent.redirectUri,
      agentId,
      scopes: consent.scopes,
      codeChallenge: consent.codeChallenge,
      expiresAt: Date.now() + SHORT_LIVED_MS,
    });
    return code;
  }

  /** Checks client_id and client_secret; a wrong secret is invalid_client (HTTP 400, see errors.ts). */
  authenticate(form: Record<string, string>): SandboxClient | OAuthFailure {
    const client = this.client(form.client_id);
    if (!client || !sameSecret(client.clientSecret, form.client_secret ?? '')) {
      return { error: 'invalid_client', description: 'The client id or client secret is wrong.' };
    }
    return client;
  }

  exchangeCode(client: SandboxClient, form: Record<string, string>): TokenResponse | OAuthFailure {
    const { code, redirect_uri: redirectUri, code_verifier: verifier } = form;
    if (!code || !redirectUri) {
      return { error: 'invalid_request', description: 'code and redirect_uri are required.' };
    }
    const grant = this.state.codes.get(code);
    // One-time: whatever happens next, this code cannot be presented again.
    if (grant?.clientId === client.clientId) this.state.codes.delete(code);
    if (!grant || grant.clientId !== client.clientId || grant.expiresAt < Date.now()) {
      return {
        error: 'invalid_grant',
        description: 'The authorization code is invalid or expired.',
      };
    }
    if (grant.redirectUri !== redirectUri) {
      return {
        error: 'invalid_grant',
        description: 'redirect_uri does not match the authorization.',
      };
    }
    if (grant.codeChallenge !== undefined) {
      if (!verifier) return { error: 'invalid_grant', description: 'code_verifier is required.' };
      if (s256(verifier) !== grant.codeChallenge) {
        return {
          error: 'invalid_grant',
          description: 'code_verifier does not match the challenge.',
        };
      }
    }
    const refreshToken = webexToken(this.state.seed.organization.id);
    const refreshExpiresAt = Date.now() + this.ttl.refreshSec * 1000;
    this.state.refreshTokens.set(refreshToken, {
      clientId: client.clientId,
      agentId: grant.agentId,
      scopes: grant.scopes,
      expiresAt: refreshExpiresAt,
      revoked: false,
    });
    return this.respond(
      client.clientId,
      grant.agentId,
      grant.scopes,
      refreshToken,
      refreshExpiresAt,
    );
  }

  refresh(client: SandboxClient, form: Record<string, string>): TokenResponse | OAuthFailure {
    const token = form.refresh_token;
    if (!token) return { error: 'invalid_request', description: 'refresh_token is required.' };
    const grant = this.state.refreshTokens.get(token);
    if (!grant || grant.clientId !== client.clientId || grant.revoked) {
      return { error: 'invalid_grant', description: 'The refresh token is invalid or revoked.' };
    }
    if (grant.expiresAt <= Date.now()) {
      return { error: 'invalid_grant', description: 'The refresh token has expired.' };
    }
    // Webex returns the same refresh token, and its expiry does not slide.
    return this.respond(client.clientId, grant.agentId, grant.scopes, token, grant.expiresAt);
  }

  verify(token: string | null): Verified {
    if (token === null) return { failure: 'missing' };
    const grant = this.state.accessTokens.get(token);
    if (!grant) return { failure: 'invalid' };
    if (grant.expiresAt <= Date.now()) return { failure: 'expired' };
    return { grant };
  }

  /** Control API: access tokens (of one agent, or all) expire now. Returns how many. */
  expire(agentId?: string): number {
    let count = 0;
    const now = Date.now();
    for (const grant of this.state.accessTokens.values()) {
      if ((agentId === undefined || grant.agentId === agentId) && grant.expiresAt > now) {
        grant.expiresAt = now - 1;
        count += 1;
      }
    }
    return count;
  }

  /** Control API: refresh tokens (of one agent, or all) stop working. Returns how many. */
  revoke(agentId?: string): number {
    let count = 0;
    for (const grant of this.state.refreshTokens.values()) {
      if ((agentId === undefined || grant.agentId === agentId) && !grant.revoked) {
        grant.revoked = true;
        count += 1;
      }
    }
    return count;
  }

  private respond(
    clientId: string,
    agentId: string,
    scopes: string[],
    refreshToken: string,
    refreshExpiresAt: number,
  ): TokenResponse {
    const now = Date.now();
    this.state.prune(now);
    const accessToken = webexToken(this.state.seed.organization.id);
    this.state.accessTokens.set(accessToken, {
      clientId,
      agentId,
      scopes,
      expiresAt: now + this.ttl.accessSec * 1000,
    });
    return {
      access_token: accessToken,
      expires_in: this.ttl.accessSec,
      refresh_token: refreshToken,
      refresh_token_expires_in: Math.max(0, Math.round((refreshExpiresAt - now) / 1000)),
      token_type: 'Bearer',
    };
  }
}

export function isFailure<T extends object>(value: T | OAuthFailure): value is OAuthFailure {
  return 'error' in value && 'description' in value;
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
