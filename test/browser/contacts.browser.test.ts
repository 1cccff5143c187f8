// A real browser handles an inbound call and an outdial live, with screenshots and an accessibility scan of each state.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../helpers/chromium';
import { ALICE, BRUNO, answer, availableAgent, placeCall } from '../helpers/contacts';
import { startStack, type Stack } from '../helpers/stack';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');

/** Runs axe-core on the page and returns its violations as readable lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  // A string, so this Node-side file needs no DOM types.
  return (await page.evaluate(
    `axe.run(document).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
}

async function step(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(`contacts-${name}`), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], `accessibility of ${name}`);
}

describe('contacts in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const region = () => page.locator('#contacts');
  const inState = (label: string) =>
    page
      .locator('#contacts .contact-state', { hasText: new RegExp(`^${label}$`) })
      .first()
      .waitFor();

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
    // axe is injected as an inline script, which the app's CSP rightly forbids: bypass it here
    // (the agent-desktop browser test checks that the app itself needs no inline script).
    const context = await browser.newContext({
      viewport: { width: 1100, height: 900 },
      bypassCSP: true,
    });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('when a call is offered, answered, held, resumed, refused a transfer, ended and wrapped up, then the page follows live', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByRole('button', { name: 'Connect to WxCC' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByLabel('Dial number or extension').fill('+14155550401');
    await page.getByRole('button', { name: 'Agent Login' }).click();
    await page.getByRole('button', { name: 'Go Available' }).click();
    await page.locator('.state-available').first().waitFor();
    await step(page, '00-no-contact');
    // Bruno is logged in but Idle: the buddy list offers him, WxCC will refuse a transfer to him.
    const bruno = await availableAgent(stack, BRUNO, '+14155550402');
    await bruno.browser.post(`${stack.url}/station/state`, {
      _csrf: bruno.page.text.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '',
      state: 'Idle',
      auxCodeId: bruno.page.text.match(/<option value="([^"]+)">/)?.[1] ?? '',
    });

    const id = await placeCall(stack, ALICE, {
      customerName: 'Grace Hopper',
      cad: { AccountNumber: '12345', Reason: 'Billing question' },
    });
    await inState('Ringing');
    assert.match(await region().innerText(), /Answer on your phone/);
    assert.match(await region().innerText(), /Billing question/);
    // The live swap is announced on the status line, which screen readers read out.
    await page.locator('#status').getByText('Grace Hopper: Ringing.').waitFor();
    await step(page, '01-offered');

    await answer(stack, ALICE, id);
    await inState('Connected');
    // The call's duration came in a live swap, not a page load, and still counts up.
    const duration = await region().locator('time[data-started-at]').first().innerText();
    await page.waitForFunction(
      `document.querySelector('#contacts time[data-started-at]').textContent !== ${JSON.stringify(duration)}`,
      undefined,
      { timeout: 3000 },
    );
    await step(page, '02-connected');

    await region().getByRole('button', { name: 'Hold' }).click();
    await inState('On hold');
    // Focus comes back to the contact the agent acted on, not the top of the page.
    const focused = String(
      await page.evaluate('document.activeElement && document.activeElement.id'),
    );
    assert.match(focused, /^contact-.*-(title|resume)$/, `focus is on ${focused}`);
    await step(page, '03-held');

    await region().getByRole('button', { name: 'Resume', exact: true }).click();
    await inState('Connected');

    await region().getByLabel('Transfer to').selectOption(`agent:${BRUNO}`);
    await region().getByRole('button', { name: 'Transfer', exact: true }).click();
    await page
      .locator('#status')
      .getByText(/transfer was refused/)
      .waitFor();
    assert.match(await region().innerText(), /Connected/);
    await step(page, '04-transfer-refused');

    await region().getByRole('button', { name: 'End call' }).click();
    await region().getByLabel('Wrap-up reason').waitFor();
    assert.equal(
      await region().getByLabel('Wrap-up reason').locator('option:checked').innerText(),
      'Resolved',
    );
    await step(page, '05-wrap-up');

    await region().getByRole('button', { name: 'Wrap up' }).click();
    await region().getByText('No customer contact right now').waitFor();
    await step(page, '06-wrapped-up');
  });

  it('when the agent consults a colleague and conferences them in, then each state is shown and accessible', async () => {
    await availableAgent(stack, BRUNO, '+14155550402');
    const id = await placeCall(stack, ALICE, { customerName: 'Katherine Johnson' });
    await inState('Ringing');
    await answer(stack, ALICE, id);
    await inState('Connected');
    // Bruno logged in after the page was drawn: a fresh view lists him.
    await page.reload();
    // A live update keeps the keyboard focus where the agent left it.
    await region().getByRole('button', { name: 'Hold' }).focus();
    await stack.control.supervisor(ALICE, 'state', { state: 'Available' });
    await page
      .locator('#status')
      .getByText(/state is now Available|Katherine Johnson/)
      .waitFor();
    assert.match(
      String(await page.evaluate('document.activeElement && document.activeElement.id')),
      /-hold$/,
    );
    await region().getByLabel('Consult').selectOption(`agent:${BRUNO}`);
    await region().getByRole('button', { name: 'Consult', exact: true }).click();
    await inState('Consulting');
    await step(page, '09-consult-requested');
    await answer(stack, BRUNO, id);
    await region().getByRole('button', { name: 'Conference' }).waitFor();
    await step(page, '10-consult-connected');
    await region().getByRole('button', { name: 'Conference' }).click();
    await inState('Conference');
    await step(page, '11-conference');
    await region().getByRole('button', { name: 'Leave conference' }).click();
    await region().getByLabel('Wrap-up reason').waitFor();
    await region().getByRole('button', { name: 'Wrap up' }).click();
    await region().getByText('No customer contact right now').waitFor();
  });

  it('when the agent dials a customer, then the outbound call rings, connects and wraps up', async () => {
    await region().getByLabel('Call a customer').fill('+1 415 555 0177');
    await region().getByRole('button', { name: 'Dial', exact: true }).click();
    await region().getByText('Outbound call').waitFor();
    await step(page, '07-outdial-ringing');
    await answer(stack, ALICE);
    await inState('Connected');
    await step(page, '08-outdial-connected');
    await region().getByRole('button', { name: 'End call' }).click();
    await region().getByRole('button', { name: 'Wrap up' }).click();
    await region().getByText('No customer contact right now').waitFor();
  });
});
