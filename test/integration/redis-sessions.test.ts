// Sessions in a real Redis: an agent stays signed in across an app restart; an outage is readable.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { SESSION_COOKIE } from '../../src/app';
import { createSecureStore, type SecureStore } from '../../src/secure-store';
import { createSessionStore, type SessionStoreHandle } from '../../src/session-store';
import { startRedisServer, type RedisServer } from '../session-store/redis-server';
import { HttpBrowser } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';

const SECRET = { SESSION_SECRET: 'r'.repeat(40) };
const DIAL = '+14155550501';

function openRedisStore(server: RedisServer, encryptionKey: Buffer): Promise<SessionStoreHandle> {
  return createSessionStore({
    kind: 'redis',
    url: server.url,
    encryptionKey,
    prefix: 'integration:sess:',
  });
}

/** The tokens and last stations, in the same Redis under their own prefix, as production has them. */
function openRedisSecureStore(server: RedisServer, encryptionKey: Buffer): Promise<SecureStore> {
  return createSecureStore({
    kind: 'redis',
    url: server.url,
    encryptionKey,
    prefix: 'integration:kv:',
  });
}

describe('sessions in Redis', () => {
  it('when the app restarts with a new Redis connection, then the agent is still signed in and sees the station', async () => {
    const redis = await startRedisServer();
    const key = randomBytes(32);
    const cleanup: (() => Promise<void>)[] = [];
    try {
      // arrange: sign in and log in to a station on the first app
      const firstStore = await openRedisStore(redis, key);
      cleanup.push(() => firstStore.close());
      const firstSecure = await openRedisSecureStore(redis, key);
      cleanup.push(() => firstSecure.close());
      const first: Stack = await startStack({
        sessions: firstStore,
        secure: firstSecure,
        env: SECRET,
      });
      cleanup.push(() => first.sandbox.close());
      let firstRunning = true;
      cleanup.push(async () => {
        if (firstRunning) await first.close({ keepSandbox: true });
      });
      const browser = new HttpBrowser();
      const station = await connect(browser, first);
      const loggedIn = await submit(browser, station, /\/station\/login/, { dialNumber: DIAL });
      assert.match(loggedIn.text, /You are logged in to your station/);

      // act: the app stops and drops its Redis connection; a new app opens its own
      await first.close({ keepSandbox: true, keepSessions: true });
      firstRunning = false;
      await firstStore.close();
      await firstSecure.close();
      const secondStore = await openRedisStore(redis, key);
      cleanup.push(() => secondStore.close());
      const secondSecure = await openRedisSecureStore(redis, key);
      cleanup.push(() => secondSecure.close());
      const second = await startStack({
        sessions: secondStore,
        secure: secondSecure,
        sandboxInstance: first.sandbox,
        env: SECRET,
      });
      cleanup.push(() => second.close());
      // Cookies are per origin: the new app listens elsewhere, so carry the cookie over.
      const cookie = browser.cookie(first.url, SESSION_COOKIE);
      assert.ok(cookie);
      browser.setCookie(second.url, SESSION_COOKIE, cookie);
      const page = await browser.get(`${second.url}/`);

      // assert
      assert.equal(page.status, 200);
      assert.match(page.text, /Agent Logout/);
      assert.match(page.text, new RegExp(`\\${DIAL}`));
      const loggedOut = await submit(browser, page, /\/station\/logout/);
      assert.match(loggedOut.text, /You are logged out of your station/);
    } finally {
      for (const step of cleanup.reverse()) await step();
      await redis.stop();
    }
  });

  it('when redis-server stops, then /readyz answers 503 and a page gives a readable error, not a crash', async () => {
    const redis = await startRedisServer();
    const store = await createSessionStore({
      kind: 'redis',
      url: redis.url,
      encryptionKey: randomBytes(32),
      // The app's server.ts passes the logger's; without a listener an outage would crash.
      onError: () => undefined,
    });
    const stack = await startStack({ sessions: store, env: SECRET });
    try {
      // arrange
      const browser = new HttpBrowser();
      await connect(browser, stack);
      const ready = await fetch(`${stack.url}/readyz`);
      assert.equal(ready.status, 200);

      // act
      await redis.stop();
      const readyz = await fetch(`${stack.url}/readyz`);
      const started = Date.now();
      const page = await browser.get(`${stack.url}/`);

      // assert
      assert.equal(readyz.status, 503);
      assert.deepEqual(await readyz.json(), {
        status: 'unavailable',
        reason: 'session store unreachable',
      });
      assert.ok(stack.logs.some((line) => line.includes('readiness check failed')));
      assert.ok(Date.now() - started < 5000, 'the page does not hang on a dead store');
      assert.equal(page.status, 503, 'a temporary outage, not an internal error');
      assert.match(page.text, /cannot reach its session storage/);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(page.text, /Something went wrong|try again/i);
      assert.doesNotMatch(page.text, /\bat \S+:\d+:\d+|ECONNREFUSED|ClientClosedError|redis:\/\//);
      const health = await fetch(`${stack.url}/healthz`);
      assert.equal(health.status, 200, 'the process is still up');
    } finally {
      await stack.close();
      await store.close();
      await redis.stop();
    }
  });
});
