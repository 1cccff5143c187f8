// Unit tests of the OAuth service: state checks, single-flight refresh, retry with the new token.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebexClient } from '../../src/clients/webex-client';
import type { TokenSet } from '../../src/clients/webex-types';
import { AppError } from '../../src/errors';
import { msg } from '../../src/i18n/message';
import { memoryTokenStore } from '../../src/cluster/token-store';
import { createOAuthService } from '../../src/sign-in/oauth-service';

const NOW = 1_700_000_000_000;
const tokens = (access: string, expiresIn = 3600_000): TokenSet => ({
  accessToken: access,
  accessTokenExpiresAt: NOW + expiresIn,
  refreshToken: 'refresh-1',
  refreshTokenExpiresAt: NOW + 86_400_000,
});

function fakeClient(overrides: Partial<WebexClient> = {}) {
  const calls = { exchange: 0, refresh: 0 };
  const client = {
    authorizeUrl: (state: string, challenge: string) =>
      `https://idp.example/authorize?state=${state}&code_challenge=${challenge}`,
    exchangeCode: async () => {
      calls.exchange += 1;
      return tokens('access-1');
    },
    refreshTokens: async () => {
      calls.refresh += 1;
      // A moment of upstream latency (not a timer under test): concurrent callers overlap it.
      await new Promise((r) => setTimeout(r, 10));
      return tokens(`access-${calls.refresh + 1}`);
    },
    getMe: async () => ({
      personId: 'p',
      agentId: 'a',
      orgId: 'o',
      displayName: 'Ada',
    }),
    ...overrides,
  } as unknown as WebexClient;
  return { client, calls };
}

const unauthorized = () =>
  new AppError('upstream_unauthorized', msg('upstream.unauthorized', { service: 'Webex' }));

describe('startAuthorization', () => {
  it('when called twice, then each attempt has its own state and PKCE verifier', () => {
    const { client } = fakeClient();
    const oauth = createOAuthService({ client, now: () => NOW });
    const a = oauth.startAuthorization();
    const b = oauth.startAuthorization();
    assert.notEqual(a.pending.state, b.pending.state);
    assert.notEqual(a.pending.codeVerifier, b.pending.codeVerifier);
    assert.ok(a.pending.state.length >= 32);
    assert.match(a.url, /code_challenge=[A-Za-z0-9_-]{43}$/);
    assert.ok(!a.url.includes(a.pending.codeVerifier), 'the verifier never leaves the server');
  });
});

describe('completeAuthorization', () => {
  const pending = { state: 'good-state', codeVerifier: 'v', startedAt: NOW };

  it('when the state does not match, then no token call is made', async () => {
    const { client, calls } = fakeClient();
    const oauth = createOAuthService({ client, now: () => NOW });
    await assert.rejects(oauth.completeAuthorization(pending, { state: 'evil', code: 'c' }), {
      code: 'oauth_state_mismatch',
    });
    assert.equal(calls.exchange, 0);
  });

  it('when there is no pending attempt (a replayed callback), then no token call is made', async () => {
    const { client, calls } = fakeClient();
    const oauth = createOAuthService({ client, now: () => NOW });
    await assert.rejects(
      oauth.completeAuthorization(undefined, { state: 'good-state', code: 'c' }),
      {
        code: 'oauth_state_mismatch',
      },
    );
    assert.equal(calls.exchange, 0);
  });

  it('when the user declined, then the error says so and no token call is made', async () => {
    const { client, calls } = fakeClient();
    const oauth = createOAuthService({ client, now: () => NOW });
    await assert.rejects(
      oauth.completeAuthorization(pending, { state: 'good-state', error: 'access_denied' }),
      (e: AppError) => e.code === 'oauth_denied' && /declined/.test(e.userMessage),
    );
    assert.equal(calls.exchange, 0);
  });

  it('when the attempt is older than ten minutes, then it is refused', async () => {
    const { client } = fakeClient();
    const oauth = createOAuthService({ client, now: () => NOW + 11 * 60_000 });
    await assert.rejects(oauth.completeAuthorization(pending, { state: 'good-state', code: 'c' }), {
      code: 'oauth_state_mismatch',
    });
  });

  it('when everything matches, then tokens and the person come back', async () => {
    const { client } = fakeClient();
    const oauth = createOAuthService({ client, now: () => NOW });
    const result = await oauth.completeAuthorization(pending, { state: 'good-state', code: 'c' });
    assert.equal(result.tokens.accessToken, 'access-1');
    assert.equal(result.person.displayName, 'Ada');
  });
});

describe('agent id override', () => {
  it('when WXCC_AGENT_ID is configured, then it replaces the id from /people/me', async () => {
    const { client } = fakeClient();
    const oauth = createOAuthService({ client, now: () => NOW, agentIdOverride: 'override-1' });
    const pending = { state: 's', codeVerifier: 'v', startedAt: NOW };
    const { person } = await oauth.completeAuthorization(pending, { state: 's', code: 'c' });
    assert.equal(person.agentId, 'override-1');
    assert.equal(person.displayName, 'Ada');
  });
});

/** An OAuth service whose token store already holds agent "a"'s tokens. */
async function signedIn(current: TokenSet, client: WebexClient, now: () => number = () => NOW) {
  const store = memoryTokenStore();
  await store.put('a', current);
  return { oauth: createOAuthService({ client, tokens: store, now }), store };
}

describe('withAccessToken', () => {
  it('when the call answers 401, then it refreshes once and retries with the NEW token', async () => {
    const { client, calls } = fakeClient();
    const { oauth, store } = await signedIn(tokens('access-1'), client);
    const seen: string[] = [];
    const result = await oauth.withAccessToken('a', async (token) => {
      seen.push(token);
      if (token === 'access-1') throw unauthorized();
      return 'ok';
    });
    assert.equal(result, 'ok');
    assert.deepEqual(seen, ['access-1', 'access-2']);
    assert.equal(calls.refresh, 1);
    assert.equal((await store.get('a'))?.accessToken, 'access-2', 'the store holds the result');
  });

  it('when the retry also answers 401, then it stops with a clear error', async () => {
    const { client, calls } = fakeClient();
    const { oauth } = await signedIn(tokens('access-1'), client);
    let attempts = 0;
    await assert.rejects(
      oauth.withAccessToken('a', async () => {
        attempts += 1;
        throw unauthorized();
      }),
      (e: AppError) => e.code === 'upstream_unauthorized' && /even after/.test(e.userMessage),
    );
    assert.equal(attempts, 2);
    assert.equal(calls.refresh, 1);
  });

  it('when 100 calls of one agent meet an expired token at once, then one refresh runs', async () => {
    const { client, calls } = fakeClient();
    const { oauth } = await signedIn(tokens('access-1', -1000), client);
    const used = await Promise.all(
      Array.from({ length: 100 }, () => oauth.withAccessToken('a', async (t) => t)),
    );
    assert.equal(calls.refresh, 1);
    assert.ok(used.every((t) => t === 'access-2'));
  });

  it('when a 401 arrives for a token another caller already replaced, then no second refresh runs', async () => {
    const { client, calls } = fakeClient();
    const { oauth, store } = await signedIn(tokens('access-1'), client);
    // Another instance refreshed meanwhile: the store holds its result.
    await store.put('a', tokens('access-9'));
    const seen: string[] = [];
    await oauth.withAccessToken('a', async (t) => {
      seen.push(t);
      return t;
    });
    assert.deepEqual(seen, ['access-9']);
    assert.equal(calls.refresh, 0);
    const fresh = await oauth.refresh('a', 'access-1');
    assert.equal(fresh.accessToken, 'access-9', 'a stale 401 gets the stored token');
    assert.equal(calls.refresh, 0);
  });

  it('when the token expires within the skew, then it is refreshed before the call', async () => {
    const { client, calls } = fakeClient();
    const store = memoryTokenStore();
    await store.put('a', tokens('access-1', 30_000));
    const oauth = createOAuthService({
      client,
      tokens: store,
      now: () => NOW,
      refreshSkewMs: 60_000,
    });
    const used = await oauth.withAccessToken('a', async (t) => t);
    assert.equal(used, 'access-2');
    assert.equal(calls.refresh, 1);
  });

  it('when the refresh token is dead (invalid_grant), then the tokens are dropped and a reconnect is asked', async () => {
    const { client } = fakeClient({
      refreshTokens: async () => {
        throw new AppError(
          'upstream_rejected',
          msg('upstream.refusedSaying', { service: 'Webex', detail: 'invalid_grant' }),
        );
      },
    });
    const { oauth, store } = await signedIn(tokens('access-1', -1), client);
    await assert.rejects(
      oauth.withAccessToken('a', async (t) => t),
      { code: 'reconnect_required' },
    );
    assert.equal(await store.get('a'), undefined);
  });

  it('when the refresh times out, then the tokens are kept for the next try', async () => {
    const { client } = fakeClient({
      refreshTokens: async () => {
        throw new AppError('upstream_timeout', msg('upstream.timeout', { service: 'Webex' }));
      },
    });
    const { oauth, store } = await signedIn(tokens('access-1', -1), client);
    await assert.rejects(
      oauth.withAccessToken('a', async (t) => t),
      { code: 'upstream_timeout' },
    );
    assert.equal((await store.get('a'))?.accessToken, 'access-1');
  });

  it('when the agent has no tokens, then it says the agent is not connected', async () => {
    const { client } = fakeClient();
    const oauth = createOAuthService({ client, now: () => NOW });
    await assert.rejects(
      oauth.withAccessToken('nobody', async (t) => t),
      { code: 'not_connected' },
    );
  });
});
