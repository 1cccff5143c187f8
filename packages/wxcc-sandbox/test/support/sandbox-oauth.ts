// Test helper: the whole OAuth dance against a sandbox (authorize → Accept → exchange), over HTTP.
import { createHash, randomBytes } from 'node:crypto';
import { startSandbox, type RunningSandbox, type SandboxClient } from '../../src';
import type { SandboxOptions } from '../../src';
import { defaultSeed } from '../../src/seed';

/** Port 9 (discard): redirects are read, never followed, so nothing listens there. */
export const TEST_CLIENT: SandboxClient = {
  clientId: 'sandbox-test-client',
  clientSecret: 'sandbox-test-secret',
  name: 'Sandbox Test App',
  redirectUris: ['http://127.0.0.1:9/callback'],
};

export const ALL_SCOPES = ['cjp:user', 'cjp:config_read', 'spark:people_read'];
export const AGENTS = defaultSeed.agents;
export const ORG_ID = defaultSeed.organization.id;

export interface TokenSet {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  token_type: string;
}

export function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  return startSandbox({ eventDelayMs: 5, ...options, clients: options.clients ?? [TEST_CLIENT] });
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(
  sandbox: RunningSandbox,
  params: Record<string, string | undefined> = {},
  client: SandboxClient = TEST_CLIENT,
): string {
  const url = new URL(`${sandbox.webexApiBase}/authorize`);
  const all: Record<string, string | undefined> = {
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: client.redirectUris[0],
    scope: ALL_SCOPES.join(' '),
    state: 'state-123',
    ...params,
  };
  for (const [key, value] of Object.entries(all)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.toString();
}

/** Opens the consent page and answers it; returns where the browser would be sent. */
export async function answerConsent(
  sandbox: RunningSandbox,
  consentPage: string,
  decision: 'accept' | 'decline',
  agentId?: string,
): Promise<URL> {
  const consent = /name="consent" value="([^"]+)"/.exec(consentPage)?.[1];
  if (!consent) throw new Error(`no consent form in: ${consentPage.slice(0, 500)}`);
  // A listed agent (a small seed), or the id filled in (a seed too large to list).
  const firstAgent =
    /<option value="([^"]+)"/.exec(consentPage)?.[1] ??
    /name="agentId" value="([^"]+)"/.exec(consentPage)?.[1] ??
    '';
  const response = await fetch(`${sandbox.webexApiBase}/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ consent, decision, agentId: agentId ?? firstAgent }).toString(),
  });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) {
    throw new Error(`consent answered ${response.status}: ${await response.text()}`);
  }
  return new URL(location);
}

export interface OAuthOptions {
  agentId?: string;
  scopes?: string[];
  /** Another registered client, e.g. the app's when the sandbox came from the app's test stack. */
  client?: SandboxClient;
}

export async function authorizeCode(
  sandbox: RunningSandbox,
  options: OAuthOptions & { challenge?: string } = {},
): Promise<string> {
  const page = await fetch(
    authorizeUrl(
      sandbox,
      {
        scope: (options.scopes ?? ALL_SCOPES).join(' '),
        code_challenge: options.challenge,
        code_challenge_method: options.challenge ? 'S256' : undefined,
      },
      options.client,
    ),
  );
  const back = await answerConsent(sandbox, await page.text(), 'accept', options.agentId);
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code in ${back.toString()}`);
  return code;
}

export async function tokenCall(
  sandbox: RunningSandbox,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${sandbox.webexApiBase}/access_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/** Authorize as an agent (default: the first) with scopes (default: all), then exchange. */
export async function obtainTokens(
  sandbox: RunningSandbox,
  options: OAuthOptions = {},
): Promise<TokenSet> {
  const client = options.client ?? TEST_CLIENT;
  const { verifier, challenge } = pkcePair();
  const code = await authorizeCode(sandbox, { ...options, challenge });
  const { status, body } = await tokenCall(sandbox, {
    grant_type: 'authorization_code',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    code,
    redirect_uri: client.redirectUris[0] ?? '',
    code_verifier: verifier,
  });
  if (status !== 200) throw new Error(`token exchange failed: ${status} ${JSON.stringify(body)}`);
  return body as unknown as TokenSet;
}
