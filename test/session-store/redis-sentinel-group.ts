// A throwaway Redis Sentinel group on 127.0.0.1 for tests: a primary, a replica and three
// sentinels (quorum 2) with short timings, so a killed primary is replaced within seconds.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { findFreePort, waitUntilAnswering } from './redis-server';

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';
export const MASTER_NAME = 'mymaster';
/** Sentinel's timings here: a primary silent this long is down, and a fail-over gets this long. */
export const DOWN_AFTER_MS = 1000;
export const FAILOVER_TIMEOUT_MS = 3000;
const SETTLE_TIMEOUT_MS = 20_000;

export interface RedisNodeProcess {
  port: number;
  /** SIGKILL: a crash, nothing flushed, no goodbye to the replicas or the sentinels. */
  kill(): Promise<void>;
}

export interface SentinelGroup {
  primary: RedisNodeProcess;
  replica: RedisNodeProcess;
  sentinelPorts: number[];
  /** REDIS_SENTINELS for the desktop. */
  sentinels: string;
  /** The primary's port as the sentinels name it now. */
  masterPort(): Promise<number>;
  stop(): Promise<void>;
}

export const redisServerInstalled = (): boolean => existsSync(REDIS_SERVER);

export async function startSentinelGroup(): Promise<SentinelGroup> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wxcc-sentinel-'));
  const children: ChildProcess[] = [];
  // If the test process dies first, nothing it started may outlive it.
  const killAll = (): void => {
    for (const child of children) child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const start = async (args: string[], port: number): Promise<RedisNodeProcess> => {
    const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await waitUntilAnswering(port, () => child.exitCode !== null);
    } catch (err) {
      throw new Error(`redis-server ${args.join(' ')} did not start: ${String(err)}\n${stderr}`);
    }
    return { port, kill: () => killChild(child) };
  };
  const stop = async () => {
    process.off('exit', killAll);
    await Promise.all(children.map(killChild));
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const node = (port: number) => [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--dbfilename',
      `dump-${port}.rdb`,
    ];
    const primaryPort = await findFreePort();
    const primary = await start(node(primaryPort), primaryPort);
    const replicaPort = await findFreePort();
    const replica = await start(
      [...node(replicaPort), '--replicaof', '127.0.0.1', String(primaryPort)],
      replicaPort,
    );
    await until(async () => /master_link_status:up/.test(await info(replicaPort)), 'replica sync');

    const sentinelPorts: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const port = await findFreePort();
      // A sentinel rewrites its config file as it learns the group, so each has its own.
      const file = path.join(dir, `sentinel-${port}.conf`);
      await writeFile(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${primaryPort} 2`,
          `sentinel down-after-milliseconds ${MASTER_NAME} ${DOWN_AFTER_MS}`,
          `sentinel failover-timeout ${MASTER_NAME} ${FAILOVER_TIMEOUT_MS}`,
          `sentinel parallel-syncs ${MASTER_NAME} 1`,
          '',
        ].join('\n'),
      );
      await start([file, '--sentinel'], port);
      sentinelPorts.push(port);
    }
    // A fail-over needs every sentinel to know the replica and the two other sentinels.
    await until(async () => {
      for (const port of sentinelPorts) {
        const master = await sentinelMaster(port);
        if (master['num-other-sentinels'] !== '2' || master['num-slaves'] !== '1') return false;
      }
      return true;
    }, 'sentinels that know each other and the replica');

    return {
      primary,
      replica,
      sentinelPorts,
      sentinels: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','),
      async masterPort() {
        const reply = (await ask(sentinelPorts[0]!, [
          'SENTINEL',
          'get-master-addr-by-name',
          MASTER_NAME,
        ])) as string[];
        return Number(reply[1]);
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

async function ask(port: number, args: string[]): Promise<unknown> {
  const client = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await client.sendCommand(args);
  } finally {
    client.destroy();
  }
}

async function info(port: number): Promise<string> {
  return String(await ask(port, ['INFO', 'replication']));
}

async function sentinelMaster(port: number): Promise<Record<string, string>> {
  const flat = (await ask(port, ['SENTINEL', 'master', MASTER_NAME])) as unknown[];
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`Redis Sentinel group: no ${what} within ${SETTLE_TIMEOUT_MS} ms`);
}
