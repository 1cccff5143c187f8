// The stores behind real express-session middleware: a signed-in agent survives a server restart.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import express from 'express';
import session from 'express-session';
import { createSessionStore } from '../../src/session-store';
import type { SessionStoreHandle } from '../../src/session-store';

const dir = mkdtempSync(join(tmpdir(), 'express-session-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function startApp(store: session.Store): Promise<{ base: string; server: Server }> {
  const app = express();
  app.use(
    session({
      store,
      secret: 'test-secret-that-is-long-enough-for-this',
      resave: false,
      saveUninitialized: false,
      cookie: { maxAge: 60_000 },
    }),
  );
  app.post('/visit', (req, res) => {
    const counted = req.session as unknown as { visits?: number };
    counted.visits = (counted.visits ?? 0) + 1;
    res.json({ visits: counted.visits });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function visit(base: string, cookie?: string): Promise<{ visits: number; cookie: string }> {
  const response = await fetch(`${base}/visit`, {
    method: 'POST',
    headers: cookie ? { cookie } : {},
  });
  const body = (await response.json()) as { visits: number };
  const setCookie = response.headers.get('set-cookie')?.split(';')[0];
  return { visits: body.visits, cookie: setCookie ?? cookie ?? '' };
}

async function stop(server: Server, handle: SessionStoreHandle): Promise<void> {
  server.close();
  server.closeAllConnections();
  await once(server, 'close');
  await handle.close();
}

describe('stores under express-session', () => {
  test('when the server restarts on the same SQLite file, then the cookie still finds the session', async () => {
    const file = join(dir, 'sessions.db');
    const encryptionKey = randomBytes(32);

    const firstStore = await createSessionStore({ kind: 'sqlite', file, encryptionKey });
    const first = await startApp(firstStore.store);
    const one = await visit(first.base);
    const two = await visit(first.base, one.cookie);
    await stop(first.server, firstStore);

    const secondStore = await createSessionStore({ kind: 'sqlite', file, encryptionKey });
    const second = await startApp(secondStore.store);
    const three = await visit(second.base, two.cookie);
    await stop(second.server, secondStore);

    assert.deepEqual([one.visits, two.visits, three.visits], [1, 2, 3]);
  });

  test('when the key changed across the restart, then the agent gets a fresh session, not a 500', async () => {
    const file = join(dir, 'rekeyed.db');

    const firstStore = await createSessionStore({
      kind: 'sqlite',
      file,
      encryptionKey: randomBytes(32),
    });
    const first = await startApp(firstStore.store);
    const one = await visit(first.base);
    await stop(first.server, firstStore);

    const secondStore = await createSessionStore({
      kind: 'sqlite',
      file,
      encryptionKey: randomBytes(32),
    });
    const second = await startApp(secondStore.store);
    const afterRestart = await visit(second.base, one.cookie);
    await stop(second.server, secondStore);

    assert.equal(afterRestart.visits, 1);
  });
});
