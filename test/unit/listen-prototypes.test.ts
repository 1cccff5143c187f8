// The server makes each request and response with the Express app's prototypes from the start, so
// Express never moves them (Object.setPrototypeOf) and V8 lets them share hidden classes: a moved
// object, and every property added to it after, gets maps of its own, about 2.5 KB per request
// that each agent's live page stream holds (docs/MEASUREMENTS.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../../src/project-root';

/**
 * Serves three requests through Express on `listen()` (or on a plain server) in a node that may
 * ask V8 whether two objects share their hidden class (%HaveSameMap), and prints what it found.
 */
const PROBE = `
const express = (await import('express')).default;
const http = await import('node:http');
const { listen } = await import('./src/listen.ts');
const seen = [];
const app = express();
app.get('/', (req, res) => {
  req.addedByTheApp = 1;
  res.locals.added = 1;
  seen.push([req, res]);
  res.send('ok');
});
const server = process.argv[1] === 'listen'
  ? await listen(app, 0, '127.0.0.1')
  : http.createServer(app).listen(0, '127.0.0.1');
await new Promise((resolve) => server.listening ? resolve() : server.once('listening', resolve));
const url = 'http://127.0.0.1:' + server.address().port + '/';
for (let i = 0; i < 3; i++) await (await fetch(url)).text();
server.closeAllConnections();
server.close();
const [a, b, c] = seen;
console.log(JSON.stringify({
  request: %HaveSameMap(b[0], c[0]),
  response: %HaveSameMap(b[1], c[1]),
  prototype: Object.getPrototypeOf(c[0]) === app.request && Object.getPrototypeOf(c[1]) === app.response,
  express: typeof c[0].get === 'function' && typeof c[1].send === 'function',
}));
`;

function probe(server: 'listen' | 'plain') {
  const run = spawnSync(
    process.execPath,
    [
      '--allow-natives-syntax',
      '--conditions=wxcc-source',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      PROBE,
      server,
    ],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.trim()) as Record<string, boolean>;
}

describe('requests made with the app prototypes', () => {
  it('when requests are served on listen(), then each request and response shares its hidden class with the others and is still Express', () => {
    assert.deepEqual(probe('listen'), {
      request: true,
      response: true,
      prototype: true,
      express: true,
    });
  });

  it('when the same app runs on a plain Node server, then Express moves each object and none shares a hidden class', () => {
    // What makes the first test mean something on this node version.
    const plain = probe('plain');
    assert.equal(plain.request, false);
    assert.equal(plain.response, false);
    assert.equal(plain.prototype, true);
  });
});
