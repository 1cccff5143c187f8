// A real browser consults an address-book number from the directory and conferences it, and sees
// the tenant's entry points in the consult form; screenshots and axe-core on each new state.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../helpers/chromium';
import { ALICE, SUPPORT_QUEUE, answer, placeCall } from '../helpers/contacts';
import { startStack, type Stack } from '../helpers/stack';
import { defaultContactSeed } from 'wxcc-sandbox/contact-seed';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');
const MAIN_LINE = defaultContactSeed.inboundEntryPoint;

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return (await page.evaluate(
    `axe.run(document).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
}

async function step(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(`consult-targets-${name}`), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], `accessibility of ${name}`);
}

describe('consult to a number or an entry point in Chromium', () => {
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

  it('when the agent consults an address-book number from the directory and conferences it, then each state shows and is accessible; the consult form offers the entry point', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByRole('button', { name: 'Connect to WxCC' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByLabel('Dial number or extension').fill('+14155550541');
    await page.getByRole('button', { name: 'Agent Login' }).click();
    await page.getByRole('button', { name: 'Go Available' }).click();
    await page.locator('.state-available').first().waitFor();

    const id = await placeCall(stack, ALICE, { queueId: SUPPORT_QUEUE });
    await page
      .locator('#contacts .contact-state', { hasText: /^Ringing$/ })
      .first()
      .waitFor();
    await answer(stack, ALICE, id);
    await page
      .locator('#contacts .contact-state', { hasText: /^Connected$/ })
      .first()
      .waitFor();
    // The live-pushed card's consult form: the tenant's inbound entry point under its own group.
    const option = page.locator(`#contacts option[value="entry:${MAIN_LINE.id}"]`);
    await option.waitFor({ state: 'attached' });
    assert.equal((await option.textContent())?.trim(), MAIN_LINE.name);
    await step(page, 'consult-form');

    await page.goto(`${stack.url}/directory?q=claims`);
    await page.getByText('Claims Team').first().waitFor();
    await step(page, 'directory');
    await page.getByRole('button', { name: 'Consult Claims Team' }).click();
    await page.locator('#status', { hasText: 'Consulting Claims Team' }).waitFor();
    await page.locator('#contacts', { hasText: 'Consult connected' }).waitFor();
    await step(page, 'consulting-number');
    await page.getByRole('button', { name: 'Conference', exact: true }).click();
    await page.getByRole('button', { name: 'Leave conference' }).waitFor();
    await step(page, 'conference-with-number');
    await page.getByRole('button', { name: 'Leave conference' }).click();
    await page.getByText('Wrap-up reason').first().waitFor();
  });
});
