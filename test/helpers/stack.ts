// Starts the app and the sandbox in this process on port 0, like `npm start`, for tests.
import type { Server } from 'node:http';
import type { RequestListener } from 'node:http';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app';
import { loadConfig, pointAtSandbox, type Config } from '../../src/settings/config';
import { listen } from '../../src/listen';
import { createLogger } from '../../src/logging';
import type { RateLimitOptions } from '../../src/middleware/rate-limits';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox';
import { buildServices, type ServiceOptions } from '../../src/services/build-services';
import { createSessionStore, type SessionStoreHandle } from '../../src/session-store';
import { sessionStoreTokens } from '../../src/cluster/token-store';
import type { HttpBrowser } from './http-browser';
import { formFields, inputValue, type Page } from './http-browser';

export interface StackOptions {
  env?: Record<string, string>;
  sandbox?: Partial<SandboxOptions>;
  services?: ServiceOptions;
  rateLimits?: RateLimitOptions;
  /** Reuse a session store (to simulate a restart of the app process). */
  sessions?: SessionStoreHandle;
  /** Reuse a running sandbox (a restart of the app, not of Webex). */
  sandboxInstance?: RunningSandbox;
  /** The app's clock for session timeouts. */
  now?: () => number;
}

export interface Stack {
  url: string;
  config: Config;
  sandbox: RunningSandbox;
  sessions: SessionStoreHandle;
  services: ReturnType<typeof buildServices>;
  /** Every log line written so far, as text. */
  logs: string[];
  control: SandboxControl;
  close(options?: { keepSandbox?: boolean; keepSessions?: boolean }): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  let handler: RequestListener = (_req, res) => res.end();
  const server: Server = await listen((req, res) => handler(req, res), 0, '127.0.0.1');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = loadConfig({
    PORT: String(port),
    HTTP_TIMEOUT_MS: '1500',
    LOG_LEVEL: 'debug',
    SESSION_STORE: 'memory',
    ...options.env,
  });
  const sandbox =
    options.sandboxInstance ??
    (await startSandbox({
      eventDelayMs: 5,
      ...options.sandbox,
      clients: [
        {
          clientId: base.webex.clientId,
          clientSecret: base.webex.clientSecret,
          name: 'WxCC Agent Desktop',
          redirectUris: [base.webex.redirectUri],
        },
      ],
    }));
  const config = pointAtSandbox(base, sandbox);
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  const sessions = options.sessions ?? (await createSessionStore({ kind: 'memory' }));
  const services = buildServices(config, logger, {
    resultTimeoutMs: 2000,
    // Tokens in the session store, as server.ts does: a restarted app (same store) finds them.
    tokens: sessionStoreTokens(sessions.store),
    now: options.now,
    ...options.services,
  });
  handler = createApp({
    config,
    logger,
    ...services,
    sessionStore: sessions.store,
    checkReady: () => sessions.ping(),
    rateLimits: options.rateLimits ?? { oauthLimit: 1000, actionLimit: 1000 },
    now: options.now,
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    config,
    sandbox,
    sessions,
    services,
    logs,
    control: new SandboxControl(sandbox.url),
    async close({ keepSandbox = false, keepSessions = false } = {}) {
      await services.station.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!keepSandbox && !options.sandboxInstance) await sandbox.close();
      if (!keepSessions && !options.sessions) await sessions.close();
    },
  };
}

/** The sandbox's control API, as tests and curious users reach it: over HTTP. */
export class SandboxControl {
  constructor(private readonly base: string) {}

  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.base}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  expireTokens(agentId?: string) {
    return this.call('POST', '/tokens/expire', { agentId });
  }
  revokeTokens(agentId?: string) {
    return this.call('POST', '/tokens/revoke', { agentId });
  }
  fault(fault: {
    target: string;
    kind: string;
    status?: number;
    count?: number;
    retryAfterSec?: number;
  }) {
    return this.call('POST', '/faults', fault);
  }
  clearFaults() {
    return this.call('DELETE', '/faults');
  }
  async requests(): Promise<RecordedRequest[]> {
    return (await this.call('GET', '/requests')) as RecordedRequest[];
  }
  clearRequests() {
    return this.call('DELETE', '/requests');
  }
  supervisor(agentId: string, action: string, body: unknown = {}) {
    return this.call('POST', `/agents/${agentId}/${action}`, body);
  }
  async agents(): Promise<SandboxAgent[]> {
    return (await this.call('GET', '/agents')) as SandboxAgent[];
  }
}

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  target: string;
  bearer: string | null;
  body: unknown;
  status: number;
}

export interface SandboxAgent {
  id: string;
  [key: string]: unknown;
}

/** Clicks through Connect → consent (Accept) → callback, and returns the page the agent lands on. */
export async function connect(
  browser: HttpBrowser,
  stack: Stack,
  options: { agentId?: string; decline?: boolean } = {},
): Promise<Page> {
  const consent = await startConnect(browser, stack);
  const { action, fields } = formFields(consent.text, /./, options.decline ? 'Decline' : 'Accept');
  if (options.agentId) {
    const agentField = Object.keys(fields).find((k) => /agent|user|person/i.test(k));
    if (agentField) fields[agentField] = options.agentId;
  }
  const decided = await browser.post(new URL(action, consent.url).toString(), fields);
  if (!decided.location)
    throw new Error(`consent did not redirect: ${decided.status} ${decided.text}`);
  return browser.follow(decided);
}

/** POSTs Connect and follows to the sandbox's consent page. */
export async function startConnect(browser: HttpBrowser, stack: Stack): Promise<Page> {
  const home = await browser.get(`${stack.url}/`);
  const csrf = inputValue(home.text, '_csrf') ?? '';
  const started = await browser.post(`${stack.url}/connect`, { _csrf: csrf });
  if (started.status !== 303 || !started.location) {
    throw new Error(`connect did not redirect: ${started.status}`);
  }
  return browser.get(started.location);
}

/** Submits one of the page's forms the way a browser would, and follows the redirect. */
export async function submit(
  browser: HttpBrowser,
  page: Page,
  action: RegExp,
  overrides: Record<string, string> = {},
  button?: string,
): Promise<Page> {
  const { action: path, fields } = formFields(page.text, action, button);
  const posted = await browser.post(new URL(path, page.url).toString(), {
    ...fields,
    ...overrides,
  });
  return browser.follow(posted);
}
