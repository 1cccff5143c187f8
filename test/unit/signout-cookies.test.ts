// Sign-out over https: the hardened (`__Host-`) cookies are cleared in a form a browser accepts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express from 'express';
import session from 'express-session';
import request from 'supertest';
import { flashCookies } from '../../src/middleware/flash';
import { sessionRoutes } from '../../src/routes/session-routes';
import type { StationService } from '../../src/station/station-service';

const SECRET = 'x'.repeat(40);
const COOKIE = '__Host-wxcc_desktop.sid';

/** Only what sign-out asks of the station: not logged in, and released. */
const station = {
  snapshot: () => Promise.resolve({ loggedIn: false }),
  release: () => Promise.resolve(),
} as unknown as StationService;

function hardenedApp() {
  const app = express();
  app.set('trust proxy', true);
  app.use(
    session({
      name: COOKIE,
      secret: SECRET,
      resave: false,
      saveUninitialized: false,
      cookie: { secure: true, httpOnly: true, sameSite: 'lax' },
    }),
  );
  app.use(flashCookies(SECRET, { hardened: true }));
  app.get('/test-sign-in', (req, res) => {
    req.session.agent = {
      agentId: 'agent-1',
      personId: 'p',
      orgId: 'o',
      displayName: 'A',
      email: 'a@example.com',
    };
    res.end();
  });
  app.use(sessionRoutes(station, COOKIE));
  return app;
}

describe('sign-out cookies', () => {
  it('when an agent signs out over https, then the session cookie is cleared with Secure and the message cookie is __Host-', async () => {
    const agent = request.agent(hardenedApp());
    await agent.get('/test-sign-in').set('X-Forwarded-Proto', 'https').expect(200);
    const out = await agent.post('/signout').set('X-Forwarded-Proto', 'https').expect(303);
    const cookies = (out.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    const cleared = cookies.find((c) => c.startsWith(`${COOKIE}=;`));
    assert.ok(cleared, cookies.join('\n'));
    // A browser ignores a __Host- Set-Cookie without Secure and Path=/, clearing included.
    assert.match(cleared, /; Path=\//);
    assert.match(cleared, /; Secure/);
    assert.match(cleared, /Expires=Thu, 01 Jan 1970/);
    assert.ok(cookies.some((c) => /^__Host-wxcc_desktop\.flash=v1\..*; Secure/.test(c)));
  });
});
