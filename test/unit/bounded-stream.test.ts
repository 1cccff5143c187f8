// A live stream's writes of one turn of the event loop leave in one system call.
import assert from 'node:assert/strict';
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, it } from 'node:test';
import type { Response } from 'express';
import { boundedStream } from '../../src/routes/bounded-stream';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Counts the chunks the socket hands to the system (`_write` one, `_writev` several at once). */
function countWrites(socket: Socket): { calls: number } {
  const count = { calls: 0 };
  const target = socket as unknown as Record<'_write' | '_writev', (...args: unknown[]) => void>;
  for (const name of ['_write', '_writev'] as const) {
    const original = target[name].bind(socket);
    target[name] = (...args: unknown[]) => {
      count.calls += 1;
      original(...args);
    };
  }
  return count;
}

describe('bounded live stream', () => {
  it('when two pushes are written in one turn of the event loop, then the socket writes them once, and the next turn writes again', async () => {
    let served: { res: ServerResponse; done: Promise<{ calls: number }> } | undefined;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.flushHeaders();
      const done = (async () => {
        // A failed check still ends the response, so the client and the test do not hang.
        try {
          return await checks();
        } finally {
          res.end();
        }
      })();
      async function checks() {
        await turn();
        const count = countWrites(res.socket!);
        const stream = boundedStream(res as unknown as Response, () => undefined);
        assert.equal(stream.write('event: station\ndata: {}\n\n'), true);
        // The regions are rendered after the station event, in later ticks and promise jobs of
        // the same turn (Node's own corking of a response lasts one tick only).
        await new Promise((resolve) => process.nextTick(resolve));
        await Promise.resolve();
        assert.equal(stream.write(`event: live\ndata: ${'x'.repeat(2000)}\n\n`), true);
        assert.equal(count.calls, 0, 'held until the end of the turn');
        await turn();
        await turn();
        assert.equal(count.calls, 1, 'both left together');
        stream.write(': keepalive\n\n');
        await turn();
        await turn();
        assert.equal(count.calls, 2, 'a later turn writes again');
        return count;
      }
      served = { res, done };
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/' }, (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve(text));
        })
          .on('error', reject)
          .end();
      });
      await served!.done;
      assert.match(
        body,
        /^event: station\ndata: \{\}\n\nevent: live\ndata: x{2000}\n\n: keepalive\n\n$/,
      );
    } finally {
      server.close();
    }
  });
});
