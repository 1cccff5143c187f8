// A kept-alive connection the server has just closed is not used for the next call, even when the
// desktop's event loop is too late to have noticed (issue 19: 40 calls of the soak died with
// ECONNRESET on reused connections as the sandbox's 5 s keep-alive timeout closed them).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { createHttp, httpCall } from '../../src/clients/http-call';
import { keepAliveAgents } from '../../src/clients/keep-alive-agents';
import { AppError } from '../../src/errors';

/** Each answer counts the requests and connections the server has had so far. */
interface Seen {
  requests: number;
  connections: number;
}

/**
 * A keep-alive HTTP server on its own thread (so it closes connections on time while this
 * thread is blocked) that closes a connection after `idleCloseMs` idle without announcing it (no
 * `Keep-Alive: timeout=` header, as many servers and proxies do).
 */
async function closingServer(idleCloseMs = 150) {
  const worker = new Worker(
    `
    const net = require('node:net');
    const { parentPort } = require('node:worker_threads');
    let requests = 0, connections = 0;
    const server = net.createServer((socket) => {
      connections += 1;
      let idle;
      let buffer = '';
      socket.on('error', () => {});
      socket.on('data', (chunk) => {
        clearTimeout(idle);
        buffer += chunk;
        while (buffer.includes('\\r\\n\\r\\n')) {
          const head = buffer.slice(0, buffer.indexOf('\\r\\n\\r\\n'));
          const length = Number(/content-length: *(\\d+)/i.exec(head)?.[1] ?? 0);
          const whole = head.length + 4 + length;
          if (buffer.length < whole) break;
          buffer = buffer.slice(whole);
          requests += 1;
          const body = JSON.stringify({ requests, connections });
          socket.write('HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nContent-Length: ' + body.length + '\\r\\n\\r\\n' + body);
        }
        idle = setTimeout(() => socket.destroy(), ${idleCloseMs});
      });
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
    `,
    { eval: true },
  );
  const [{ port }] = (await once(worker, 'message')) as [{ port: number }];
  return { url: `http://127.0.0.1:${port}/v1/x`, stop: () => worker.terminate() };
}

/** The event loop busy for `ms`, as under CPU starvation: no timer or socket event runs. */
function blockFor(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('stale kept-alive connections', () => {
  it('when the loop was blocked past the server closing an idle connection, then the next call opens a new one', async () => {
    const server = await closingServer();
    try {
      const client = createHttp(2000, keepAliveAgents({ idleMs: 100 }));
      const call = () =>
        httpCall(
          client,
          { method: 'GET', url: server.url, service: 'WxCC', expect: [200] },
          () => {},
        );
      await call();
      blockFor(600);
      // Not marked idempotent, so not sent twice: it must go out on a live connection at once.
      assert.deepEqual((await call()).body, { requests: 2, connections: 2 }, 'a new connection');
    } finally {
      await server.stop();
    }
  });

  it('when a call is never sent twice (POST), then it reuses only a connection used moments ago', async () => {
    const server = await closingServer(3000);
    try {
      // The server keeps an idle connection 3 s; gets may reuse one for a minute, posts within 1 s.
      const client = createHttp(2000, keepAliveAgents({ idleMs: 60_000, unsafeIdleMs: 1000 }));
      const call = (method: 'GET' | 'POST') =>
        httpCall(client, { method, url: server.url, service: 'WxCC', expect: [200] }, () => {});
      await call('POST');
      assert.deepEqual(
        (await call('POST')).body,
        { requests: 2, connections: 1 },
        'reused at once',
      );
      blockFor(1200);
      assert.deepEqual((await call('POST')).body, { requests: 3, connections: 2 });
    } finally {
      await server.stop();
    }
  });

  it('when connections were reused regardless of their idle time, then the same call dies with a reset', async () => {
    // The proof the scenario above is real: the clock check off (idle limit far above the gap).
    const server = await closingServer();
    try {
      const client = createHttp(2000, keepAliveAgents({ idleMs: 60_000, unsafeIdleMs: 60_000 }));
      const call = () =>
        httpCall(
          client,
          { method: 'POST', url: server.url, service: 'WxCC', expect: [200] },
          () => {},
        );
      await call();
      blockFor(600);
      await assert.rejects(
        call(),
        (error) => error instanceof AppError && error.code === 'upstream_unreachable',
      );
      const after = (await call()).body as Seen;
      assert.equal(after.requests, 2, 'the call that died never reached the server');
    } finally {
      await server.stop();
    }
  });

  it('when a reused connection dies under an idempotent call, then it is sent once more and answers', async () => {
    const server = await closingServer();
    try {
      const client = createHttp(2000, keepAliveAgents({ idleMs: 60_000 }));
      const call = () =>
        httpCall(
          client,
          { method: 'GET', url: server.url, service: 'WxCC', expect: [200], idempotent: true },
          () => {},
        );
      await call();
      blockFor(600);
      assert.deepEqual((await call()).body, { requests: 2, connections: 2 });
    } finally {
      await server.stop();
    }
  });
});
