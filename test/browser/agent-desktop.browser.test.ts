// A real browser clicks through the desktop: Connect, Accept, Agent Login, live change, Logout.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../helpers/chromium';
import { startStack, type Stack } from '../helpers/stack';

describe('agent desktop in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('when an agent clicks Connect, Accept, Agent Login and Agent Logout, then each page shows the right thing', async () => {
    await page.goto(`${stack.url}/`);
    await page.screenshot({ path: screenshotPath('01-connect'), fullPage: true });
    await page.getByRole('button', { name: 'Connect to WxCC' }).click();

    await page.getByRole('button', { name: 'Accept' }).waitFor();
    await page.screenshot({ path: screenshotPath('02-consent'), fullPage: true });
    await page.getByRole('button', { name: 'Accept' }).click();

    await page.getByRole('heading', { name: 'Log in to your station' }).waitFor();
    await page.screenshot({ path: screenshotPath('03-station-form'), fullPage: true });

    // Validation on the field, before anything is sent.
    await page.getByLabel('Dial number or extension').fill('555/0100');
    await page.getByRole('button', { name: 'Agent Login' }).click();
    await page.locator('#dialNumber-error').waitFor();
    assert.match(await page.locator('#dialNumber-error').innerText(), /Enter a phone number/);
    // One message, on the field: no summary line above, no preview beside it.
    assert.equal(await page.locator('#status').innerText(), '');
    assert.equal(await page.locator('#dial-preview').isVisible(), false);
    assert.equal(await page.getByLabel('Dial number or extension').inputValue(), '555/0100');
    assert.equal(
      await page.getByLabel('Dial number or extension').getAttribute('aria-invalid'),
      'true',
    );
    await page.screenshot({ path: screenshotPath('04-station-validation'), fullPage: true });

    await page.getByLabel('Dial number or extension').fill('+1 415 555 0170');
    assert.match(await page.locator('#dial-preview').innerText(), /Will dial \+14155550170/);
    assert.equal(await page.locator('#dialNumber-error').count(), 0);
    await page.getByRole('button', { name: 'Agent Login' }).click();
    await page.getByRole('button', { name: 'Agent Logout' }).waitFor();
    assert.match(await page.locator('#status').innerText(), /logged in to your station/);
    await page.screenshot({ path: screenshotPath('05-logged-in'), fullPage: true });

    const agentId = (await stack.control.agents()).find((a) =>
      JSON.stringify(a).includes('+14155550170'),
    )?.id;
    assert.ok(agentId, 'the sandbox knows the logged-in agent');
    await stack.control.supervisor(agentId, 'state', { state: 'Available' });
    await page.locator('.state-available').first().waitFor({ timeout: 2000 });
    await page.screenshot({ path: screenshotPath('06-supervisor-change-live'), fullPage: true });

    await page.getByRole('button', { name: 'Agent Logout' }).click();
    await page.getByRole('button', { name: 'Agent Login' }).waitFor();
    assert.match(await page.locator('#status').innerText(), /logged out of your station/);
    await page.screenshot({ path: screenshotPath('07-logged-out'), fullPage: true });

    assert.deepEqual(cspViolations, [], 'no inline script or style was blocked');
  });

  it('when the screen is narrow, then the page still fits without sideways scrolling', async () => {
    const mobile = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await mobile.goto(`${stack.url}/`);
    // A string, so this Node-side file needs no DOM types.
    const overflow = Number(
      await mobile.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ),
    );
    assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
    await mobile.screenshot({ path: screenshotPath('08-connect-mobile'), fullPage: true });
    await mobile.close();
  });
});
