// Two real server processes (src/server.ts) on one Redis behind a round-robin proxy: the socket
// holder is killed with SIGKILL and the survivor adopts the agent; SIGTERM gives leases back.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { keys } from '../../src/cluster/backend';
import { createRedisBackend } from '../../src/cluster/redis-backend';
import { startSandbox } from 'wxcc-sandbox';
import { HttpBrowser } from '../helpers/http-browser';
import { SandboxControl, connect, submit, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';
import { startRedisServer } from '../session-store/redis-server';
import { startRoundRobinProxy } from './round-robin-proxy';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLIENT = { clientId: 'cluster-test-client', clientSecret: 'cluster-test-secret' };

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

interface Member {
  url: string;
  child: ChildProcess;
  instanceId: string;
  exited: Promise<unknown>;
}

const children: ChildProcess[] = [];
after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

async function startMember(env: Record<string, string>): Promise<Member> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--conditions=wxcc-source', '--import', 'tsx', 'src/server.ts'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DOTENV_CONFIG_PATH: path.join(ROOT, 'test', 'no-such.env'),
        DOTENV_CONFIG_QUIET: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`the server exited at start:\n${output}`);
    return /desktop started/.test(output);
  }, 30_000);
  const instanceId = /"instance":"([0-9a-f]+)"/.exec(output)?.[1];
  assert.ok(instanceId, 'each process says which cluster member it is');
  return { url: `http://127.0.0.1:${port}`, child, instanceId, exited };
}

describe('real server processes', () => {
  it('when the process holding the socket is killed with SIGKILL, then the other adopts the agent and the desktop goes on', async () => {
    const redis = await startRedisServer();
    const proxy = await startRoundRobinProxy();
    const sandbox = await startSandbox({
      eventDelayMs: 5,
      clients: [{ ...CLIENT, name: 'Cluster test', redirectUris: [`${proxy.url}/oauth`] }],
    });
    const watcher = await createRedisBackend({ url: redis.url });
    try {
      const env = {
        WEBEX_CLIENT_ID: CLIENT.clientId,
        WEBEX_CLIENT_SECRET: CLIENT.clientSecret,
        WEBEX_API_BASE: `${sandbox.url}/webex/v1`,
        WXCC_API_BASE: `${sandbox.url}/wxcc`,
        WEBEX_REDIRECT_URI: `${proxy.url}/oauth`,
        REDIS_URL: redis.url,
        SESSION_SECRET: 'c'.repeat(40),
        SESSION_ENCRYPTION_KEY: 'd'.repeat(64),
      };
      const members = await Promise.all([startMember(env), startMember(env)]);
      for (const m of members) proxy.add(m.url);
      const control = new SandboxControl(sandbox.url);
      const agentId = (await control.agents())[0]!.id;
      const socketsOf = async () =>
        ((await control.agents()).find((a) => a.id === agentId)?.websockets as unknown[]).length;

      const browser = new HttpBrowser();
      const station = await connect(browser, { url: proxy.url } as unknown as Stack, { agentId });
      const loggedIn = await submit(browser, station, /\/station\/login/, {
        dialNumber: '+14155550730',
      });
      assert.match(loggedIn.text, /You are logged in to your station/);
      assert.equal(await socketsOf(), 1);

      const [holder] = await watcher.holders([keys.owner(agentId)]);
      const owner = members.find((m) => m.instanceId === holder)!;
      const survivor = members.find((m) => m !== owner)!;
      assert.ok(owner, 'one process holds the lease');
      proxy.remove(owner.url);
      owner.child.kill('SIGKILL');
      await owner.exited;

      // With production's timings the lease (7 s) runs out and a sweep adopts the agent: 10 s.
      const killedAt = Date.now();
      await waitFor(
        async () => (await watcher.holders([keys.owner(agentId)]))[0] === survivor.instanceId,
        15_000,
      );
      const took = Date.now() - killedAt;
      assert.ok(took <= 10_500, `adopted ${took} ms after the kill`);
      await waitFor(async () => (await socketsOf()) === 1, 5_000);
      const page = await browser.get(`${proxy.url}/`);
      assert.match(page.text, /Agent Logout/, 'still logged in');
      assert.doesNotMatch(page.text, /Another desktop has taken over/);
      const available = await submit(browser, page, /\/station\/state/, {}, 'Go Available');
      assert.match(available.text, /You are Available/);

      // SIGTERM: the survivor closes its sockets and gives the lease back at once.
      survivor.child.kill('SIGTERM');
      await survivor.exited;
      assert.deepEqual(await watcher.holders([keys.owner(agentId)]), [undefined]);
      await waitFor(async () => (await socketsOf()) === 0, 3_000);
    } finally {
      await watcher.close();
      await proxy.close();
      await sandbox.close();
      await redis.stop();
    }
  });
});
