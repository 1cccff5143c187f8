// Outdial from the desktop, refused outdials, a profile without outdial, and two contacts at once.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  ALICE,
  CHIARA,
  answer,
  availableAgent,
  contactAction,
  contactsRegion,
  pageUntil,
  statusText,
  connectCall,
} from '../helpers/contacts';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';
import { startStack, type Stack } from '../helpers/stack';

describe('outdial and several contacts', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(() => stack.close());

  it('when the agent dials a customer, then the call follows the same lifecycle as an inbound one', async () => {
    const agent = await availableAgent(stack, ALICE, '+14155550341');
    await stack.control.clearRequests();
    let page = await contactAction(agent, /\/contacts\/outdial$/, {
      destination: '+1 (415) 555-0177',
    });
    assert.match(statusText(page), /Dialling \+14155550177/, statusText(page));
    page = await pageUntil(agent, stack, /Outbound call/);
    assert.match(contactsRegion(page), /Ringing/);
    const sent = (await stack.control.requests()).find((r) => r.path === '/wxcc/v1/tasks');
    const body = sent?.body as Record<string, unknown>;
    assert.equal(body.destination, '+14155550177');
    assert.equal(body.entryPointId, '8c7d6e5f-4a3b-4c2d-9e1f-0a9b8c7d6e55');
    assert.equal(body.origin, '+18005550100');
    assert.equal(body.outboundType, 'OUTDIAL');

    await answer(stack, ALICE);
    await pageUntil(agent, stack, /Connected/);
    page = await contactAction(agent, /\/end$/);
    // Said once: by the card in wrap-up, not again by a message above it.
    assert.equal(page.text.match(/The call (has )?ended/g)?.length, 1, contactsRegion(page));
    page = await contactAction(agent, /\/wrapup$/);
    assert.match(contactsRegion(page), /No customer contact right now/);
  });

  it('when the agent cancels an outdial that still rings, then it ends without wrap-up', async () => {
    const agent = await availableAgent(stack, ALICE, '+14155550346');
    await contactAction(agent, /\/contacts\/outdial$/, { destination: '+14155550176' });
    await pageUntil(agent, stack, /Cancel call/);
    const page = await contactAction(agent, /\/end$/);
    assert.match(statusText(page), /The call ended/, statusText(page));
    assert.match(contactsRegion(page), /No customer contact right now/);
  });

  it('when WxCC refuses the outdial, then the page says why', async () => {
    const agent = await availableAgent(stack, ALICE, '+14155550342');
    await contactAction(agent, /\/station\/state/, {}, 'Go Idle');
    const page = await contactAction(agent, /\/contacts\/outdial$/, {
      destination: '+14155550178',
    });
    assert.match(
      statusText(page),
      /outbound call was refused: you must be Available/,
      statusText(page),
    );
  });

  it('when the number is not a phone number, then nothing is dialled', async () => {
    const agent = await availableAgent(stack, ALICE, '+14155550343');
    await stack.control.clearRequests();
    const page = await contactAction(agent, /\/contacts\/outdial$/, { destination: 'call me!' });
    assert.match(statusText(page), /Enter a phone number/);
    assert.equal(
      (await stack.control.requests()).filter((r) => r.path === '/wxcc/v1/tasks').length,
      0,
    );
  });

  it('when the profile does not allow outdial, then no dial form is offered', async () => {
    await stack.close();
    const seed = defaultContactSeed;
    stack = await startStack({
      sandbox: {
        contactSeed: {
          ...seed,
          profiles: {
            ...seed.profiles,
            'Phone Agent': { ...seed.profiles['Phone Agent']!, outdialEnabled: false },
          },
        },
      },
    });
    const agent = await availableAgent(stack, CHIARA, '+442079460344');
    assert.doesNotMatch(contactsRegion(agent.page), /Call a customer/);
  });

  it('when no outbound caller id can be read, then no call is placed and the page says why (WxCC needs origin)', async () => {
    await stack.close();
    stack = await startStack({
      sandbox: {
        contactSeed: {
          ...defaultContactSeed,
          outdialAni: { ...defaultContactSeed.outdialAni, entries: [] },
        },
      },
    });
    const agent = await availableAgent(stack, ALICE, '+14155550347');
    await stack.control.clearRequests();
    const page = await contactAction(agent, /\/contacts\/outdial$/, {
      destination: '+14155550180',
    });
    assert.match(statusText(page), /caller ids could not be read/, statusText(page));
    const sent = (await stack.control.requests()).filter((r) => r.path === '/wxcc/v1/tasks');
    assert.equal(sent.length, 0, 'nothing was sent to WxCC');
  });

  it('when a call is live, then no second call can be dialled; in wrap-up the agent dials and sees both contacts', async () => {
    const agent = await availableAgent(stack, ALICE, '+14155550345');
    const first = await connectCall(stack, agent, { customerName: 'First Caller' });
    assert.doesNotMatch(
      contactsRegion(agent.page),
      /Call a customer/,
      'no Dial form on a live call',
    );
    // A form kept from before (another tab) is refused by the use case too.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(agent.page.text)?.[1] ?? '';
    const refused = await agent.browser.follow(
      await agent.browser.post(`${stack.url}/contacts/outdial`, {
        _csrf: csrf,
        destination: '+14155550179',
      }),
    );
    assert.match(statusText(refused), /Finish the call you are on/, statusText(refused));

    await contactAction(agent, new RegExp(`/contacts/${first}/end$`));
    assert.match(contactsRegion(agent.page), /Call a customer/, 'the Dial form is back in wrap-up');
    await contactAction(agent, /\/contacts\/outdial$/, { destination: '+14155550179' });
    const page = await pageUntil(agent, stack, /Outbound call/);
    const region = contactsRegion(page);
    assert.match(region, /Customer contacts <span class="contact-count">\(2\)/);
    assert.match(region, new RegExp(`/contacts/${first}/wrapup`));
    // The call being handled comes first, the one in wrap-up after it.
    assert.match(region, /Outbound call[\s\S]*First Caller/);
  });
});
