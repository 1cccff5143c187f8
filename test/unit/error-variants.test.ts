// Every documented shape of a Webex or WxCC error body becomes one readable AppError.
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { createWebexClient, type WebexClient } from '../../src/clients/webex-client';
import type { TokenSet } from '../../src/clients/webex-types';
import {
  agentErrorBodies,
  configErrorBodies,
  logoutMethods,
  tokenErrorBodies,
  type ResponseVariant,
} from 'wxcc-sandbox/fixtures/variants';
import { AppError, type ErrorCode } from '../../src/errors';
import { memoryTokenStore } from '../../src/cluster/token-store';
import { createOAuthService } from '../../src/sign-in/oauth-service';
import { call, control, wxcc } from 'wxcc-sandbox/testing/sandbox-client';
import { AGENTS, obtainTokens, startTestSandbox } from 'wxcc-sandbox/testing/sandbox-oauth';

const ORG = '50fc362d-bb05-4884-8d16-ab9207d7444c';
const AGENT = '57ef21f1-50e0-4dd4-988a-c5478b725e00';

/** A stand-in for Webex and WxCC on 127.0.0.1: each path answers the variant armed for it. */
async function startVariantServer() {
  const answers = new Map<string, ResponseVariant>();
  const seen: { method: string; path: string }[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push({ method: req.method ?? '', path });
    req.resume();
    req.on('end', () => {
      const variant = answers.get(path) ?? { name: 'unarmed', status: 404 };
      for (const [name, value] of Object.entries(variant.headers ?? {})) res.setHeader(name, value);
      if (variant.body === undefined) return void res.writeHead(variant.status).end();
      const text =
        variant.contentType === 'text/plain' ? String(variant.body) : JSON.stringify(variant.body);
      res.writeHead(variant.status, { 'Content-Type': variant.contentType ?? 'application/json' });
      res.end(text);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    answer: (path: string, variant: ResponseVariant) => void answers.set(path, variant),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const NOW = Date.now();
const someTokens = (): TokenSet => ({
  accessToken: 'access-token-under-test',
  accessTokenExpiresAt: NOW + 3600_000,
  refreshToken: 'refresh-token-under-test',
  refreshTokenExpiresAt: NOW + 86_400_000,
});

function codeFor(status: number): ErrorCode {
  if (status === 401) return 'upstream_unauthorized';
  if (status === 403) return 'upstream_forbidden';
  if (status === 429 || status >= 500) return 'upstream_unavailable';
  return 'upstream_rejected';
}

/** The tracking id the answer carried: the TrackingID header, else the body's trackingId. */
function sentTrackingId(variant: ResponseVariant): string | undefined {
  const body = variant.body as { trackingId?: unknown } | undefined;
  const fromBody = typeof body?.trackingId === 'string' ? body.trackingId : undefined;
  return variant.headers?.TrackingID ?? fromBody;
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail('the call should have failed'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, `an AppError, not ${String(error)}`);
  return error;
}

function assertHuman(error: AppError, service: string): void {
  const text = error.userMessage;
  assert.ok(text.startsWith(service), `names the service: ${text}`);
  assert.ok(text.length < 400, 'short');
  assert.doesNotMatch(text, /[{}[\]"]/, `no raw JSON in: ${text}`);
  assert.doesNotMatch(text, /\n\s*at |Error:|undefined|null|\[object/, `no stack or junk: ${text}`);
}

describe('error bodies from Webex and WxCC', () => {
  let upstream: Awaited<ReturnType<typeof startVariantServer>>;
  let client: WebexClient;
  before(async () => {
    upstream = await startVariantServer();
    client = createWebexClient({
      clientId: 'client-under-test',
      clientSecret: 'secret-under-test',
      redirectUri: 'http://127.0.0.1:9/oauth',
      scopes: ['cjp:user'],
      webexApiBase: `${upstream.url}/v1`,
      wxccApiBase: upstream.url,
      timeoutMs: 1000,
    });
  });
  after(() => upstream.close());

  for (const variant of tokenErrorBodies) {
    it(`when the token endpoint answers ${variant.name}, then an AppError with a human message`, async () => {
      upstream.answer('/v1/access_token', variant);
      for (const attempt of [
        () => client.refreshTokens(someTokens()),
        () => client.exchangeCode('code-under-test', 'verifier-under-test'),
      ]) {
        const error = await failureOf(attempt());
        assert.equal(error.code, codeFor(variant.status));
        assertHuman(error, 'Webex');
        assert.equal(error.trackingId, variant.headers?.TrackingID);
      }
    });
  }

  for (const variant of agentErrorBodies) {
    it(`when the agents API answers ${variant.status} ${variant.name}, then an AppError with a human message`, async () => {
      for (const path of ['/v1/agents/login', '/v1/agents/session/state', '/v1/agents/logout']) {
        upstream.answer(path, variant);
      }
      const token = 'access-token-under-test';
      for (const attempt of [
        () =>
          client.loginAgent(token, {
            dialNumber: '+14155550100',
            teamId: 'team',
            deviceType: 'AGENT_DN',
            deviceId: '+14155550100',
            isExtension: false,
            roles: ['agent'],
          }),
        () => client.setAgentState(token, { state: 'Available', auxCodeId: '0', agentId: AGENT }),
        () => client.logoutAgent(token, AGENT, 'end of shift'),
      ]) {
        const error = await failureOf(attempt());
        assert.equal(error.code, codeFor(variant.status));
        assertHuman(error, 'Webex Contact Center');
        if (variant.headers?.TrackingID) assert.equal(error.trackingId, variant.headers.TrackingID);
      }
    });
  }

  it('when the agents API gives errorMessage or errorType, then the message says what was wrong', async () => {
    const [typeOnly, withMessage] = agentErrorBodies;
    upstream.answer('/v1/agents/logout', typeOnly!);
    const first = await failureOf(client.logoutAgent('t', AGENT, 'done'));
    assert.match(first.userMessage, /Bad Request/);
    upstream.answer('/v1/agents/logout', withMessage!);
    const second = await failureOf(client.logoutAgent('t', AGENT, 'done'));
    assert.match(second.userMessage, /dialNumber is invalid/);
  });

  for (const variant of configErrorBodies) {
    it(`when the configuration API answers ${variant.name}, then an AppError with a human message`, async () => {
      upstream.answer(`/organization/${ORG}/v2/user/by-ci-user-id/${AGENT}`, variant);
      upstream.answer(`/organization/${ORG}/v2/team`, variant);
      for (const attempt of [
        () => client.getUser('t', ORG, AGENT),
        () => client.listTeams('t', ORG, ['t1']),
      ]) {
        const error = await failureOf(attempt());
        assert.equal(error.code, codeFor(variant.status));
        assertHuman(error, 'Webex Contact Center');
      }
    });
  }

  it('when a configuration API error carries its trackingId in the body only, then the AppError keeps it', async () => {
    const lost: string[] = [];
    for (const variant of configErrorBodies) {
      upstream.answer(`/organization/${ORG}/v2/user/by-ci-user-id/${AGENT}`, variant);
      const error = await failureOf(client.getUser('t', ORG, AGENT));
      if (error.trackingId !== sentTrackingId(variant)) lost.push(variant.name);
    }
    assert.deepEqual(lost, [], 'the body trackingId was dropped for these variants');
  });
});

describe('invalid_grant asks for a reconnect', () => {
  let upstream: Awaited<ReturnType<typeof startVariantServer>>;
  let client: WebexClient;
  before(async () => {
    upstream = await startVariantServer();
    client = createWebexClient({
      clientId: 'client-under-test',
      clientSecret: 'secret-under-test',
      redirectUri: 'http://127.0.0.1:9/oauth',
      scopes: ['cjp:user'],
      webexApiBase: `${upstream.url}/v1`,
      wxccApiBase: upstream.url,
      timeoutMs: 1000,
    });
  });
  after(() => upstream.close());

  const invalidGrant = tokenErrorBodies.filter(
    (v) => (v.body as { error?: string }).error === 'invalid_grant' || v.name === 'Webex envelope',
  );
  for (const variant of invalidGrant) {
    it(`when refresh answers ${variant.name}, then the OAuth service asks for a reconnect and forgets the tokens`, async () => {
      upstream.answer('/v1/access_token', variant);
      const store = memoryTokenStore();
      await store.put('a', someTokens());
      const oauth = createOAuthService({ client, tokens: store });
      const error = await failureOf(oauth.refresh('a'));
      assert.equal(error.code, 'reconnect_required');
      assert.match(error.userMessage, /connect again/);
      assert.equal(await store.get('a'), undefined);
    });

    it(`when WxCC says 401 and the refresh answers ${variant.name}, then the action asks for a reconnect`, async () => {
      upstream.answer('/v1/access_token', variant);
      upstream.answer(
        '/v1/agents/reload',
        agentErrorBodies.find((v) => v.status === 401)!,
      );
      const store = memoryTokenStore();
      await store.put('a', someTokens());
      const oauth = createOAuthService({ client, tokens: store });
      const error = await failureOf(oauth.withAccessToken('a', (t) => client.reloadAgent(t)));
      assert.equal(error.code, 'reconnect_required');
    });
  }

  it('when refresh meets a 500, then the tokens are kept: the next action may succeed', async () => {
    upstream.answer(
      '/v1/access_token',
      agentErrorBodies.find((v) => v.status === 500)!,
    );
    const store = memoryTokenStore();
    await store.put('a', someTokens());
    const oauth = createOAuthService({ client, tokens: store });
    const error = await failureOf(oauth.refresh('a'));
    assert.equal(error.code, 'upstream_unavailable');
    assert.deepEqual(await store.get('a'), someTokens());
  });
});

describe('Agent Logout method', () => {
  it('when the app logs an agent out, then it POSTs, as Cisco’s SDK, samples and Postman collection do', async () => {
    const upstream = await startVariantServer();
    try {
      upstream.answer('/v1/agents/logout', { name: 'accepted', status: 202, body: {} });
      const client = createWebexClient({
        clientId: 'c',
        clientSecret: 's',
        redirectUri: 'http://127.0.0.1:9/oauth',
        scopes: ['cjp:user'],
        webexApiBase: `${upstream.url}/v1`,
        wxccApiBase: upstream.url,
        timeoutMs: 1000,
      });
      for (let i = 0; i < 3; i += 1) await client.logoutAgent('t', AGENT, 'end of shift');
      const methods = upstream.seen.filter((s) => s.path === '/v1/agents/logout');
      assert.deepEqual(
        methods.map((s) => s.method),
        ['POST', 'POST', 'POST'],
      );
    } finally {
      await upstream.close();
    }
  });

  it('when the sandbox is asked to log out with PUT or POST, then both are accepted', async () => {
    const sandbox = await startTestSandbox();
    try {
      const agent = AGENTS[0]!;
      const token = (await obtainTokens(sandbox, { agentId: agent.id })).access_token;
      assert.deepEqual([...logoutMethods], ['PUT', 'POST']);
      for (const method of logoutMethods) {
        const login = await call(wxcc(sandbox, '/v1/agents/login'), {
          method: 'POST',
          token,
          body: {
            dialNumber: '+14155550601',
            teamId: agent.teamIds[0],
            isExtension: false,
            deviceType: 'AGENT_DN',
            deviceId: '+14155550601',
            roles: ['agent'],
          },
        });
        assert.equal(login.status, 202);
        assert.notEqual(await sessionOf(sandbox, agent.id), null, 'logged in');
        const logout = await call(wxcc(sandbox, '/v1/agents/logout'), {
          method,
          token,
          body: { logoutReason: `end of shift via ${method}` },
        });
        assert.equal(logout.status, 202, `${method} /v1/agents/logout`);
        assert.equal(await sessionOf(sandbox, agent.id), null, `logged out with ${method}`);
      }
    } finally {
      await sandbox.close();
    }
  });
});

async function sessionOf(
  sandbox: Awaited<ReturnType<typeof startTestSandbox>>,
  agentId: string,
): Promise<unknown> {
  const agents = (await control(sandbox, 'GET', '/agents')).body as {
    id: string;
    session: unknown;
  }[];
  return agents.find((a) => a.id === agentId)?.session ?? null;
}
