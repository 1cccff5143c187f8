// The processes a benchmark runs: the built desktop in production mode, its sandbox, the
// bare-Express yardstick and the load generator, each alone so each one's cost is its own.
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build as esbuild } from 'esbuild';
import { PROJECT_ROOT } from '../src/project-root';
import { BENCH_CLIENT } from './bench-client';
import type { LoadOptions, LoadResult } from './load-generator';

// The sandbox package resolves to its TypeScript sources under this condition, as in tests.
const TSX = ['--conditions=wxcc-source', '--import', 'tsx'];
/** USER_HZ, 100 on Linux. */
const CLOCK_TICKS = 100;

export interface Running {
  url: string;
  pid: number;
  /** Resident set size of the process, from /proc. */
  rssMiB(): number;
  /** CPU time the process has used so far (user + system), from /proc. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  // Below the range the kernel hands out for port 0 and for outgoing connections: a port from that
  // range, free when asked, could be taken by one of the benchmark's own connections (or the
  // sandbox's listen) before the desktop binds it, and the run failed to start (once in the ninth
  // pass). Only a program asking for this very port could take one from here.
  const [low] = ephemeralRange();
  for (let tries = 0; tries < 50; tries += 1) {
    const port = PRIVATE_PORTS_FROM + Math.floor(Math.random() * (low - PRIVATE_PORTS_FROM));
    if (await canListen(port)) return port;
  }
  return listenOnce(0);
}

/** Ports from here up to the ephemeral range are ones no program is given without asking. */
const PRIVATE_PORTS_FROM = 20_000;

/** The kernel's range for ephemeral ports (Linux); its usual default elsewhere. */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low !== undefined && high !== undefined && low > PRIVATE_PORTS_FROM + 1000)
      return [low, high];
  } catch {
    // Not Linux: the IANA range most systems use.
  }
  return [49_152, 65_535];
}

async function canListen(port: number): Promise<boolean> {
  return listenOnce(port).then(
    () => true,
    () => false,
  );
}

/** Listens on `port` (0: any) on 127.0.0.1, closes again, and resolves with the port it had. */
async function listenOnce(port: number): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** `npm run build`, as production does before `node dist/server.js`. */
export function build(root: string = PROJECT_ROOT): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the build failed');
}

function running(child: ChildProcess, url: string): Running {
  const exited = once(child, 'exit');
  return {
    url,
    pid: child.pid ?? 0,
    rssMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      return Math.round((kib / 1024) * 10) / 10;
    },
    cpuSeconds() {
      // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name, in ticks.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Where a process's memory is (MiB), from /proc/<pid>/smaps: the malloc heap ([heap] and the
 * 64 MiB arenas of other threads), V8's pages (other anonymous mappings) and files (the binary).
 */
export function memoryBreakdown(pid: number): Record<string, number> {
  const out = { rss: 0, files: 0, mallocHeap: 0, mallocArenas: 0, otherAnonymous: 0 };
  let kind: keyof typeof out = 'otherAnonymous';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const start = BigInt(`0x${mapping[1]}`);
      const name = mapping[3] ?? '';
      if (name.startsWith('/')) kind = 'files';
      else if (name === '[heap]') kind = 'mallocHeap';
      // glibc maps each thread's arena at a 64 MiB boundary (V8's pages are 256 KiB-aligned).
      else if (name === '' && start % (64n << 20n) === 0n) kind = 'mallocArenas';
      else kind = 'otherAnonymous';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) {
      out[kind] += Number(rss[1]);
      out.rss += Number(rss[1]);
    }
  }
  return Object.fromEntries(
    Object.entries(out).map(([k, kib]) => [k, Math.round((kib / 1024) * 10) / 10]),
  );
}

/** Starts a script that prints one JSON line (`url` or `port`, and more) first, and waits for it. */
async function startReporting(
  args: string[],
  env: Record<string, string>,
): Promise<Running & { said: Record<string, unknown> }> {
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [first] = (await once(lines, 'line')) as [string];
  lines.close();
  child.stdout!.resume();
  const said = JSON.parse(first) as { url?: string; port?: number };
  return { ...running(child, said.url ?? `http://127.0.0.1:${said.port}`), said };
}

/** Express with express-session over the encrypted SQLite store, answering a page-sized body. */
/** `pageBytes`: the size of the page it serves, the signed-in agent page's as measured. */
export function startSessionFloor(pageBytes: number, nodeArgs: string[] = []): Promise<Running> {
  return startReporting([...nodeArgs, ...TSX, 'bench/session-floor.ts'], {
    BENCH_FLOOR_PAGE_BYTES: String(pageBytes),
  });
}

/**
 * The connection floor (connection-floor.ts), built to plain JavaScript and run with `npm start`'s
 * node flags, as the desktop runs: its memory is compared with the desktop's.
 */
export async function startConnectionFloor(upstream: string): Promise<Running> {
  const outfile = path.join(PROJECT_ROOT, 'test-results', 'bench-build', 'connection-floor.mjs');
  await esbuild({
    entryPoints: [path.join(PROJECT_ROOT, 'bench', 'connection-floor.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return startReporting([...startFlags(), outfile], { BENCH_FLOOR_UPSTREAM: upstream });
}

export function startBareExpress(nodeArgs: string[] = []): Promise<Running> {
  return startReporting([...nodeArgs, ...TSX, 'bench/bare-express.ts'], {});
}

export async function startSandboxProcess(
  redirectUri: string,
  agents: number,
): Promise<Running & { agentIds: string[] }> {
  const sandbox = await startReporting([...TSX, 'bench/sandbox-process.ts'], {
    BENCH_REDIRECT_URI: redirectUri,
    BENCH_SANDBOX_AGENTS: String(agents),
  });
  return { ...sandbox, agentIds: sandbox.said.agentIds as string[] };
}

/** The node flags of `npm start` (package.json), so the benchmark runs the desktop as production does. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('dist/server.js'));
}

/**
 * `node dist/server.js` as `npm start` runs it (its flags too), in production mode against the sandbox, with a
 * persistent SQLite store and request logging at info into a file (as a log shipper would read).
 */
export async function startDesktopProcess(
  port: number,
  sandboxUrl: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  /** Another checkout's build to run instead (BENCH_BASELINE: before and after in one run). */
  root: string = PROJECT_ROOT,
): Promise<Running & { logFile: string; dataDir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wxcc-bench-'));
  mkdirSync(path.join(PROJECT_ROOT, 'test-results'), { recursive: true });
  const logFile = path.join(PROJECT_ROOT, 'test-results', `bench-desktop-${port}.log`);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...startFlags(), ...nodeArgs, 'dist/server.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      WEBEX_CLIENT_ID: BENCH_CLIENT.clientId,
      WEBEX_CLIENT_SECRET: BENCH_CLIENT.clientSecret,
      WEBEX_REDIRECT_URI: `${url}/oauth`,
      WEBEX_API_BASE: `${sandboxUrl}/webex/v1`,
      WXCC_API_BASE: `${sandboxUrl}/wxcc`,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SESSION_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SESSION_STORE: 'sqlite',
      SESSION_DB_FILE: path.join(dir, 'sessions.db'),
      LOG_LEVEL: 'info',
      DOTENV_CONFIG_PATH: path.join(dir, 'no.env'),
      DOTENV_CONFIG_QUIET: 'true',
      ...env,
    },
    stdio: ['ignore', openSync(logFile, 'w'), 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the desktop exited; see ${logFile}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the desktop did not start; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const handle = running(child, url);
  return {
    ...handle,
    logFile,
    /** Where its SQLite file (sessions and secure store) lives. */
    dataDir: dir,
    async stop() {
      await handle.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the load generator in a child process and returns what it measured. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const child = spawn(
    process.execPath,
    [...TSX, 'bench/load-generator.ts', JSON.stringify(options)],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the load generator failed (${code})`);
  return JSON.parse(out) as LoadResult;
}
