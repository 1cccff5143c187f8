// Live streams whose client stops reading are closed once they lag, instead of buffering every
// update in the desktop's memory (issue 16); a browser that comes back is sent the current state.
import assert from 'node:assert/strict';
import { connect as tcpConnect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { MAX_UNSENT_BYTES } from '../../src/routes/bounded-stream';
import { ALICE, availableAgent, hangUp, placeCall, type SignedInAgent } from '../helpers/contacts';
import { openEventStream } from '../helpers/event-stream';
import { startStack, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

/** A GET /events that never reads a byte of the answer. */
function pausedStream(stack: Stack, cookie: string, headers = ''): Promise<Socket> {
  const { hostname, port } = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(Number(port), hostname, () => {
      socket.write(
        `GET /events HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n` +
          `Cookie: wxcc_desktop.sid=${cookie}\r\n${headers}\r\n`,
      );
      socket.pause();
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

/**
 * 30 call variables of 1 KB (the sandbox's most): every push of the contacts region with the call in it carries them.
 * Only regions that changed are pushed (live-fragments.ts), so the test offers and ends calls:
 * each offer and each hang-up changes the contacts region.
 */
const LARGE_CAD = Object.fromEntries(
  Array.from({ length: 30 }, (_, i) => [`note${i}`, `${i}`.padEnd(1024, 'x')]),
);

describe('live streams that stop reading', () => {
  let stack: Stack;
  let alice: SignedInAgent;
  before(async () => {
    stack = await startStack();
    alice = await availableAgent(stack, ALICE, '+14155550361');
  });
  after(() => stack.close());

  it('when seven streams stop reading through 250 calls offered and ended, then each is closed and a reading one still follows', async () => {
    const cookie = alice.browser.cookie(stack.url, 'wxcc_desktop.sid') ?? '';
    // Seven paused and one reading: within the cap of eight streams per session.
    const paused = await Promise.all(Array.from({ length: 7 }, () => pausedStream(stack, cookie)));
    const reading = await openEventStream(alice.browser, `${stack.url}/events`);
    try {
      for (let i = 0; i < 250; i += 1) {
        await hangUp(stack, await placeCall(stack, ALICE, { cad: LARGE_CAD }));
      }
      const closedLines = () => stack.logs.filter((l) => /the page stopped reading/.test(l));
      await waitFor(async () => closedLines().length >= 7, 10_000);
      for (const line of closedLines()) {
        const unsent = (JSON.parse(line) as { unsentBytes: number }).unsentBytes;
        // Closed within one push of the bound: what this process held for the client.
        assert.ok(unsent < MAX_UNSENT_BYTES + 200 * 1024, `held ${unsent} bytes`);
      }
      // The reading stream was never closed and hears the calls come and go.
      await reading.next((e) => e.event === 'station' && /"contacts":\[\]/.test(e.data), 5000);
      assert.equal(closedLines().length, 7, 'only the paused streams were closed');
    } finally {
      reading.close();
      for (const socket of paused) socket.destroy();
    }
  });

  it('when a closed stream comes back, then it is sent the current state at once', async () => {
    const cookie = alice.browser.cookie(stack.url, 'wxcc_desktop.sid') ?? '';
    const socket = await pausedStream(stack, cookie, 'Last-Event-ID: 1\r\n');
    socket.resume();
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    try {
      await waitFor(async () => /event: live\n/.test(text), 5000);
      assert.match(text, /id: 1\n/);
      assert.match(text, /event: station\ndata: \{"loggedIn":true/);
    } finally {
      socket.destroy();
    }
  });
});
