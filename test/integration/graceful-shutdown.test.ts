// The real server process, as built for production (dist/server.js from src/server.ts): SIGTERM finishes what is in flight, ends streams, exits 0.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { SESSION_COOKIE } from '../../src/app';
import { buildOnce } from '../helpers/built-server';
import { HttpBrowser, formFields, inputValue, type Page } from '../helpers/http-browser';
import { waitFor } from '../helpers/wait-for';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STARTUP_TIMEOUT_MS = 30_000;
const EXIT_WITHIN_MS = 5_000;

interface RunningServer {
  url: string;
  sandboxUrl: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A free port on 127.0.0.1: the server must know its port up front for its OAuth redirect URI. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

const running: ChildProcess[] = [];
let build: ReturnType<typeof buildOnce>;

async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', path.join(build.dir, 'server.js')],
    {
      cwd: ROOT,
      // A clean environment: nothing from the test runner or a developer's .env leaks in.
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        SANDBOX_PORT: String(sandboxPort),
        HOST: '127.0.0.1',
        SESSION_STORE: 'memory',
        SESSION_SECRET: 'g'.repeat(40),
        LOG_LEVEL: 'info',
        DOTENV_CONFIG_PATH: path.join(ROOT, 'test', 'no-such.env'),
        DOTENV_CONFIG_QUIET: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!/desktop started/.test(output)) {
    if (child.exitCode !== null) throw new Error(`the server exited at start:\n${output}`);
    if (Date.now() > deadline) throw new Error(`no startup line in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = `http://127.0.0.1:${port}`;
  assert.match(
    output,
    new RegExp(`Open ${url.replace(/[.:/]/g, '\\$&')}`),
    'says where it listens',
  );
  return {
    url,
    sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
    child,
    output: () => output,
    exited,
  };
}

/** Connect → the sandbox's consent page → Accept → back on the desktop, signed in. */
async function signIn(browser: HttpBrowser, url: string): Promise<Page> {
  const home = await browser.get(`${url}/`);
  const started = await browser.post(`${url}/connect`, { _csrf: inputValue(home.text, '_csrf')! });
  const consent = await browser.get(started.location!);
  const { action, fields } = formFields(consent.text, /./, 'Accept');
  const decided = await browser.post(new URL(action, consent.url).toString(), fields);
  return browser.follow(decided);
}

async function exitsWithin(server: RunningServer, ms: number) {
  const timer = new Promise<'still running'>((resolve) =>
    setTimeout(() => resolve('still running'), ms).unref(),
  );
  return Promise.race([server.exited, timer]);
}

describe('graceful shutdown of the real server', () => {
  before(() => {
    build = buildOnce();
  });
  after(() => {
    build.remove();
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('when SIGTERM arrives while an agent has the live event stream open, then the stream ends and the process exits 0', async () => {
    // arrange
    const server = await startServer();
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    const browser = new HttpBrowser();
    const station = await signIn(browser, server.url);
    assert.match(station.text, /Log in to your station/);
    const stream = await fetch(`${server.url}/events`, {
      headers: {
        Accept: 'text/event-stream',
        Cookie: `${SESSION_COOKIE}=${browser.cookie(server.url, SESSION_COOKIE)}`,
      },
    });
    assert.equal(stream.status, 200);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    assert.match((await reader.read()).value ?? '', /retry: 2000/);

    // act
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const ended = (async () => {
      try {
        while (!(await reader.read()).done);
        return 'ended';
      } catch {
        return 'broken';
      }
    })();
    const result = await exitsWithin(server, EXIT_WITHIN_MS);

    // assert
    assert.deepEqual(result, { code: 0, signal: null }, server.output().slice(-2000));
    assert.ok(Date.now() - signalled < EXIT_WITHIN_MS);
    assert.equal(await ended, 'ended', 'the stream was ended cleanly, not cut');
    assert.match(server.output(), /shutting down/);
    assert.match(server.output(), /"msg":"stopped"/);
  });

  it('when SIGTERM arrives during a slow request, then that request is answered and the process exits 0 right after', async () => {
    // arrange: the next Agent Login waits 1 s at the sandbox before it is refused
    const server = await startServer();
    const browser = new HttpBrowser();
    const station = await signIn(browser, server.url);
    const armed = await fetch(`${server.sandboxUrl}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ target: 'login', kind: 'status', status: 503, delayMs: 1000 }),
    });
    assert.equal(armed.status, 201);
    const { action, fields } = formFields(station.text, /\/station\/login/);
    const inFlight = browser.post(new URL(action, station.url).toString(), {
      ...fields,
      dialNumber: '+14155550701',
    });
    // In flight once the sandbox has taken the fault (it is used up as the login arrives),
    // polled instead of a fixed wait: from then on it holds the answer for the whole second.
    await waitFor(async () => {
      const armedNow = await fetch(`${server.sandboxUrl}/_sandbox/faults`);
      return ((await armedNow.json()) as unknown[]).length === 0;
    });

    // act
    server.child.kill('SIGTERM');
    const answered = await inFlight;
    const answeredAt = Date.now();
    const result = await exitsWithin(server, EXIT_WITHIN_MS);
    const lingeredMs = Date.now() - answeredAt;

    // assert
    assert.equal(answered.status, 303, 'the request in flight got its answer');
    assert.equal(answered.location, '/');
    assert.deepEqual(result, { code: 0, signal: null }, server.output().slice(-2000));
    // Once the last answer is out there is nothing left to finish: its idle keep-alive socket
    // must not hold the process until the client or keepAliveTimeout closes it.
    assert.ok(
      lingeredMs < 1000,
      `exited ${lingeredMs} ms after the last answer (sent with Connection: ${answered.headers.get('connection')})`,
    );
  });

  it('when SIGTERM arrives with nothing in flight, then the process exits 0 at once', async () => {
    const server = await startServer();
    await fetch(`${server.url}/healthz`); // leaves a keep-alive connection open
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const result = await exitsWithin(server, EXIT_WITHIN_MS);
    assert.deepEqual(result, { code: 0, signal: null }, server.output().slice(-2000));
    assert.ok(Date.now() - signalled < 2000, 'an idle keep-alive connection does not hold it');
  });
});
