// Starts the desktop and the sandbox in this process on port 0, wired by startDesktop as
// `npm start` wires them, for tests.
import { Writable } from 'node:stream';
import { listen } from '../../src/listen';
import type { RateLimitOptions } from '../../src/middleware/rate-limits';
import { startSandbox, type RunningSandbox, type SandboxOptions } from 'wxcc-sandbox';
import type { SecureStore } from '../../src/secure-store';
import type { Services } from '../../src/build-services';
import type { SessionStoreHandle } from '../../src/session-store';
import { loadConfig, pointAtSandbox, type Config } from '../../src/settings/config';
import { startDesktop, type DesktopOverrides } from '../../src/start-desktop';
import type { HttpBrowser } from './http-browser';
import { formFields, inputValue, type Page } from './http-browser';

export interface StackOptions {
  env?: Record<string, string>;
  sandbox?: Partial<SandboxOptions>;
  services?: DesktopOverrides['services'];
  rateLimits?: RateLimitOptions;
  /** Reuse a session store (to simulate a restart of the app process). */
  sessions?: SessionStoreHandle;
  /** Reuse a secure store (tokens, last stations) with it, as the SQLite file or Redis would be. */
  secure?: SecureStore;
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
  secure: SecureStore;
  services: Services;
  /** Every log line written so far, as text. */
  logs: string[];
  control: SandboxControl;
  close(options?: { keepSandbox?: boolean; keepSessions?: boolean }): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // The port first: the redirect address the sandbox registers (and the config derives) holds it.
  const server = await listen(undefined, 0, '127.0.0.1');
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
  const logs: string[] = [];
  const desktop = await startDesktop(pointAtSandbox(base, sandbox), {
    server,
    logDestination: collect(logs),
    sessions: options.sessions,
    secure: options.secure,
    services: { resultTimeoutMs: 2000, ...options.services },
    rateLimits: options.rateLimits ?? { oauthLimit: 1000, actionLimit: 1000 },
    now: options.now,
  }).catch(async (error: unknown) => {
    // The port and the sandbox are this helper's: a failed start must not leave them open.
    server.close();
    if (!options.sandboxInstance) await sandbox.close();
    throw error;
  });
  return {
    url: desktop.url,
    config: desktop.config,
    sandbox,
    sessions: desktop.sessions,
    secure: desktop.secure,
    services: desktop.services,
    logs,
    control: new SandboxControl(sandbox.url),
    async close({ keepSandbox = false, keepSessions = false } = {}) {
      await desktop.close({ keepSessions });
      if (!keepSandbox && !options.sandboxInstance) await sandbox.close();
    },
  };
}

/** A log destination that keeps every line as text, for tests to read back. */
export function collect(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
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
