// Unit tests of the token store and the cluster-wide refresh: one refresh however many instances
// meet the expiry, a rotated refresh token stored once and used by all, a dead holder outlived.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebexClient } from '../../src/clients/webex-client';
import { keys } from '../../src/cluster/backend';
import { createMemoryBackend } from '../../src/cluster/memory-backend';
import { memoryTokenStore, secureStoreTokens } from '../../src/cluster/token-store';
import type { TokenSet } from '../../src/domain/agent';
import { AppError } from '../../src/errors';
import { msg } from '../../src/i18n/message';
import { createOAuthService } from '../../src/sign-in/oauth-service';
import { createSecureStore } from '../../src/secure-store';

const NOW = 1_700_000_000_000;
const tokenSet = (access: string, refresh: string, expiresIn = 3600_000): TokenSet => ({
  accessToken: access,
  accessTokenExpiresAt: NOW + expiresIn,
  refreshToken: refresh,
  refreshTokenExpiresAt: NOW + 86_400_000,
});

/** A Webex that rotates the refresh token on every refresh and insists on the latest one. */
function rotatingWebex() {
  const used: string[] = [];
  let generation = 1;
  const client = {
    refreshTokens: async (current: TokenSet) => {
      used.push(current.refreshToken);
      if (current.refreshToken !== `refresh-${generation}`) {
        throw new AppError(
          'upstream_rejected',
          msg('upstream.refusedSaying', { service: 'Webex', detail: 'invalid_grant' }),
        );
      }
      // Upstream latency (not a timer under test): the other instance meets the refresh in flight.
      await new Promise((r) => setTimeout(r, 20));
      generation += 1;
      return tokenSet(`access-${generation}`, `refresh-${generation}`);
    },
  } as unknown as WebexClient;
  return { client, used };
}

/** Two instances: separate services, one shared backend and token store (as with Redis). */
async function twoInstances() {
  const backend = createMemoryBackend();
  const tokens = memoryTokenStore();
  await tokens.put('agent-1', tokenSet('access-1', 'refresh-1', -1000));
  const webex = rotatingWebex();
  const make = (instanceId: string) =>
    createOAuthService({
      client: webex.client,
      tokens,
      backend,
      instanceId,
      now: () => NOW,
      refreshPollMs: 5,
    });
  return { backend, tokens, webex, a: make('a'), b: make('b') };
}

describe('refresh across instances', () => {
  it('when 50 calls on two instances meet an expired token at once, then one refresh runs and all use its token', async () => {
    const { a, b, webex } = await twoInstances();
    const used = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 === 0 ? a : b).withAccessToken('agent-1', async (t) => t),
      ),
    );
    assert.deepEqual(webex.used, ['refresh-1'], 'one refresh');
    assert.ok(
      used.every((t) => t === 'access-2'),
      'every call used the new token',
    );
  });

  it('when Webex rotates the refresh token, then the next refresh anywhere uses the rotated one', async () => {
    const { a, b, webex, tokens } = await twoInstances();
    await a.withAccessToken('agent-1', async (t) => t);
    assert.equal((await tokens.get('agent-1'))?.refreshToken, 'refresh-2', 'stored once');
    // WxCC refuses the new access token on the other instance: it must refresh with refresh-2.
    const seen: string[] = [];
    await b.withAccessToken('agent-1', async (t) => {
      seen.push(t);
      if (t === 'access-2')
        throw new AppError(
          'upstream_unauthorized',
          msg('upstream.unauthorized', { service: 'Webex' }),
        );
      return t;
    });
    assert.deepEqual(webex.used, ['refresh-1', 'refresh-2']);
    assert.deepEqual(seen, ['access-2', 'access-3']);
  });

  it('when the instance holding the refresh lease died, then another refreshes once the lease runs out', async () => {
    const { a, backend, webex } = await twoInstances();
    await backend.acquire(keys.refresh('agent-1'), 'dead-instance', 100);
    const token = await a.withAccessToken('agent-1', async (t) => t);
    assert.equal(token, 'access-2');
    assert.deepEqual(webex.used, ['refresh-1']);
  });
});

describe('secure-store token store', () => {
  it('when tokens are put, read and deleted, then every reader of the same store sees it', async () => {
    const secure = await createSecureStore({ kind: 'memory' });
    try {
      const one = secureStoreTokens(secure);
      const other = secureStoreTokens(secure);
      await one.put('agent-1', tokenSet('access-1', 'refresh-1'));
      assert.equal((await other.get('agent-1'))?.accessToken, 'access-1');
      await other.delete('agent-1');
      assert.equal(await one.get('agent-1'), undefined);
    } finally {
      await secure.close();
    }
  });

  it('when the stored record is not a token set, then the agent has no tokens rather than a crash', async () => {
    const secure = await createSecureStore({ kind: 'memory' });
    try {
      await secure.set('tokens:agent-1', { accessToken: 42 }, 60_000);
      assert.equal(await secureStoreTokens(secure).get('agent-1'), undefined);
    } finally {
      await secure.close();
    }
  });

  it('when the store cannot be reached, then the error says the storage is unavailable', async () => {
    const secure = await createSecureStore({ kind: 'memory' });
    await secure.close();
    await assert.rejects(
      secureStoreTokens(secure).get('agent-1'),
      (error: unknown) => error instanceof AppError && error.code === 'session_unavailable',
    );
  });
});
