// Wrap-up: codes from the profile (default preselected, older id formats), and auto wrap-up on the server.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';
import {
  ALICE,
  CHIARA,
  availableAgent,
  contactAction,
  contactsRegion,
  statusText,
  type SignedInAgent,
  connectCall,
} from '../helpers/contacts';
import { startStack, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

const OLD_FORMAT_CODE = 'AXUH3oN12eV-WekpnDpl';
const RESOLVED = '8de61794-a454-4f87-a586-4fe2b0768215';

async function endedCall(stack: Stack, agentId: string, dialNumber: string) {
  const agent = await availableAgent(stack, agentId, dialNumber);
  const id = await connectCall(stack, agent);
  await contactAction(agent, /\/end$/);
  assert.match(contactsRegion(agent.page), /Wrap-up reason/);
  return { agent, id };
}

/** A sandbox whose Phone Agent profile (Chiara) auto-wraps after `seconds`. */
function autoWrapStack(seconds: number, now?: () => number) {
  const phone = defaultContactSeed.profiles['Phone Agent']!;
  return startStack({
    now,
    sandbox: {
      contactSeed: {
        ...defaultContactSeed,
        profiles: {
          ...defaultContactSeed.profiles,
          'Phone Agent': { ...phone, autoWrapUp: true, autoWrapAfterSeconds: seconds },
        },
      },
    },
  });
}

describe('wrap-up', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('when the call ends, then the profile default reason is preselected', async () => {
    stack = await startStack();
    const { agent } = await endedCall(stack, ALICE, '+14155550331');
    assert.match(
      contactsRegion(agent.page),
      new RegExp(`<option value="${RESOLVED}" selected>Resolved`),
    );
    assert.doesNotMatch(contactsRegion(agent.page), /Wrapped up with the default reason in/);
  });

  it('when the agent picks a code of the older id format, then WxCC gets its id and name and wraps up', async () => {
    stack = await startStack();
    const { agent } = await endedCall(stack, ALICE, '+14155550332');
    await stack.control.clearRequests();
    const page = await contactAction(agent, /\/wrapup$/, { auxCodeId: OLD_FORMAT_CODE });
    assert.match(statusText(page), /Wrap-up done/, statusText(page));
    const sent = (await stack.control.requests()).find((r) => r.path.endsWith('/wrapup'));
    assert.deepEqual(sent?.body, { wrapUpReason: 'Call back later', auxCodeId: OLD_FORMAT_CODE });
  });

  it('when the code is not one of the agent’s, then it is refused before anything is sent', async () => {
    stack = await startStack();
    const { agent } = await endedCall(stack, ALICE, '+14155550333');
    await stack.control.clearRequests();
    const page = await contactAction(agent, /\/wrapup$/, { auxCodeId: 'not-a-code' });
    assert.match(statusText(page), /Choose one of your wrap-up reasons/);
    assert.equal(
      (await stack.control.requests()).filter((r) => r.path.endsWith('/wrapup')).length,
      0,
    );
    assert.match(contactsRegion(page), /Wrap-up reason/);
  });

  it('when auto wrap-up is on and the page is closed, then the server sends the default code when time is up', async () => {
    stack = await autoWrapStack(1);
    const { agent } = await endedCall(stack, CHIARA, '+442079460333');
    assert.match(
      contactsRegion(agent.page),
      /Wrapped up with the default reason in <time data-deadline="\d+">/,
    );
    // No more page views from here on: the server alone must wrap up.
    const current = stack;
    await waitFor(async () => {
      const contacts = (await current.control.call('GET', '/contacts')) as unknown[];
      return contacts.length === 0;
    }, 5000);
    const sent = (await stack.control.requests()).find((r) => r.path.endsWith('/wrapup'));
    assert.deepEqual(sent?.body, { wrapUpReason: 'Resolved', auxCodeId: RESOLVED });
  });

  it('when the agent asks for more time, then the countdown is extended by a full interval (not restarted)', async () => {
    // The desktop's clock runs with real time plus a skew the test moves on, instead of sleeping.
    let skewMs = 0;
    stack = await autoWrapStack(3, () => Date.now() + skewMs);
    const { agent } = await endedCall(stack, CHIARA, '+442079460334');
    const deadline = (a: SignedInAgent) =>
      Number(contactsRegion(a.page).match(/data-deadline="(\d+)"/)?.[1]);
    const before = deadline(agent);
    skewMs += 300;
    const page = await contactAction(agent, /\/wrapup-extend$/);
    assert.match(statusText(page), /more time/);
    assert.equal(deadline(agent), before + 3000, 'the old deadline plus the 3 s interval');
  });
});
