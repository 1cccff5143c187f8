// Consult (and transfer) to an address-book number and to an entry point, as real WxCC takes them
// (Cisco's SDK services/task/index.ts consult / consultTransfer / consultConference with
// calculateDestAgentId and calculateDestType; @webex/cc-task's consult popover), the buddy list a
// live update carries, and what the page says when a consult leaves nobody on hold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';
import {
  ALICE,
  BRUNO,
  CHIARA,
  answer,
  availableAgent,
  connectCall,
  contactAction,
  contactStack,
  contactsRegion,
  pageUntil,
  placeCall,
  statusText,
} from '../helpers/contacts';
import { openEventStream } from '../helpers/event-stream';
import { submit } from '../helpers/stack';

const CLAIMS = defaultContactSeed.addressBook.entries.find((e) => e.name === 'Claims Team')!;
const MAIN_LINE = defaultContactSeed.inboundEntryPoint;
const OUTDIAL_EP = defaultContactSeed.outdialEntryPoint;

describe('consult to a number or an entry point', () => {
  const fx = contactStack({ perTest: true });

  async function sentTo(path: RegExp) {
    return (await fx.stack.control.requests()).filter((r) => path.test(r.path)).map((r) => r.body);
  }

  it('when the agent consults an address-book number, then WxCC is sent the entry’s number as a dialNumber, and the consult transfer names the number the consult leg lists (pType DN)', async () => {
    const alice = await availableAgent(fx.stack, ALICE, '+14155550511');
    await connectCall(fx.stack, alice);
    const directory = await alice.browser.get(`${fx.stack.url}/directory?q=claims`);
    assert.match(directory.text, /aria-label="Consult Claims Team"/);
    await fx.stack.control.clearRequests();
    let page = await submit(alice.browser, directory, /\/directory\/consult$/);
    assert.match(statusText(page), /Consulting Claims Team: the customer is on hold/);
    assert.deepEqual(await sentTo(/\/consult$/), [
      { to: CLAIMS.number, destinationType: 'dialNumber', holdParticipants: true },
    ]);
    alice.page = await pageUntil(alice, fx.stack, /Consult connected/);
    page = await contactAction(alice, /\/consult-transfer$/);
    assert.match(statusText(page), /transferred to the consulted party/, statusText(page));
    assert.deepEqual(await sentTo(/\/consult\/transfer$/), [
      { to: CLAIMS.number, destinationType: 'dialNumber' },
    ]);
    assert.match(contactsRegion(page), /Wrap-up reason/);
    await contactAction(alice, /\/wrapup$/);
  });

  it('when a dial-number consult becomes a conference, then consult/conference names the number as a dialNumber, and the agent can leave the number with the customer and wrap up', async () => {
    const alice = await availableAgent(fx.stack, ALICE, '+14155550512');
    await connectCall(fx.stack, alice);
    const directory = await alice.browser.get(`${fx.stack.url}/directory?q=claims`);
    await submit(alice.browser, directory, /\/directory\/consult$/);
    await pageUntil(alice, fx.stack, /Consult connected/);
    await fx.stack.control.clearRequests();
    let page = await contactAction(alice, /\/conference$/);
    assert.deepEqual(await sentTo(/\/consult\/conference$/), [
      { to: CLAIMS.number, destinationType: 'dialNumber' },
    ]);
    // The number counts as a participant (SDK getIsConferenceInProgress): a conference of two.
    page = await pageUntil(alice, fx.stack, /Leave conference/);
    page = await contactAction(alice, /\/conference-exit$/);
    assert.match(contactsRegion(page), /Wrap-up reason/);
    await contactAction(alice, /\/wrapup$/);
  });

  it('when the agent consults an entry point, then every entry point the tenant lists is offered (as Cisco’s consult popover lists them, @webex/cc-store getEntryPoints), sent by its id as an entryPoint, and the transfer names its epId', async () => {
    const alice = await availableAgent(fx.stack, ALICE, '+14155550513');
    await connectCall(fx.stack, alice);
    const form =
      contactsRegion(alice.page).match(/<form[^>]*\/consult"[\s\S]*?<\/form>/)?.[0] ?? '';
    assert.match(form, new RegExp(`value="entry:${MAIN_LINE.id}">${MAIN_LINE.name}<`));
    assert.match(form, new RegExp(`value="entry:${OUTDIAL_EP.id}">${OUTDIAL_EP.name}<`));
    await fx.stack.control.clearRequests();
    await contactAction(alice, /\/consult$/, { target: `entry:${MAIN_LINE.id}` });
    assert.deepEqual(await sentTo(/\/consult$/), [
      { to: MAIN_LINE.id, destinationType: 'entryPoint', holdParticipants: true },
    ]);
    await pageUntil(alice, fx.stack, /Consult connected/);
    await contactAction(alice, /\/consult-transfer$/);
    assert.deepEqual(await sentTo(/\/consult\/transfer$/), [
      { to: MAIN_LINE.id, destinationType: 'entryPoint' },
    ]);
    await pageUntil(alice, fx.stack, /Wrap-up reason/);
    await contactAction(alice, /\/wrapup$/);
  });

  it('when an entry point is posted to transfer, or an entry point the tenant does not list to consult, then it is refused before anything is sent', async () => {
    const alice = await availableAgent(fx.stack, ALICE, '+14155550514');
    await connectCall(fx.stack, alice);
    const directory = await alice.browser.get(`${fx.stack.url}/directory?q=claims`);
    await fx.stack.control.clearRequests();
    let page = await submit(alice.browser, directory, /\/directory\/transfer$/, {
      target: `entry:${MAIN_LINE.id}`,
    });
    assert.match(statusText(page), /An entry point takes a consult, not a transfer/);
    page = await contactAction(alice, /\/consult$/, {
      target: 'entry:00000000-0000-4000-8000-000000000000',
    });
    assert.match(statusText(page), /Choose a target from the directory/);
    assert.deepEqual(await sentTo(/\/(transfer|consult)$/), []);
  });
});

describe('the consult form on a live update', () => {
  const fx = contactStack({ perTest: true });

  it('when a call connects while the page is open, then the pushed consult form lists the buddy agents, and pushes reuse the list instead of asking WxCC each time', async () => {
    const alice = await availableAgent(fx.stack, ALICE, '+14155550521');
    await availableAgent(fx.stack, BRUNO, '+14155550522');
    const stream = await openEventStream(alice.browser, `${fx.stack.url}/events`);
    try {
      await fx.stack.control.clearRequests();
      const id = await placeCall(fx.stack, ALICE);
      await stream.next((e) => e.event === 'live' && /Ringing/.test(e.data), 5000);
      await answer(fx.stack, ALICE, id);
      const connected = await stream.next(
        (e) => e.event === 'live' && /contact-consult/.test(e.data),
        5000,
      );
      const contacts = (JSON.parse(connected.data) as { fragments: Record<string, string> })
        .fragments.contacts;
      const form = contacts?.match(/<form[^>]*\/consult"[\s\S]*?<\/form>/)?.[0] ?? '';
      assert.match(form, new RegExp(`value="agent:${BRUNO}">Bruno Becker`));
      // Hold and resume push twice more (and draw the page twice): the list is taken from the cache.
      alice.page = await pageUntil(alice, fx.stack, /Connected/);
      await contactAction(alice, /\/hold$/);
      const held = await stream.next((e) => e.event === 'live' && /On hold/.test(e.data), 5000);
      await contactAction(alice, /\/resume$/);
      await stream.next(
        (e) =>
          e.event === 'live' &&
          stream.events.indexOf(e) > stream.events.indexOf(held) &&
          /contact-state[^<]*>Connected/.test(e.data),
        5000,
      );
      const asked = (await fx.stack.control.requests()).filter((r) => r.path.includes('buddyList'));
      assert.equal(asked.length, 1, 'one buddy list request for every push and page view');
    } finally {
      stream.close();
    }
  });
});

describe('a consult from a conference', () => {
  const fx = contactStack({ perTest: true });

  /** Alice's call with Bruno conferenced in; Chiara is Available to be consulted. */
  async function conferenceWithBruno() {
    const alice = await availableAgent(fx.stack, ALICE, '+14155550531');
    await availableAgent(fx.stack, BRUNO, '+14155550532');
    await availableAgent(fx.stack, CHIARA, '+442079460533');
    const id = await connectCall(fx.stack, alice);
    const page = await contactAction(alice, /\/consult$/, { target: `agent:${BRUNO}` });
    assert.match(statusText(page), /Consult requested: the customer is on hold/);
    await answer(fx.stack, BRUNO, id);
    await pageUntil(alice, fx.stack, /Consult connected/);
    await contactAction(alice, /\/conference$/);
    await pageUntil(alice, fx.stack, /Leave conference/);
    await pageUntil(alice, fx.stack, new RegExp(`value="agent:${CHIARA}"`));
    await fx.stack.control.clearRequests();
    return { alice, id };
  }

  /** The consult bodies WxCC received, and whether it holds the call's main media now. */
  async function wxccSaw(id: string) {
    const sent = (await fx.stack.control.requests()).filter((r) => r.path.endsWith('/consult'));
    const listed = (await fx.stack.control.call('GET', '/contacts')) as Record<string, unknown>[];
    return {
      bodies: sent.map((r) => r.body),
      held: listed.find((c) => c.interactionId === id)?.isHold,
    };
  }

  // Real tenants hold the main call during a consult unless asked otherwise (Cisco's SDK
  // services/task/index.ts consult: holdParticipants "defaults to true"); Cisco's widgets send
  // holdParticipants: !allowParticipantsToInteract (@webex/cc-task helper.ts consultCall), with
  // an "Allow participants to continue interacting." box shown only in a conference, unticked
  // (@webex/cc-components consult-transfer-popover).
  it('when an agent in a conference consults a third without ticking the box, then WxCC holds the customer and the others, and the page says so', async () => {
    const { alice, id } = await conferenceWithBruno();
    const form = contactsRegion(alice.page);
    assert.match(form, /Let the others keep talking while I consult/);
    assert.doesNotMatch(form, /name="othersKeepTalking"[^>]*checked/);
    const page = await contactAction(alice, /\/consult$/, { target: `agent:${CHIARA}` });
    assert.match(
      statusText(page),
      /Consult requested: the customer and the others in the conference are on hold/,
    );
    assert.deepEqual(await wxccSaw(id), {
      bodies: [{ to: CHIARA, destinationType: 'agent', holdParticipants: true }],
      held: true,
    });
  });

  it('when an agent in a conference consults a third with "let the others keep talking" ticked, then nobody is held and the page says the others keep talking', async () => {
    const { alice, id } = await conferenceWithBruno();
    const page = await contactAction(alice, /\/consult$/, {
      target: `agent:${CHIARA}`,
      othersKeepTalking: 'yes',
    });
    assert.match(statusText(page), /the others in the conference keep talking with the customer/);
    assert.doesNotMatch(statusText(page), /on hold/);
    assert.deepEqual(await wxccSaw(id), {
      bodies: [{ to: CHIARA, destinationType: 'agent', holdParticipants: false }],
      held: false,
    });
  });

  it('when the box is posted on a two-party call (the page offers none there), then the customer is held all the same', async () => {
    const alice = await availableAgent(fx.stack, ALICE, '+14155550531');
    await availableAgent(fx.stack, BRUNO, '+14155550532');
    const id = await connectCall(fx.stack, alice);
    assert.doesNotMatch(contactsRegion(alice.page), /othersKeepTalking/);
    await fx.stack.control.clearRequests();
    const page = await contactAction(alice, /\/consult$/, {
      target: `agent:${BRUNO}`,
      othersKeepTalking: 'yes',
    });
    assert.match(statusText(page), /Consult requested: the customer is on hold/);
    assert.deepEqual(await wxccSaw(id), {
      bodies: [{ to: BRUNO, destinationType: 'agent', holdParticipants: true }],
      held: true,
    });
  });
});
