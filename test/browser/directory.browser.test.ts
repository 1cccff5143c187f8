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

    // Results shown with no call: Call only. A call comes in and is answered: they are drawn again
    // for it (Transfer, Consult), and the agent's focus is left where it was.
    const panel = page.locator('#directory-search');
    await panel
      .getByLabel('Search agents, queues, entry points and the address book')
      .fill('claims');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await panel.getByRole('button', { name: 'Call Claims Team' }).waitFor();
    assert.equal(await panel.getByRole('button', { name: 'Transfer to Claims Team' }).count(), 0);
    await page.locator('#my-callbacks-page').focus();
    await connected({ customerTier: 'Gold', accountNumber: 'A-1', visitCount: '2' });
    await panel.getByRole('button', { name: 'Transfer to Claims Team' }).waitFor();
    assert.equal(await panel.getByRole('button', { name: 'Call Claims Team' }).count(), 0);
    assert.equal(
      await page.evaluate('document.activeElement && document.activeElement.id'),
      'my-callbacks-page',
      'a redraw the agent did not ask for leaves the focus where it was',
    );
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

    // The agent page's directory panel: the results are drawn in place, with the call's actions.
    await page.goto(`${stack.url}/`);
    await panel
      .getByLabel('Search agents, queues, entry points and the address book')
      .fill('claims');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await panel.getByRole('heading', { name: 'Results for “claims”' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/', 'still on the agent page');
    assert.equal(
      await page.evaluate('document.activeElement && document.activeElement.id'),
      'directory-panel-results-title',
      'the results heading takes the focus',
    );
    await page.locator('#directory-panel-status', { hasText: '1 target on this page' }).waitFor();
    assert.equal(await page.locator('#directory-panel-status').getAttribute('aria-live'), 'polite');
    await panel.screenshot({ path: screenshotPath('tools-directory-panel') });
    await step(page, 'directory-panel-page');
    // By keyboard: from the heading, the first result's first action, and Enter sends it.
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(
        "document.activeElement && document.activeElement.getAttribute('aria-label')",
      ),
      'Transfer to Claims Team',
    );
    await page.keyboard.press('Enter');
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
    // The keypad sits under the number it types into, its delete key under '#'.
    const number = (await page.locator('#outdial-destination').boundingBox())!;
    const keypad = (await page.locator('.keypad').boundingBox())!;
    const hash = (await page.locator('.keypad [data-key="#"]').boundingBox())!;
    const back = (await page.locator('.keypad [data-key="back"]').boundingBox())!;
    assert.ok(keypad.y >= number.y + number.height, 'the keypad is under the number');
    assert.ok(Math.abs(keypad.x - number.x) < 2, 'the keypad lines up with the number');
    assert.ok(Math.abs(back.x - hash.x) < 1 && back.y > hash.y, 'delete is under #');
    await step(page, 'outdial');
    await stack.control.clearRequests();
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await page.locator('#status', { hasText: 'Dialling' }).waitFor();
    const sent = (await stack.control.requests()).find((r) => r.path === '/wxcc/v1/tasks');
    assert.equal((sent?.body as { origin: string }).origin, SALES_ANI);
  });

  it('when the agent pages through the panel’s results by keyboard, then each page is drawn in place and said', async () => {
    await page.goto(`${stack.url}/`);
    const wrap = page.getByRole('button', { name: /Wrap up/i }).first();
    if (await wrap.isVisible().catch(() => false)) await wrap.click();
    const panel = page.locator('#directory-search');
    await panel.getByLabel('Search agents, queues, entry points and the address book').focus();
    await page.keyboard.press('Enter');
    await panel.getByRole('heading', { name: 'All targets' }).waitFor();
    // Recent targets first: Claims Team was transferred to in the test before.
    const recent = panel.getByRole('list', { name: 'Recent' });
    assert.match(await recent.innerText(), /Claims Team/);
    const next = panel.getByRole('link', { name: 'Next page' });
    await next.focus();
    await page.keyboard.press('Enter');
    await panel.getByRole('link', { name: 'Previous page' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(
      await page.evaluate('document.activeElement && document.activeElement.id'),
      'directory-panel-results-title',
    );
    await panel.getByText('Ada Lovelace').waitFor();
    // The count is said 50 ms after the results are drawn (emptied first, so it is said again):
    // waited for, not read at once (CI's busy cores read it empty once).
    await page
      .locator('#directory-panel-status', { hasText: /targets? on this page/ })
      .waitFor({ timeout: 5000 });
    await panel.screenshot({ path: screenshotPath('tools-directory-panel-page-2') });
    assert.deepEqual(await axeViolations(page), [], 'accessibility of the second page');
  });

  it('when JavaScript is off, then the panel’s search opens the directory page with the same results', async () => {
    const plain = await browser.newContext({
      viewport: { width: 1100, height: 900 },
      javaScriptEnabled: false,
      storageState: await page.context().storageState(),
    });
    try {
      const tab = await plain.newPage();
      await tab.goto(`${stack.url}/`);
      const panel = tab.locator('#directory-search');
      await panel
        .getByLabel('Search agents, queues, entry points and the address book')
        .fill('claims');
      await panel.getByRole('button', { name: 'Search', exact: true }).click();
      await tab.waitForURL(/\/directory\?q=claims/);
      await tab.getByText('Claims Team').first().waitFor();
      await tab.screenshot({ path: screenshotPath('tools-directory'), fullPage: true });
    } finally {
      await plain.close();
    }
  });
});
