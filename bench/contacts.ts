// Contacts: sandbox offer → offer on the agent's page stream (/events), and "End" → the wrap-up form.
import { ALICE, answer, availableAgent, hangUp, placeCall } from '../test/helpers/contacts';
import { openEventStream, type ServerEvent } from '../test/helpers/event-stream';
import { inputValue } from '../test/helpers/http-browser';
import { startStack } from '../test/helpers/stack';
import { summarize } from './stats';

export async function benchContacts(contacts = 200) {
  const stack = await startStack({ sandbox: { eventDelayMs: 0 }, env: { LOG_LEVEL: 'warn' } });
  try {
    const agent = await availableAgent(stack, ALICE, '+14155550499');
    const stream = await openEventStream(agent.browser, `${stack.url}/events`);
    const after = (seen: number, match: (e: ServerEvent) => boolean) => (e: ServerEvent) =>
      stream.events.indexOf(e) >= seen && match(e);

    // 1. Offer latency: the sandbox places a call; the page stream carries the offered contact.
    const offer: number[] = [];
    for (let i = 0; i < contacts; i += 1) {
      const seen = stream.events.length;
      const started = performance.now();
      const id = await placeCall(stack, ALICE);
      await stream.next(
        after(seen, (e) => e.data.includes(`"id":"${id}","state":"offered"`)),
        3000,
      );
      offer.push(performance.now() - started);
      // The caller gives up: the contact goes away and the agent stays Available for the next one.
      const gone = stream.events.length;
      await hangUp(stack, id);
      await stream.next(
        after(gone, (e) => !e.data.includes(id)),
        3000,
      );
    }

    // 2. End → wrap-up form: the agent presses End (form post) until the page with the form is back.
    const wrap: number[] = [];
    const csrf = inputValue(agent.page.text, '_csrf') ?? '';
    for (let i = 0; i < contacts; i += 1) {
      const seen = stream.events.length;
      const id = await placeCall(stack, ALICE);
      await answer(stack, ALICE, id);
      await stream.next(
        after(seen, (e) => e.data.includes(`"id":"${id}","state":"connected"`)),
        3000,
      );
      const started = performance.now();
      const page = await agent.browser.follow(
        await agent.browser.post(`${stack.url}/contacts/${id}/end`, { _csrf: csrf }),
      );
      if (!page.text.includes('Wrap-up reason')) throw new Error('no wrap-up form after End');
      wrap.push(performance.now() - started);
      const code = page.text.match(/<option value="([^"]+)" selected>/)?.[1] ?? '';
      await agent.browser.post(`${stack.url}/contacts/${id}/wrapup`, {
        _csrf: csrf,
        auxCodeId: code,
      });
    }
    stream.close();
    return { offerToPageEventMs: summarize(offer), endToWrapUpFormMs: summarize(wrap) };
  } finally {
    await stack.close();
  }
}
