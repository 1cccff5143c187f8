// Cluster-wide limits (sign-in rate per session and per address, live streams per session) and a
// Redis outage survived: a readable 503, then recovery without restarting any instance.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { retryMessage } from '../../src/middleware/rate-limits';
import { inEnglish } from '../../src/i18n/translate';
import { HttpBrowser, inputValue } from '../helpers/http-browser';
import { connect, submit, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';
import { startRedisServer } from '../session-store/redis-server';
import { startCluster, type Cluster } from './cluster-stack';

const asStack = (cluster: Cluster) => ({ url: cluster.url }) as unknown as Stack;

async function postConnect(browser: HttpBrowser, url: string) {
  const home = await browser.get(`${url}/`);
  return browser.post(`${url}/connect`, { _csrf: inputValue(home.text, '_csrf') ?? '' });
}

describe('retry message', () => {
  it('when the wait is one second or several, then the message says so in correct English', () => {
    assert.match(inEnglish(retryMessage(1)), /try again in 1 second\./);
    assert.match(inEnglish(retryMessage(42)), /try again in 42 seconds\./);
  });
});

describe('cluster-wide sign-in limits', () => {
  it('when one session signs in too often across instances, then the limit is shared and the 429 carries the real wait', async () => {
    const cluster = await startCluster({
      instances: 2,
      sharedRateLimits: true,
      rateLimits: { oauthLimit: 3, oauthAddressLimit: 1000 },
    });
    try {
      const browser = new HttpBrowser();
      // GET / then POST /connect: the POSTs alternate between the two instances.
      for (let i = 0; i < 3; i += 1) {
        assert.equal((await postConnect(browser, cluster.url)).status, 303);
      }
      // A real second, kept: the window is counted by Redis's clock (its key's TTL) and Retry-After
      // in whole seconds, so only real time can tell "the real wait" from "the window".
      await new Promise((r) => setTimeout(r, 1100));
      const refused = await postConnect(browser, cluster.url);
      assert.equal(refused.status, 429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter < 60, `the real wait, not the window: ${retryAfter}`);
      assert.match(refused.text, new RegExp(`try again in ${retryAfter} seconds`));
      // An office: other agents behind the same address are not blocked by one busy session.
      const colleague = new HttpBrowser();
      assert.equal((await postConnect(colleague, cluster.url)).status, 303);
    } finally {
      await cluster.close();
    }
  });

  it('when one address opens sessions without end, then the far higher address ceiling stops it', async () => {
    const cluster = await startCluster({
      instances: 2,
      sharedRateLimits: true,
      rateLimits: { oauthLimit: 3, oauthAddressLimit: 6 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        statuses.push((await postConnect(new HttpBrowser(), cluster.url)).status);
      }
      assert.deepEqual(statuses, [303, 303, 303, 303, 303, 303, 429]);
    } finally {
      await cluster.close();
    }
  });
});

describe('live stream caps', () => {
  it('when one session opens more streams than its cap across instances, then the oldest are closed and told to wait', async () => {
    const cluster = await startCluster({
      instances: 2,
      streamCaps: { perSession: 3, perAgent: 10 },
    });
    try {
      const browser = new HttpBrowser();
      await connect(browser, asStack(cluster));
      const cookie = `wxcc_desktop.sid=${browser.cookie(cluster.url, 'wxcc_desktop.sid') ?? ''}`;
      const streams = [];
      for (let i = 0; i < 5; i += 1) {
        const controller = new AbortController();
        const response = await fetch(`${cluster.url}/events`, {
          headers: { Accept: 'text/event-stream', Cookie: cookie },
          signal: controller.signal,
        });
        assert.equal(response.status, 200);
        const text = response.text().catch(() => '');
        streams.push({ controller, text });
      }
      // The two oldest end with a long retry; the three newest stay open.
      const [first, second] = await Promise.all(streams.slice(0, 2).map((s) => s.text));
      assert.match(first ?? '', /retry: 120000/);
      assert.match(second ?? '', /retry: 120000/);
      // A real wait, kept: nothing signals that a stream was *not* closed, so the newest gets
      // 300 ms in which a wrong eviction would show.
      const open = await Promise.race([
        streams[4]!.text.then(() => 'ended'),
        new Promise((r) => setTimeout(() => r('open'), 300)),
      ]);
      assert.equal(open, 'open');
      for (const s of streams) s.controller.abort();
    } finally {
      await cluster.close();
    }
  });
});

describe('Redis outage', () => {
  it('when Redis stops, then pages answer a readable 503; when it is back with its data, then the desktop carries on without a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'wxcc-redis-'));
    let redis = await startRedisServer({ dir });
    const port = Number(new URL(redis.url).port);
    const cluster = await startCluster({ instances: 2, leaseMs: 1500, redis });
    try {
      const agentId = (await cluster.control.agents())[2]!.id;
      const browser = new HttpBrowser();
      const station = await connect(browser, asStack(cluster), { agentId });
      const loggedIn = await submit(browser, station, /\/station\/login/, {
        dialNumber: '+442079460711',
      });
      assert.match(loggedIn.text, /You are logged in to your station/);

      await redis.stop();
      for (let i = 0; i < 2; i += 1) {
        const page = await browser.get(`${cluster.url}/`);
        assert.equal(page.status, 503, 'a temporary outage on every instance');
        assert.match(page.text, /cannot reach its session storage/);
      }

      redis = await startRedisServer({ dir, port });
      // Each instance reconnects on its own backoff, and each of its Redis connections (session
      // store, secure store, cluster backend and its subscriber) on its own too: a page can render
      // while the tokens or the subscriber are still away. A load balancer sends work to an
      // instance once its /readyz says so, which counts every one of them: wait for that on each.
      await waitFor(async () => {
        const probes = await Promise.all(
          cluster.instances.map(async (i) => (await fetch(`${i.url}/readyz`)).text()),
        );
        return probes.every((body) => body.includes('"ready"'));
      }, 10_000);
      for (let i = 0; i < 2; i += 1) {
        const back = await browser.get(`${cluster.url}/`);
        assert.equal(back.status, 200);
        assert.doesNotMatch(back.text, /cannot reach its session storage/);
      }
      const page = await browser.get(`${cluster.url}/`);
      assert.match(page.text, /Agent Logout/, 'the session and the tokens survived the restart');
      const available = await submit(browser, page, /\/station\/state/, {}, 'Go Available');
      assert.match(available.text, /You are Available/);
      const agent = (await cluster.control.agents()).find((a) => a.id === agentId);
      assert.equal((agent?.websockets as unknown[]).length, 1, 'still one socket');
      await submit(browser, available, /\/station\/logout/);
    } finally {
      await cluster.close();
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
