// Unit tests of the sign-in rate limits: a whole office behind one address signs in at shift
// start, one browser session cannot hammer sign-in, a client dropping its cookie meets a ceiling.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import express from 'express';
import { isAppError } from '../../src/errors';
import {
  DEFAULT_LIMITS,
  rateLimits,
  type RateLimitOptions,
} from '../../src/middleware/rate-limits';

/** An app with the sign-in limits in front of one route; `x-sid` stands in for the session cookie. */
async function signInApp(options: RateLimitOptions = {}) {
  const app = express();
  app.use((req, _res, next) => {
    (req as unknown as { sessionID: string }).sessionID = req.get('x-sid') ?? '';
    next();
  });
  app.post('/connect', ...rateLimits(options).oauth, (_req, res) => void res.sendStatus(303));
  app.use(
    (err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (!isAppError(err) || err.code !== 'rate_limited') return next(err);
      res.status(429).send(err.message);
    },
  );
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const post = (sid: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/connect',
          method: 'POST',
          agent,
          headers: { 'x-sid': sid },
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.once('error', reject);
      req.end();
    });
  return {
    post,
    /** Sends every request, 16 at a time; the statuses counted. */
    async many(sids: string[]) {
      const counts: Record<number, number> = {};
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < sids.length) {
            const status = await post(sids[next++]!);
            counts[status] = (counts[status] ?? 0) + 1;
          }
        }),
      );
      return counts;
    },
    close() {
      agent.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('sign-in rate limits', () => {
  it('when 1,000 agents behind one address sign in within a minute, then none is refused', async () => {
    const app = await signInApp();
    try {
      // Each agent's browser session makes its 2 sign-in requests (POST /connect, GET /oauth).
      const sids = Array.from({ length: 1000 }, (_, i) => [`agent-${i}`, `agent-${i}`]).flat();
      assert.deepEqual(await app.many(sids), { 303: 2000 });
    } finally {
      await app.close();
    }
  });

  it('when one browser session signs in more than 20 times a minute, then it is refused with 429', async () => {
    const app = await signInApp();
    try {
      const counts = await app.many(Array.from({ length: 25 }, () => 'one-session'));
      assert.deepEqual(counts, {
        303: DEFAULT_LIMITS.oauthLimit,
        429: 25 - DEFAULT_LIMITS.oauthLimit,
      });
      // Others behind the same address are not punished for it.
      assert.equal(await app.post('a-colleague'), 303);
    } finally {
      await app.close();
    }
  });

  it('when a client drops its cookie to dodge the session limit, then the address ceiling refuses it', async () => {
    const app = await signInApp({ oauthAddressLimit: 30 });
    try {
      const counts = await app.many(Array.from({ length: 40 }, (_, i) => `fresh-${i}`));
      assert.deepEqual(counts, { 303: 30, 429: 10 });
    } finally {
      await app.close();
    }
  });

  it('when nothing is configured, then the address ceiling admits a 5,000-agent office in a minute', () => {
    assert.ok(DEFAULT_LIMITS.oauthAddressLimit >= 5000 * 2);
    assert.equal(DEFAULT_LIMITS.oauthLimit, 20);
  });
});

describe('every limit reports its refusals', () => {
  it('when an agent action or a sign-in check is refused, then the limit is named to onRefused (metrics)', async () => {
    const refused: string[] = [];
    const limits = rateLimits({
      actionLimit: 1,
      sessionCheckLimit: 1,
      onRefused: (limit) => refused.push(limit),
    });
    const app = express();
    app.post('/station/state', limits.actions, (_req, res) => void res.sendStatus(303));
    app.get('/session/check', limits.sessionCheck, (_req, res) => void res.sendStatus(204));
    app.use(
      (err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) =>
        isAppError(err) ? void res.status(err.status).end() : next(err),
    );
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 2; i += 1) {
        statuses.push((await fetch(`${base}/station/state`, { method: 'POST' })).status);
        statuses.push((await fetch(`${base}/session/check`)).status);
      }
      assert.deepEqual(statuses, [303, 204, 429, 429]);
      assert.deepEqual(refused, ['actions', 'session-check']);
    } finally {
      server.close();
    }
  });
});
