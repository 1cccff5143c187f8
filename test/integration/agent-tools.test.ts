// The agent's tools end to end on the sandbox: directory, outdial caller id, call variables, callbacks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALICE,
  SUPPORT_QUEUE,
  availableAgent,
  connectCall,
  contactAction,
  contactsRegion,
  pageUntil,
  statusText,
} from '../helpers/contacts';
import { contactStack } from '../helpers/contacts';
import { submit } from '../helpers/stack';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';

const SALES_ANI = defaultContactSeed.outdialAni.entries[1]!.number;
const CLAIMS = defaultContactSeed.addressBook.entries.find((e) => e.name === 'Claims Team')!;
const ORG = '50fc362d-bb05-4884-8d16-ab9207d7444c';

describe('agent tools: directory', () => {
  const fx = contactStack({ perTest: true });

  it('when the agent searches, then agents, queues and address book entries match, paged, without JavaScript', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550401');
    let page = await agent.browser.get(`${fx.stack.url}/directory?q=claims`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Claims Team/);
    assert.doesNotMatch(page.text, /Billing Desk/);
    page = await agent.browser.get(`${fx.stack.url}/directory?q=queue`);
    assert.match(page.text, /Support Queue/);
    page = await agent.browser.get(`${fx.stack.url}/directory`);
    assert.match(page.text, /Next page/);
    page = await agent.browser.get(`${fx.stack.url}/directory?page=1`);
    assert.match(page.text, /Previous page/);
    // The address book's second page of ten.
    assert.match(page.text, /Ada Lovelace/);
  });

  it('when the agent transfers through the directory, then the target is used and becomes recent; a forged one is refused unsent', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550402');
    await connectCall(fx.stack, agent);
    const directory = await agent.browser.get(`${fx.stack.url}/directory?q=claims`);
    await fx.stack.control.clearRequests();
    // A forged agent id: not in the buddy list, so nothing reaches WxCC.
    let page = await submit(agent.browser, directory, /\/directory\/transfer$/, {
      target: 'agent:00000000-0000-4000-8000-000000000000',
    });
    assert.match(statusText(page), /Choose a target from the directory/);
    page = await submit(agent.browser, directory, /\/directory\/transfer$/, {
      target: 'book:3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e6ff',
    });
    assert.match(statusText(page), /Choose a target from the directory/);
    const forged = (await fx.stack.control.requests()).filter((r) => /\/transfer$/.test(r.path));
    assert.equal(forged.length, 0, 'no transfer sent for a forged target');

    page = await submit(agent.browser, directory, /\/directory\/transfer$/);
    assert.match(statusText(page), /transferred to Claims Team/, statusText(page));
    const sent = (await fx.stack.control.requests()).find((r) => /\/transfer$/.test(r.path));
    assert.deepEqual(sent?.body, { to: CLAIMS.number, destinationType: 'dialNumber' });
    const again = await agent.browser.get(`${fx.stack.url}/directory`);
    const recent = again.text.match(/<h2 id="directory-recent">[\s\S]*?<\/ul>/)?.[0] ?? '';
    assert.match(recent, /Claims Team/);
  });

  it('when the agent searches from the agent page’s panel, then the results come as a fragment with the call’s actions, recent first, paged; without JavaScript the form opens the directory page', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550408');
    // Without JavaScript: a plain GET form to the directory page; with it, the fragment's address.
    assert.match(
      agent.page.text,
      /<form method="get" action="\/directory"[^>]*data-results="\/directory\/results"/,
    );
    assert.match(agent.page.text, /id="directory-panel-status"[^>]*aria-live="polite"/);

    // No call: a number can be dialled, nothing transferred.
    let found = await agent.browser.get(`${fx.stack.url}/directory/results?q=claims`);
    assert.equal(found.status, 200);
    assert.doesNotMatch(found.text, /<html|<body/, 'a fragment, not a page');
    assert.match(
      found.text,
      /<h3 id="directory-panel-results-title" tabindex="-1">Results for “claims”<\/h3>/,
    );
    assert.match(found.text, /data-announce>1 target on this page</);
    assert.match(found.text, /<h4 id="directory-panel-book">/);
    assert.match(found.text, /aria-label="Call Claims Team"/);
    assert.doesNotMatch(found.text, /\/directory\/transfer/);

    // Paged as the directory page is, and the links still work as plain links.
    const all = await agent.browser.get(`${fx.stack.url}/directory/results`);
    assert.match(all.text, /All targets/);
    assert.match(
      all.text,
      /id="directory-panel-next" data-directory-page="1" href="\/directory\?q=&amp;page=1"/,
    );
    const second = await agent.browser.get(`${fx.stack.url}/directory/results?page=1`);
    assert.match(second.text, /Ada Lovelace/);
    assert.match(second.text, /data-directory-page="0"/);

    // On a call: Transfer and Consult, sent from the panel's own form, the target checked first.
    await connectCall(fx.stack, agent, { customerName: 'Panel Pat' });
    found = await agent.browser.get(`${fx.stack.url}/directory/results?q=claims`);
    assert.match(found.text, /Transfer and consult act on your call with Panel Pat/);
    assert.match(found.text, /aria-label="Transfer to Claims Team"/);
    await fx.stack.control.clearRequests();
    let page = await submit(agent.browser, found, /\/directory\/transfer$/, {
      target: 'book:3f1a2b3c-4d5e-4f60-8a71-92b3c4d5e6ff',
    });
    assert.equal(new URL(page.url).pathname, '/');
    assert.match(statusText(page), /Choose a target from the directory/);
    assert.equal(
      (await fx.stack.control.requests()).filter((r) => /\/transfer$/.test(r.path)).length,
      0,
      'a forged target is refused before anything is sent',
    );
    page = await submit(agent.browser, found, /\/directory\/transfer$/);
    assert.match(statusText(page), /transferred to Claims Team/, statusText(page));
    assert.equal(new URL(page.url).pathname, '/', 'back on the agent page');

    // The target used comes first next time.
    const again = await agent.browser.get(`${fx.stack.url}/directory/results`);
    const recent = again.text.match(/<h4 id="directory-panel-recent">[\s\S]*?<\/ul>/)?.[0] ?? '';
    assert.match(recent, /Claims Team/);
    assert.ok(
      again.text.indexOf('directory-panel-recent') < again.text.indexOf('directory-panel-agents'),
    );
  });

  it('when the panel’s results are asked for without a signed-in agent, then 401 and nothing else', async () => {
    const res = await fetch(`${fx.stack.url}/directory/results?q=claims`);
    assert.equal(res.status, 401);
    assert.equal(await res.text(), '');
  });
});

describe('agent tools: outdial caller id', () => {
  const fx = contactStack({ perTest: true });

  it('when the agent picks a caller id, then it is sent as origin; one not in the list is refused', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550403');
    assert.match(contactsRegion(agent.page), /<select id="outdial-origin"/);
    assert.match(contactsRegion(agent.page), /<option value="\+18005550100" selected>/);
    await fx.stack.control.clearRequests();
    let page = await contactAction(agent, /\/contacts\/outdial$/, {
      destination: '+14155550178',
      origin: '+19995550000',
    });
    assert.match(statusText(page), /Choose one of your outbound caller ids/);
    page = await contactAction(agent, /\/contacts\/outdial$/, {
      destination: '+14155550178',
      origin: SALES_ANI,
    });
    assert.match(statusText(page), /Dialling/);
    const sent = (await fx.stack.control.requests()).filter((r) => r.path === '/wxcc/v1/tasks');
    assert.equal(sent.length, 1);
    assert.equal((sent[0]?.body as { origin: string }).origin, SALES_ANI);
  });

  it('when the agent calls an address book entry with a chosen caller id, then its number is dialled from that id', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550404');
    const directory = await agent.browser.get(`${fx.stack.url}/directory?q=claims`);
    await fx.stack.control.clearRequests();
    const page = await submit(agent.browser, directory, /\/directory\/dial$/, {
      origin: SALES_ANI,
    });
    assert.match(statusText(page), /Dialling Claims Team/, statusText(page));
    const sent = (await fx.stack.control.requests()).find((r) => r.path === '/wxcc/v1/tasks');
    const body = sent?.body as { origin: string; destination: string };
    assert.equal(body.origin, SALES_ANI);
    assert.equal(body.destination, CLAIMS.number);
  });
});

describe('agent tools: call variables', () => {
  const fx = contactStack({ perTest: true });

  it('when the agent edits a variable, then PATCH is sent and the page shows the new value only from ContactUpdated', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550405');
    await connectCall(fx.stack, agent, {
      cad: { customerTier: 'Gold', accountNumber: 'A-1', visitCount: '2', riskScore: '9' },
    });
    let page = await pageUntil(agent, fx.stack, /Save call details/);
    const region = contactsRegion(page);
    assert.match(region, /Customer tier/);
    assert.match(region, /Account number/);
    assert.doesNotMatch(region, /riskScore|Risk score/);
    assert.match(region, /name="cad_visitCount" type="number"/);
    assert.doesNotMatch(region, /name="cad_customerTier"/, 'read-only: no field is posted');

    // A wrong type is refused before anything is sent.
    await fx.stack.control.clearRequests();
    page = await contactAction(agent, /\/call-variables\//, { cad_visitCount: 'lots' });
    assert.match(statusText(page), /Visits must be a whole number/);
    page = await contactAction(agent, /\/call-variables\//, { cad_customerTier: 'Platinum' });
    assert.match(statusText(page), /cannot be changed|not on this call/);
    assert.equal((await fx.stack.control.requests()).filter((r) => r.method === 'PATCH').length, 0);

    // The event is held back: the page keeps the old value until WxCC confirms.
    page = await contactAction(agent, /\/call-variables\//, { cad_accountNumber: 'A-2' });
    assert.match(statusText(page), /Call variables saved|not confirmed it yet/);
    const patch = (await fx.stack.control.requests()).find((r) => r.method === 'PATCH');
    assert.deepEqual(patch?.body, { attributes: { accountNumber: 'A-2' } });
    page = await pageUntil(agent, fx.stack, /value="A-2"/);
    assert.match(contactsRegion(page), /Call details updated/);
  });
});

describe('agent tools: callbacks', () => {
  const fx = contactStack({ perTest: true });

  it('when the agent books a callback in the window, then it is listed and can be cancelled; outside the window it is refused', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550406');
    await connectCall(fx.stack, agent, { queueId: SUPPORT_QUEUE });
    // The time zone is a list of IANA zones that starts on the tenant's (the sandbox's organization).
    const zones = /<select id="[^"]*-cb-tz" name="timezone"[^>]*>([\s\S]*?)<\/select>/.exec(
      agent.page.text,
    )?.[1];
    assert.ok(zones, 'the time zone is a select');
    assert.ok((zones.match(/<option /g) ?? []).length > 300, 'every IANA zone is offered');
    assert.match(zones, /<option value="America\/Los_Angeles" selected>/);
    assert.doesNotMatch(agent.page.text, /data-browser-zone/, 'the tenant has a zone');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const far = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await fx.stack.control.clearRequests();
    let page = await contactAction(agent, /\/callbacks$/, { date: far });
    assert.match(statusText(page), /within 31 days/);
    page = await contactAction(agent, /\/callbacks$/, {
      date: tomorrow,
      start: '10:00',
      end: '10:10',
    });
    assert.match(statusText(page), /at least 30 minutes long/);
    page = await contactAction(agent, /\/callbacks$/, {
      date: tomorrow,
      start: '10:00',
      end: '19:00',
    });
    assert.match(statusText(page), /at most 8 hours/);
    page = await contactAction(agent, /\/callbacks$/, { timezone: 'Nowhere/Atlantis' });
    assert.match(statusText(page), /Choose a valid time zone from the list/);
    // Only the list: a name Intl would take but the list does not hold is refused too.
    page = await contactAction(agent, /\/callbacks$/, { timezone: 'EST5EDT' });
    assert.match(statusText(page), /Choose a valid time zone from the list/);
    assert.equal(page.status, 200, 'a clear message on the page, not an error status');
    assert.equal(
      (await fx.stack.control.requests()).filter((r) => r.path.includes('scheduled-callback'))
        .length,
      0,
      'nothing sent for a refused window',
    );
    page = await contactAction(agent, /\/callbacks$/, {
      date: tomorrow,
      start: '10:00',
      end: '11:30',
      timezone: 'Europe/London',
      reason: 'Card issue',
    });
    assert.match(statusText(page), /Callback booked/, statusText(page));
    const sent = (await fx.stack.control.requests()).find((r) =>
      r.path.endsWith(`/organization/${ORG}/scheduled-callback`),
    );
    const body = sent?.body as Record<string, string>;
    assert.equal(body.callbackNumber, '+14085550142');
    assert.equal(body.assigneeAgent, ALICE);
    assert.equal(body.queueId, SUPPORT_QUEUE);
    assert.equal(body.startTime, '10:00:00');

    let list = await agent.browser.get(`${fx.stack.url}/callbacks`);
    assert.match(list.text, /Grace Hopper/);
    assert.match(list.text, /Card issue/);
    list = await submit(agent.browser, list, /\/callbacks\/[^/]+\/cancel$/);
    assert.match(statusText(list), /Callback cancelled/);
    assert.match(list.text, /no upcoming callbacks/);
    // Another's (or a made-up) id is refused before a DELETE is sent.
    const forged = await agent.browser.post(`${fx.stack.url}/callbacks/abc-123/cancel`, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(agent.page.text)?.[1] ?? '',
    });
    const after = await agent.browser.follow(forged);
    assert.match(statusText(after), /not one of your upcoming callbacks/);
  });
});

describe('agent tools: the callbacks panel, on a clock', () => {
  const clock = { now: Date.now() };
  const fx = contactStack({ perTest: true, now: () => clock.now });

  it('when the agent page is loaded every 70 s for nine minutes, then the callbacks are not read from WxCC until the kept list is ten minutes old; the callbacks page and Refresh read them', async () => {
    const agent = await availableAgent(fx.stack, ALICE, '+14155550407');
    const readsOfCallbacks = async () =>
      (await fx.stack.control.requests()).filter(
        (r) => r.method === 'GET' && r.path.includes('scheduled-callback'),
      ).length;
    // Signing in drew the agent page, which read and kept the list once.
    await fx.stack.control.clearRequests();
    let page = agent.page;
    for (let i = 0; i < 8; i++) {
      clock.now += 70_000;
      page = await agent.browser.get(`${fx.stack.url}/`);
      assert.match(page.text, /id="my-callbacks"[\s\S]*You have no upcoming callbacks/);
    }
    assert.equal(await readsOfCallbacks(), 0, 'eight page loads over 9 min 20 s: no read');
    // Over ten minutes old: the next page load reads them once, and keeps them again.
    clock.now += 60_000;
    await agent.browser.get(`${fx.stack.url}/`);
    await agent.browser.get(`${fx.stack.url}/`);
    assert.equal(await readsOfCallbacks(), 1, 'a stale list is read once');

    // Refresh on the panel reads them now, once, and says so; the page after it reads nothing.
    page = await submit(agent.browser, page, /\/callbacks\/refresh$/);
    assert.equal(new URL(page.url).pathname, '/');
    assert.match(statusText(page), /read again from Webex Contact Center/);
    assert.equal(await readsOfCallbacks(), 2);
    // The callbacks page always reads them.
    const list = await agent.browser.get(`${fx.stack.url}/callbacks`);
    assert.match(list.text, /no upcoming callbacks/);
    assert.equal(await readsOfCallbacks(), 3);
  });
});
