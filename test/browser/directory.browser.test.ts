// A real browser uses the agent's tools: directory search and transfer, outdial with a chosen caller id,
// a call variable edited, a callback booked; screenshots and axe-core on every new panel.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../helpers/chromium';
import { ALICE, SUPPORT_QUEUE, answer, placeCall } from '../helpers/contacts';
import { startStack, type Stack } from '../helpers/stack';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');
const SALES_ANI = defaultContactSeed.outdialAni.entries[1]!.number;

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return (await page.evaluate(
    `axe.run(document).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
}

async function step(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(`tools-${name}`), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], `accessibility of ${name}`);
}

describe('the agent’s tools in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
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

  const connected = async (cad: Record<string, string> = {}) => {
    const id = await placeCall(stack, ALICE, { queueId: SUPPORT_QUEUE, cad });
    await page
      .locator('#contacts .contact-state', { hasText: /^Ringing$/ })
      .first()
      .waitFor();
    await answer(stack, ALICE, id);
    await page
      .locator('#contacts .contact-state', { hasText: /^Connected$/ })
      .first()
      .waitFor();
    return id;
  };

  it('when the agent edits a variable, books a callback, searches the directory and transfers, then each shows', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByRole('button', { name: 'Connect to WxCC' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByLabel('Dial number or extension').fill('+14155550421');
    await page.getByRole('button', { name: 'Agent Login' }).click();
    await page.getByRole('button', { name: 'Go Available' }).click();
    await page.locator('.state-available').first().waitFor();

    await connected({ customerTier: 'Gold', accountNumber: 'A-1', visitCount: '2' });
    await step(page, 'call-variables');
    await page.getByLabel('Account number').fill('A-77');
    await page.getByRole('button', { name: 'Save call details' }).click();
    await page.locator('#contacts input[value="A-77"]').first().waitFor();
    assert.equal(await page.getByLabel('Account number').inputValue(), 'A-77');

    // A callback tomorrow, 10:00–11:00 UTC.
    await page.locator('.contact-callback summary').first().click();
    await step(page, 'callback-form');
    await page.getByRole('button', { name: 'Book callback' }).click();
    await page.locator('#status', { hasText: 'Callback booked' }).waitFor();
    await page.goto(`${stack.url}/callbacks`);
    await page.getByText('Grace Hopper').first().waitFor();
    await step(page, 'callbacks');

    await page.goto(`${stack.url}/directory`);
    await page.getByLabel('Search agents, queues and the address book').fill('claims');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('Claims Team').waitFor();
    await step(page, 'directory');
    await page.getByRole('button', { name: 'Transfer to Claims Team' }).click();
    await page.locator('#status', { hasText: 'transferred to Claims Team' }).waitFor();
    await page
      .getByRole('button', { name: 'Wrap Up' })
      .first()
      .click()
      .catch(() => undefined);
  });

  it('when the agent dials with a chosen caller id and the keypad, then WxCC gets that origin', async () => {
    await page.goto(`${stack.url}/`);
    const wrap = page.getByRole('button', { name: /Wrap up/i }).first();
    if (await wrap.isVisible().catch(() => false)) await wrap.click();
    await page.locator('#outdial-origin').waitFor();
    await page.locator('#outdial-origin').selectOption(SALES_ANI);
    for (const key of ['+', '1', '4', '1', '5', '5', '5', '5', '0', '1', '7', '9']) {
      await page.locator(`.keypad [data-key="${key}"]`).click();
    }
    assert.equal(await page.locator('#outdial-destination').inputValue(), '+14155550179');
    await step(page, 'outdial');
    await stack.control.clearRequests();
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await page.locator('#status', { hasText: 'Dialling' }).waitFor();
    const sent = (await stack.control.requests()).find((r) => r.path === '/wxcc/v1/tasks');
    assert.equal((sent?.body as { origin: string }).origin, SALES_ANI);
  });
});
