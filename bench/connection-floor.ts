// A yardstick of `npm run bench -- agents`: what holding connected agents costs the design card's
// stack before any of the desktop's own work. Express 5 with express-session over the encrypted
// SQLite store, and for each signed-in agent what the desktop must hold too: a WebSocket to WxCC
// (here to the benchmark's own WebSocket server; WxCC pushes an agent's events on a socket of the
// agent's own, CONTRACT.md) and the page's live stream (Server-Sent Events, with a heartbeat). Its
// RSS with every agent connected is the floor the desktop's is compared with, as the page bench
// compares the signed-in page with the session floor. Built to plain JavaScript and run with
// `npm start`'s node flags (bench/agents.ts), as the desktop is: a loader such as tsx would add
// its own thread and memory.
// Env: BENCH_FLOOR_UPSTREAM (ws://… the WebSocket server standing in for WxCC).
import { randomBytes } from 'node:crypto';
import express from 'express';
import { WebSocket } from 'ws';
import { floorSession } from './floor-session';

const UPSTREAM = process.env.BENCH_FLOOR_UPSTREAM ?? '';
const HEARTBEAT_MS = 15_000;

const session = floorSession('connection-floor');
/** Each signed-in agent's socket to "WxCC", and every open page stream. */
const sockets = new Map<string, WebSocket>();
const streams = new Set<express.Response>();

const app = express();
app.set('etag', false);
app.use(express.urlencoded({ extended: false }));
app.use(session.middleware);
app.post('/sign-in', (req, res, next) => {
  const agentId = String(req.body?.agentId ?? '');
  // The same shape as a signed-in agent's session: who, and a form token.
  req.session.agent = { agentId, orgId: 'o1', name: `Agent ${agentId}` } as never;
  req.session.csrfToken = randomBytes(32).toString('base64url');
  const socket = new WebSocket(`${UPSTREAM}?agent=${encodeURIComponent(agentId)}`, {
    perMessageDeflate: false,
  });
  const refused = (error: Error) => next(error);
  socket.once('error', refused);
  socket.once('open', () => {
    // Once open, a failure only ends the socket, as the desktop's reconnects do.
    socket.off('error', refused).on('error', () => undefined);
    socket.once('close', () => sockets.delete(agentId));
    sockets.set(agentId, socket);
    res.sendStatus(204);
  });
});
app.get('/events', (req, res) => {
  if (req.session.agent === undefined) return void res.sendStatus(401);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.flushHeaders();
  res.write('retry: 2000\nid: 1\n\n');
  streams.add(res);
  req.once('close', () => streams.delete(res));
});
// One timer for every stream's heartbeat and every socket's keepalive, as the desktop has.
setInterval(() => {
  for (const res of streams) res.write(': keepalive\n\n');
  for (const socket of sockets.values()) socket.ping();
}, HEARTBEAT_MS).unref();

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  // The parent reads the port from this first line.
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
// As the desktop's (src/listen.ts): idle connections stay above a load balancer's idle timeout.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
process.once('SIGTERM', () => {
  for (const socket of sockets.values()) socket.terminate();
  server.closeAllConnections();
  server.close(() => {
    session.close();
    process.exit(0);
  });
});
