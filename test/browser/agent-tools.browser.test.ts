// The agent's own statistics and recent contacts in a real browser: screenshots, an accessibility
// scan of both panels, the chart read as a table, and a redial from the recent list.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../helpers/chromium';
import { ALICE, answer, placeCall } from '../helpers/contacts';
import { startStack, type Stack } from '../helpers/stack';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');

/** axe-core's violations inside one panel, as readable lines. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return (await page.evaluate(
    `axe.run(${JSON.stringify(selector)}).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
}

describe("the agent's tools in Chromium", () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const contactState = (label: string) =>
    page
      .locator('#contacts .contact-state', { hasText: new RegExp(`^${label}$`) })
      .first()
      .waitFor();

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
    // axe is injected as an inline script, which the app's CSP forbids: bypass it for the scan.
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

  it('when the agent has handled and missed calls, then both panels show them accessibly, and Redial dials', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByRole('button', { name: 'Connect to WxCC' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByLabel('Dial number or extension').fill('+14155550431');
    await page.getByRole('button', { name: 'Agent Login' }).click();
    await page.getByRole('button', { name: 'Go Available' }).click();
    await page.locator('.state-available').first().waitFor();
    await page.locator('#agent-statistics').waitFor();
    await page
      .locator('#agent-statistics')
      .screenshot({ path: screenshotPath('agent-tools-00-empty') });
    assert.deepEqual(await axeViolations(page, '#agent-statistics'), []);
    assert.deepEqual(await axeViolations(page, '#recent-contacts'), []);

    // One call answered and wrapped up, one that rings out.
    const id = await placeCall(stack, ALICE, { customerName: 'Grace Hopper', ani: '+14085550142' });
    await contactState('Ringing');
    await answer(stack, ALICE, id);
    await contactState('Connected');
    await page.locator('#contacts').getByRole('button', { name: 'End call' }).click();
    await page.locator('#contacts').getByRole('button', { name: 'Wrap up' }).click();
    await page.getByText('No customer contact right now').waitFor();
    const missed = await placeCall(stack, ALICE, {
      customerName: 'Ada Lovelace',
      ani: '+14085550143',
    });
    await contactState('Ringing');
    await stack.control.supervisor(ALICE, 'ring-out', { interactionId: missed });
    await page
      .locator('#contacts')
      .getByText(/rang out without an answer/)
      .waitFor();
    // The panels follow live: the missed call is listed as it rings out, with no reload.
    await page.locator('#recent-contacts').getByText('Ada Lovelace').waitFor({ timeout: 10000 });
    await page.getByRole('button', { name: 'Go Available' }).click();
    await page.locator('.state-available').first().waitFor();

    const stats = page.locator('#agent-statistics');
    const recent = page.locator('#recent-contacts');
    await stats.screenshot({ path: screenshotPath('agent-tools-01-statistics') });
    await recent.screenshot({ path: screenshotPath('agent-tools-02-recent') });
    await page.screenshot({ path: screenshotPath('agent-tools-03-page'), fullPage: true });
    assert.deepEqual(await axeViolations(page, '#agent-statistics'), []);
    assert.deepEqual(await axeViolations(page, '#recent-contacts'), []);
    // The directory's search and the callbacks are panels of the agent page too.
    assert.deepEqual(await axeViolations(page, '#directory-search'), []);
    assert.deepEqual(await axeViolations(page, '#my-callbacks'), []);
    await page
      .locator('#my-callbacks')
      .screenshot({ path: screenshotPath('agent-tools-05-callbacks') });

    // The chart is drawn for the eye and hidden from screen readers, which read its table.
    assert.equal(await stats.locator('svg').getAttribute('aria-hidden'), 'true');
    assert.equal(await stats.locator('svg rect').count(), 2);
    const table = page.getByRole('table', { name: /Contacts per hour today/ });
    const rows = await table.getByRole('row').allInnerTexts();
    assert.equal(rows.length, 2, rows.join('\n'));
    assert.match(rows[1] ?? '', /\d\d:00–\d\d:00\s+1\s+1/);
    assert.match(await stats.innerText(), /Counted from what this desktop saw today/);
    assert.match(await stats.innerText(), /Offered\s+2/);
    assert.match(await stats.innerText(), /Missed \(no answer\)\s+1/);

    const items = recent.getByRole('listitem');
    assert.equal(await items.count(), 2);
    assert.match(await items.nth(0).innerText(), /Ada Lovelace\s+Missed/);
    assert.match(await items.nth(1).innerText(), /Grace Hopper/);

    // Redial Grace: one click, through the outdial use case.
    await stack.control.clearRequests();
    await recent.getByRole('button', { name: 'Redial +14085550142 (Grace Hopper)' }).click();
    await page.locator('#status').getByText('Dialling +14085550142').waitFor();
    await contactState('Ringing');
    await page.screenshot({ path: screenshotPath('agent-tools-04-redialled'), fullPage: true });
    const sent = (await stack.control.requests()).find((r) => r.path === '/wxcc/v1/tasks');
    assert.equal((sent?.body as Record<string, unknown>).destination, '+14085550142');
    assert.match(
      await page.locator('#recent-contacts').innerText(),
      /once your current contact is over/,
    );
  });
});
