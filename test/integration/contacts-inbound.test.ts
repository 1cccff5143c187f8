// An inbound call on the desktop without JavaScript: offer, answer on the phone, hold, resume, end, wrap-up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALICE,
  availableAgent,
  contactAction,
  contactsRegion,
  hangUp,
  pageUntil,
  placeCall,
  answer,
  statusText,
  contactStack,
} from '../helpers/contacts';

describe('inbound contact', () => {
  const suite = contactStack();

  it('when a call is offered, answered, held, resumed, ended and wrapped up, then the page shows each step', async () => {
    const agent = await availableAgent(suite.stack, ALICE, '+14155550301');
    const id = await placeCall(suite.stack, ALICE, {
      customerName: 'Grace Hopper',
      cad: { AccountNumber: '12345' },
      ronaTimeoutSec: 30,
    });

    let page = await pageUntil(agent, suite.stack, /class="contact-state">Ringing</);
    const offer = contactsRegion(page);
    assert.match(offer, /Grace Hopper/);
    assert.match(offer, /\+1 408 555 0142/);
    assert.match(offer, /Support Queue/);
    // The flow gave no label: the name is humanised.
    assert.match(offer, /Account number[\s\S]*12345/);
    assert.match(offer, /Answer on your phone/);
    assert.match(offer, /data-deadline="\d+"/);

    await answer(suite.stack, ALICE, id);
    page = await pageUntil(agent, suite.stack, /Connected/);
    assert.match(contactsRegion(page), /data-started-at="\d+"/);

    page = await contactAction(agent, /\/hold$/);
    assert.match(statusText(page), /on hold/);
    assert.match(contactsRegion(page), /On hold/);

    page = await contactAction(agent, /\/resume$/);
    assert.match(statusText(page), /resumed/);
    assert.match(contactsRegion(page), /Connected/);

    page = await contactAction(agent, /\/end$/);
    assert.match(statusText(page), /ended/);
    assert.match(contactsRegion(page), /Wrap-up reason/);
    assert.match(page.text, /Agent Logout[\s\S]*/);

    page = await contactAction(agent, /\/wrapup$/);
    assert.match(statusText(page), /Wrap-up done/, statusText(page));
    assert.match(contactsRegion(page), /No customer contact right now/);

    const sent = (await suite.stack.control.requests()).filter((r) =>
      r.path.includes('/v1/tasks/'),
    );
    const wrap = sent.find((r) => r.path.endsWith('/wrapup'));
    assert.ok(wrap);
    assert.deepEqual(Object.keys(wrap.body as object).sort(), ['auxCodeId', 'wrapUpReason']);
    void hangUp;
  });
});
