// A yardstick of `npm run bench -- page`: bare Express 5 plus only what the design card asks of a
// signed-in page (express-session over the encrypted SQLite store, and a page of the agent page's
// size), so the report can say what that stack costs before any of the desktop's own work.
import { randomBytes } from 'node:crypto';
import express from 'express';
import { floorSession } from './floor-session';

/**
 * A body the size of the signed-in agent's page: the page bench measures the page first and says
 * its size in BENCH_FLOOR_PAGE_BYTES (15.3 kB on 2026-12-03; 4.5 kB when this floor was set).
 */
const PAGE_BYTES = Number(process.env.BENCH_FLOOR_PAGE_BYTES ?? 15_000);
const PAGE = `<!doctype html><html><body>${'<p>agent</p>'.repeat(Math.max(0, Math.round((PAGE_BYTES - 41) / 12)))}</body></html>`;

const session = floorSession('floor');
const app = express();
app.set('etag', false);
app.use(session.middleware);
app.post('/sign-in', (req, res) => {
  // The same shape as a signed-in agent's session: who, and a CSRF token.
  req.session.agent = { agentId: 'a1', orgId: 'o1', name: 'Agent One' } as never;
  req.session.csrfToken = randomBytes(32).toString('base64url');
  res.sendStatus(204);
});
app.get('/', (req, res) => {
  if (req.session.agent === undefined) return void res.sendStatus(401);
  res.type('html').send(PAGE);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  // The parent reads the port from this first line.
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
process.once('SIGTERM', () =>
  server.close(() => {
    session.close();
    process.exit(0);
  }),
);
