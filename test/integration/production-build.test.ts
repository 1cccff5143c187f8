// What production runs: the bundle `npm run build` makes, started as `npm start` starts it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SESSION_COOKIE, STATIC_PREFIX } from '../../src/app';
import { startSandbox, type RunningSandbox } from 'wxcc-sandbox';
import { buildOnce, freePort, startBuiltServer } from '../helpers/built-server';
import { HttpBrowser, formFields, inputValue } from '../helpers/http-browser';

const CLIENT = { clientId: 'prod-test', clientSecret: 'prod-test-secret', name: 'Desktop' };

describe('the production build', () => {
  let build: ReturnType<typeof buildOnce>;
  const folders: string[] = [];
  before(() => {
    build = buildOnce();
  });
  after(() => {
    build.remove();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('when the bundle is built, then its source is ASCII and it imports no Redis client at start', () => {
    const bundle = readFileSync(path.join(build.dir, 'server.js'), 'utf8');
    // One character beyond Latin-1 makes V8 hold the whole source as two-byte characters.
    assert.doesNotMatch(bundle, /[\u0080-\uffff]/);
    // Loaded when a Redis connection is opened (test/unit/lazy-redis.test.ts), never by import.
    assert.doesNotMatch(bundle, /^import .* from "(redis|connect-redis|rate-limit-redis)";$/m);
    assert.match(bundle, /import\("redis"\)/);
  });

  it('when the built server starts without credentials, then it serves health, Connect, its files and the embedded sandbox, and SIGTERM exits 0 with the last log line written', async () => {
    const [port, sandboxPort] = [await freePort(), await freePort()];
    const server = await startBuiltServer(build.dir, port, {
      SANDBOX_PORT: String(sandboxPort),
      SESSION_STORE: 'memory',
      SESSION_SECRET: 'p'.repeat(40),
      LOG_LEVEL: 'info',
    });
    try {
      const health = await fetch(`${server.url}/healthz`);
      assert.deepEqual(await health.json(), { status: 'ok' });

      const browser = new HttpBrowser();
      const home = await browser.get(`${server.url}/`);
      assert.equal(home.status, 200);
      assert.match(home.text, /Connect to WxCC/);
      // Every script, stylesheet and icon the page names is served from the static prefix.
      const assets = [...home.text.matchAll(/<(?:link|script)[^>]+(?:href|src)="(\/[^"]*)"/g)].map(
        (m) => m[1]!,
      );
      assert.ok(assets.some((a) => a.endsWith('.css')));
      for (const asset of assets) {
        assert.ok(asset.startsWith(`${STATIC_PREFIX}/`), `${asset} is outside ${STATIC_PREFIX}`);
        const answer = await fetch(`${server.url}${asset}`);
        assert.equal(answer.status, 200, asset);
        assert.equal(answer.headers.get('set-cookie'), null, 'files need no session');
      }
      assert.equal((await fetch(`${server.url}${STATIC_PREFIX}/nothing.js`)).status, 404);

      // The sandbox's own views and Cisco's specs are read from the project, not from the bundle.
      const started = await browser.post(`${server.url}/connect`, {
        _csrf: inputValue(home.text, '_csrf') ?? '',
      });
      assert.equal(started.status, 303);
      const consent = await browser.get(started.location!);
      assert.equal(consent.status, 200);
      assert.match(consent.text, /Accept/);
    } finally {
      assert.equal(await server.stop(), 0);
    }
    assert.match(server.output(), /"msg":"stopped"/);
  });

  it('when it runs in production mode with a SQLite store, then visits store nothing until an agent signs in', async () => {
    const port = await freePort();
    const folder = mkdtempSync(path.join(tmpdir(), 'wxcc-prod-'));
    folders.push(folder);
    const sandbox: RunningSandbox = await startSandbox({
      clients: [{ ...CLIENT, redirectUris: [`http://127.0.0.1:${port}/oauth`] }],
    });
    const dbFile = path.join(folder, 'sessions.db');
    const server = await startBuiltServer(build.dir, port, {
      NODE_ENV: 'production',
      WEBEX_CLIENT_ID: CLIENT.clientId,
      WEBEX_CLIENT_SECRET: CLIENT.clientSecret,
      WEBEX_REDIRECT_URI: `http://127.0.0.1:${port}/oauth`,
      WEBEX_API_BASE: sandbox.webexApiBase,
      WXCC_API_BASE: sandbox.wxccApiBase,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SESSION_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SESSION_STORE: 'sqlite',
      SESSION_DB_FILE: dbFile,
    });
    const rows = (where = '', table = 'sessions') => {
      const db = new Database(dbFile, { readonly: true });
      try {
        return (db.prepare(`SELECT COUNT(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    try {
      for (let i = 0; i < 20; i += 1) await new HttpBrowser().get(`${server.url}/`);
      assert.equal(rows(), 0);

      const browser = new HttpBrowser();
      const home = await browser.get(`${server.url}/`);
      const started = await browser.post(`${server.url}/connect`, {
        _csrf: inputValue(home.text, '_csrf') ?? '',
      });
      const consent = await browser.get(started.location!);
      const { action, fields } = formFields(consent.text, /./, 'Accept');
      const station = await browser.follow(
        await browser.post(new URL(action, consent.url).toString(), fields),
      );
      assert.match(station.text, /\/station\/login/);
      assert.ok(browser.cookie(server.url, SESSION_COOKIE));
      // The agent's session; their tokens in the secure store's own table of the same file.
      assert.equal(rows(), 1);
      assert.equal(rows("WHERE sid LIKE 'tokens:%'"), 0, 'no token record among sessions');
      assert.equal(rows("WHERE key LIKE 'tokens:%'", 'secure_store'), 1);
    } finally {
      assert.equal(await server.stop(), 0);
      await sandbox.close();
    }
  });
});
