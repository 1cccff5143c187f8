// Recovery: after an app restart every contact is back with its real state and timer, from WxCC (reload), not memory.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSecureStore } from '../../src/secure-store';
import { createSessionStore } from '../../src/session-store';
import {
  ALICE,
  BRUNO,
  answer,
  availableAgent,
  contactAction,
  contactsRegion,
  pageUntil,
  placeCall,
  type SignedInAgent,
  connectCall,
} from '../helpers/contacts';
import { openEventStream } from '../helpers/event-stream';
import { startStack, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

const SECRET = { SESSION_SECRET: 's'.repeat(40) };

/** Brings a call to a state, restarts the app (same sandbox and sessions) and returns the new page. */
async function afterRestart(
  reach: (stack: Stack, alice: SignedInAgent, id: string) => Promise<void>,
): Promise<{
  region: string;
  reloads: number;
  started: string | undefined;
  close: () => Promise<void>;
}> {
  const sessions = await createSessionStore({ kind: 'memory' });
  const secure = await createSecureStore({ kind: 'memory' });
  const first = await startStack({ env: SECRET, sessions, secure });
  const alice = await availableAgent(first, ALICE, '+14155550361');
  await availableAgent(first, BRUNO, '+14155550362');
  const id = await placeCall(first, ALICE, { customerName: 'Recovered Rita' });
  await pageUntil(alice, first, /class="contact-state">Ringing</);
  await reach(first, alice, id);
  const before = contactsRegion(alice.page).match(/data-started-at="(\d+)"/)?.[1];
  await first.close({ keepSandbox: true });

  const second = await startStack({
    env: SECRET,
    sessions,
    secure,
    sandboxInstance: first.sandbox,
  });
  const cookie = alice.browser.cookie(first.url, 'wxcc_desktop.sid');
  assert.ok(cookie);
  alice.browser.setCookie(second.url, 'wxcc_desktop.sid', cookie);
  await second.control.clearRequests();
  const page = await pageUntil(alice, second, /Recovered Rita/);
  const reloads = (await second.control.requests()).filter((r) => r.target === 'reload').length;
  const region = contactsRegion(page);
  const started = region.match(/data-started-at="(\d+)"/)?.[1];
  if (before !== undefined) assert.equal(started, before, 'the timer counts from the same start');
  return {
    region,
    reloads,
    started,
    close: async () => {
      await second.close();
      await first.sandbox.close();
      await sessions.close();
      await secure.close();
    },
  };
}

describe('contacts after an app restart', () => {
  const cases: [string, (s: Stack, a: SignedInAgent, id: string) => Promise<void>, RegExp][] = [
    ['ringing', async () => undefined, /Ringing[\s\S]*Answer on your phone/],
    [
      'connected',
      async (s, a, id) => {
        await answer(s, ALICE, id);
        await pageUntil(a, s, /Connected/);
      },
      /Connected[\s\S]*Hold/,
    ],
    [
      'held',
      async (s, a, id) => {
        await answer(s, ALICE, id);
        await pageUntil(a, s, /Connected/);
        await contactAction(a, /\/hold$/);
      },
      /On hold[\s\S]*Resume/,
    ],
    [
      'consulting',
      async (s, a, id) => {
        await answer(s, ALICE, id);
        await pageUntil(a, s, /Connected/);
        await contactAction(a, /\/consult$/, { target: `agent:${BRUNO}` });
      },
      /Consulting/,
    ],
    [
      'in wrap-up',
      async (s, a, id) => {
        await answer(s, ALICE, id);
        await pageUntil(a, s, /Connected/);
        await contactAction(a, /\/end$/);
      },
      /Wrap-up[\s\S]*Wrap-up reason/,
    ],
  ];
  for (const [name, reach, expected] of cases) {
    it(`when the app restarts with a contact ${name}, then it is back with its real state after one reload`, async () => {
      const recovered = await afterRestart(reach);
      try {
        assert.match(recovered.region, expected);
        assert.equal(recovered.reloads, 1);
      } finally {
        await recovered.close();
      }
    });
  }

  it('when WxCC drops the notification socket during a call, then the desktop reloads and the call is still there', async () => {
    const stack = await startStack();
    try {
      const alice = await availableAgent(stack, ALICE, '+14155550364');
      await connectCall(stack, alice);
      await stack.control.clearRequests();
      await stack.control.supervisor(ALICE, 'drop-websocket');
      await waitFor(async () =>
        (await stack.control.requests()).some((r) => r.target === 'reload'),
      );
      const page = await contactAction(alice, /\/hold$/);
      assert.match(contactsRegion(page), /On hold/);
    } finally {
      await stack.close();
    }
  });

  it('when a call is offered, then the page stream carries it at once', async () => {
    const stack = await startStack();
    try {
      const alice = await availableAgent(stack, ALICE, '+14155550363');
      const stream = await openEventStream(alice.browser, `${stack.url}/events`);
      const id = await placeCall(stack, ALICE);
      const offered = await stream.next(
        (e) => e.data.includes(`"id":"${id}","state":"offered"`),
        3000,
      );
      assert.ok(offered);
      stream.close();
    } finally {
      await stack.close();
    }
  });
});
