// An open page stream (GET /events) lives for hours: once it has taken what its renders need, its
// request keeps no session, language or views' locals (about 1.5 KB of every connected agent's
// memory, docs/MEASUREMENTS.md), nor express-session's wrappers of its response and the router's
// continuation they held (about 2.8 KB more), and its renders still draw for the agent and with the
// form token and language it opened with.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ServerResponse, type Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import express, { type Request, type Response } from 'express';
import session from 'express-session';
import { emptySnapshot, type StationSnapshot } from '../../src/agent-session/snapshot';
import { eventsRoutes } from '../../src/routes/events-routes';
import type { LiveRenderer } from '../../src/routes/live-fragments';
import type { StationService } from '../../src/station/station-service';
import { waitFor } from '../helpers/wait-for';

type Send = (snapshot: StationSnapshot) => void;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const snapshot = (subStatus: string): StationSnapshot => ({
  ...emptySnapshot(),
  known: true,
  loggedIn: true,
  subStatus,
});

describe('GET /events keeps no request state once open', () => {
  let server: Server;
  let base: string;
  let send: Send | undefined;
  let streamReq: Request | undefined;
  let streamRes: Response | undefined;
  /** What express-session and the router left on the stream's request as it reached the route. */
  let sessionsEnd: WeakRef<object> | undefined;
  let continuation: WeakRef<object> | undefined;
  const store = new session.MemoryStore();
  const storeCalls: string[] = [];
  const drawnFor: { agentId: string; csrfToken: unknown; lang: unknown }[] = [];
  const render: LiveRenderer = async (live, s) => {
    drawnFor.push({
      agentId: live.ctx.agent.agentId,
      csrfToken: live.drawn.common.csrfToken,
      lang: live.drawn.common.lang,
    });
    return { page: 'agent', fragments: { bar: s.subStatus ?? '' } };
  };

  before(async () => {
    const station = {
      snapshot: async () => snapshot('Idle'),
      streams: { open: async () => 'stream-1', close: async () => undefined },
      watch: async (_agentId: string, handlers: { onSnapshot: Send }) => {
        send = handlers.onSnapshot;
        return () => (send = undefined);
      },
    } as unknown as StationService;
    for (const method of ['set', 'touch'] as const) {
      const original = store[method].bind(store) as (...args: unknown[]) => void;
      (store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        storeCalls.push(method);
        original(...args);
      };
    }
    const app = express();
    app.use(session({ secret: 'test-secret', store, resave: false, saveUninitialized: false }));
    app.get('/sign-in', (req, res) => {
      Object.assign(req.session, { agent: { agentId: 'agent-1' }, csrfToken: 'form-token' });
      res.end('signed in');
    });
    app.use((req, res, next) => {
      if (req.path !== '/events') return next();
      streamReq = req;
      streamRes = res;
      assert.notEqual(res.end, ServerResponse.prototype.end, 'express-session wraps end');
      sessionsEnd = new WeakRef(res.end);
      continuation = new WeakRef(next);
      Object.assign(req, { log: { info: () => undefined, warn: () => undefined } });
      req.i18n = { locale: 'de', t: () => 'de', say: () => 'de', fmt: {} } as never;
      Object.assign(res.locals, { trackingId: 'upstream-1', csrfToken: 'form-token', big: 'x' });
      next();
    });
    app.use(eventsRoutes(station, undefined, render));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('when the stream is open, then its request holds no session, language or locals, and a push still draws for the agent with its token and language', async () => {
    const signIn = await fetch(`${base}/sign-in`);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    storeCalls.length = 0;
    const controller = new AbortController();
    const response = await fetch(`${base}/events`, {
      headers: { cookie },
      signal: controller.signal,
    });
    assert.equal(response.status, 200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
        if (done) return;
        received += value;
      }
    })();
    try {
      await waitFor(async () => send !== undefined && received.includes('id: 1'));
      await waitFor(async () => streamReq?.session === undefined);
      assert.equal(streamReq!.i18n, undefined);
      // The request's log line still names the upstream's tracking id (request-logger.ts).
      assert.deepEqual({ ...streamRes!.locals }, { trackingId: 'upstream-1' });
      // The session's id is still known: the stream's cap is released by it when it closes.
      assert.equal(typeof streamReq!.sessionID, 'string');

      // express-session's wrappers and the router's continuation can be collected: the response
      // ends as Node's own (the session is gone, the headers are out).
      assert.equal(streamRes!.end, ServerResponse.prototype.end);
      assert.equal(streamRes!.writeHead, ServerResponse.prototype.writeHead);
      assert.equal(streamReq!.next, undefined);
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      assert.equal(sessionsEnd!.deref(), undefined, "express-session's end wrapper is let go");
      assert.equal(continuation!.deref(), undefined, "the router's continuation is let go");

      send!(snapshot('Available'));
      await waitFor(async () => received.includes('event: live'));
      assert.deepEqual(drawnFor, [{ agentId: 'agent-1', csrfToken: 'form-token', lang: 'de' }]);
    } finally {
      controller.abort();
      await reading;
    }
    // Its end writes nothing back: the copy it read could overwrite what other requests wrote.
    await waitFor(async () => streamRes!.destroyed);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(storeCalls, []);
  });
});
