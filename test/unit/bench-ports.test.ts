// The benchmarks' ports come from below the kernel's ephemeral range, where none of their own
// connections can take one between the pick and the desktop's bind (bench/processes.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, it } from 'node:test';
import { freePort } from '../../bench/processes';

describe('benchmark ports', () => {
  it('when a port is picked, then it is below the ephemeral range and free to listen on', async () => {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
    const port = await freePort();
    assert.ok(port >= 20_000 && port < low, `port ${port} below ${low}`);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
