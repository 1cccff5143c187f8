// Builds the app as `npm run build` does and runs the output as `npm start` does, for tests that
// check what production runs rather than the TypeScript sources.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import { startFlags } from '../../bench/processes';

/** Builds into a folder of its own under test-results/, so parallel runs never share output. */
export function buildOnce(): { dir: string; remove(): void } {
  const parent = path.join(PROJECT_ROOT, 'test-results');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'build-'));
  const result = spawnSync(process.execPath, ['scripts/build.mjs', dir], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`the build failed:\n${result.stderr}`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A free port on 127.0.0.1, for a server that must know its own address before it listens. */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

const STARTUP_TIMEOUT_MS = 30_000;

export interface BuiltServer {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code once the process is gone. */
  stop(): Promise<number | null>;
}

/** Runs `<dir>/server.js` with exactly `env` (plus PATH), and waits for its startup log line. */
export async function startBuiltServer(
  dir: string,
  port: number,
  env: Record<string, string>,
): Promise<BuiltServer> {
  // Node's flags as `npm start` gives them: what CI tests is what production runs.
  const child = spawn(process.execPath, [...startFlags(), path.join(dir, 'server.js')], {
    // Not the project root: the server must find its views and specs wherever it is started.
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DOTENV_CONFIG_PATH: path.join(dir, 'no.env'),
      DOTENV_CONFIG_QUIET: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!/desktop started/.test(output)) {
    if (child.exitCode !== null) throw new Error(`the built server exited at start:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the built server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
