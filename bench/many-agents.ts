// 1,000 agents connected at once: open websockets, memory, and page/action throughput per store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSecureStore } from '../src/secure-store';
import { createSessionStore, deriveEncryptionKey } from '../src/session-store';
import { startRedisServer } from '../test/session-store/redis-server';
import { HttpBrowser, formFields } from '../test/helpers/http-browser';
import { connect, startStack, type Stack } from '../test/helpers/stack';
import { seedWithAgents } from 'wxcc-sandbox/testing/seed-many';
import { mib, round, runConcurrent, summarize } from './stats';

const gc = (globalThis as { gc?: () => void }).gc;

function heap(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

export async function benchManyAgents(kind: 'sqlite' | 'redis', agents = 1000) {
  const key = deriveEncryptionKey('b'.repeat(64));
  const dir = mkdtempSync(path.join(tmpdir(), 'wxcc-bench-'));
  const redis = kind === 'redis' ? await startRedisServer() : undefined;
  const sessions = await createSessionStore(
    redis
      ? { kind: 'redis', url: redis.url, encryptionKey: key }
      : { kind: 'sqlite', file: path.join(dir, 'sessions.db'), encryptionKey: key },
  );
  const secure = await createSecureStore(
    redis
      ? { kind: 'redis', url: redis.url, encryptionKey: key }
      : { kind: 'sqlite', file: path.join(dir, 'sessions.db'), encryptionKey: key },
  );
  const seed = seedWithAgents(agents);
  // Every simulated agent comes from 127.0.0.1: lift the per-address sign-in limit.
  const stack = await startStack({
    sessions,
    secure,
    sandbox: { seed, eventDelayMs: 0 },
    env: { LOG_LEVEL: 'warn' },
    rateLimits: { oauthLimit: 1_000_000, actionLimit: 1_000_000 },
  });
  try {
    const before = heap();
    const browsers: HttpBrowser[] = [];
    const connected = await runConcurrent(agents, 8, async (i) => {
      const browser = new HttpBrowser();
      await connect(browser, stack, { agentId: seed.agents[i]!.id });
      browsers[i] = browser;
    });
    const afterConnect = heap();
    const stats = stack.services.station.stats();

    const pages = await runConcurrent(2000, 16, async (i) => {
      const page = await browsers[i % agents]!.get(`${stack.url}/`);
      if (page.status !== 200) throw new Error(`page ${page.status}`);
    });

    const actors = Math.min(100, agents);
    await loginStations(stack, browsers.slice(0, actors));
    const actions = await runConcurrent(1000, 16, async (i) => {
      const browser = browsers[i % actors]!;
      const state = Math.floor(i / actors) % 2 === 0 ? 'Available' : 'Idle';
      const home = await browser.get(`${stack.url}/`);
      const button = state === 'Available' ? 'Go Available' : 'Go Idle';
      const { action, fields } = formFields(home.text, /\/station\/state/, button);
      const posted = await browser.post(new URL(action, home.url).toString(), fields);
      if (posted.status !== 303) throw new Error(`action ${posted.status}`);
    });

    return {
      store: kind,
      agents,
      connectSeconds: round(connected.seconds, 1),
      openWebsockets: stats.open,
      heapPerAgentKiB: round((afterConnect - before) / agents / 1024, 1),
      heapMiB: mib(afterConnect),
      rssMiB: mib(process.memoryUsage().rss),
      page: { rps: round(2000 / pages.seconds, 0), ...summarize(pages.latencies) },
      // Each action is a page view plus the POST that waits for WxCC's result event.
      action: { rps: round(1000 / actions.seconds, 0), ...summarize(actions.latencies) },
    };
  } finally {
    await stack.close();
    await sessions.close();
    await secure.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loginStations(stack: Stack, browsers: HttpBrowser[]): Promise<void> {
  await runConcurrent(browsers.length, 8, async (i) => {
    const browser = browsers[i]!;
    const home = await browser.get(`${stack.url}/`);
    const { action, fields } = formFields(home.text, /\/station\/login/);
    const dialNumber = `+1415700${String(i).padStart(4, '0')}`;
    const posted = await browser.post(new URL(action, home.url).toString(), {
      ...fields,
      deviceType: 'AGENT_DN',
      dialNumber,
    });
    if (posted.status !== 303) throw new Error(`login ${posted.status}`);
  });
}
