// Starts a throwaway redis-server on 127.0.0.1 for tests, and stops it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';
const READY_TIMEOUT_MS = 10_000;

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** A fixed port, to start a server again where the last one stopped. */
  port?: number;
  /** Persist with an append-only file in this directory (fsync always), to survive a restart. */
  dir?: string;
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER)) {
    // Deliberately a failure, not a skip: a skipped Redis suite would hide a broken store.
    throw new Error(
      `redis-server not found at ${REDIS_SERVER}: CI must install it (apt-get install redis-server)`,
    );
  }
  const port = options.port ?? (await findFreePort());
  const persistence = options.dir
    ? ['--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.dir]
    : ['--save', '', '--appendonly', 'no'];
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', ...persistence],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // If the test process dies first, the server must not outlive it.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const exited = once(child, 'exit');
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(forced);
  };

  try {
    await waitUntilAnswering(port, () => child.exitCode !== null);
  } catch (err) {
    await stop();
    throw new Error(`redis-server did not start on port ${port}: ${String(err)}\n${stderr}`);
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}

export async function findFreePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

export async function waitUntilAnswering(port: number, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('redis-server exited');
    if (await answersPing(port)) return;
    await sleep(50);
  }
  throw new Error(`no PONG within ${READY_TIMEOUT_MS} ms`);
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
