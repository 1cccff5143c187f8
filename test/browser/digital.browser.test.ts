// A real browser takes a chat live: offered, accepted, ended and wrapped up, with a screenshot and an
// accessibility scan (axe-core) of each state. Accept is the API's (POST /v1/tasks/{id}/accept, Cisco's
// SDK services/task/index.ts accept for any mediaType but telephony).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../helpers/chromium';
import { ALICE } from '../helpers/contacts';
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
  await page.screenshot({ path: screenshotPath(`digital-${name}`), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], `accessibility of ${name}`);
}

describe('a chat in Chromium', () => {
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

  it('when a chat is offered, accepted, ended and wrapped up, then the page follows live and says where its messages are', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByRole('button', { name: 'Connect to WxCC' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByLabel('Dial number or extension').fill('+14155550411');
    await page.getByRole('button', { name: 'Agent Login' }).click();
    await page.getByRole('button', { name: 'Go Available' }).click();
    await page.locator('.state-available').first().waitFor();

    await stack.control.supervisor(ALICE, 'offer', {
      mediaType: 'chat',
      address: 'grace.hopper@example.com',
      customerName: 'Grace Hopper',
      cad: { Subject: 'Where is my order?' },
    });
    await inState('Waiting to be accepted');
    const offered = await region().innerText();
    assert.match(offered, /Chat/);
    assert.match(offered, /Where is my order\?/);
    assert.doesNotMatch(offered, /Answer on your phone/);
    await page
      .locator('#status')
      .getByText('grace.hopper@example.com: Waiting to be accepted.')
      .waitFor();
    await step(page, '01-chat-offered');

    await region().getByRole('button', { name: 'Accept' }).click();
    await inState('Connected');
    assert.match(await region().innerText(), /read and answer them in Webex Contact Center/);
    assert.equal(await region().getByRole('button', { name: 'Hold' }).count(), 0);
    await step(page, '02-chat-accepted');

    await region().getByRole('button', { name: 'End chat' }).click();
    await region().getByLabel('Wrap-up reason').waitFor();
    await step(page, '03-chat-wrap-up');

    await region().getByRole('button', { name: 'Wrap up' }).click();
    await region().getByText('No customer contact right now').waitFor();
    await step(page, '04-chat-wrapped-up');
  });
  it('when a chat is offered and the agent presses Answer (Alt+Shift+A), then the chat is accepted here', async () => {
    await page.locator('.state-available').first().waitFor();
    await stack.control.supervisor(ALICE, 'offer', {
      mediaType: 'chat',
      address: 'ada@example.com',
      customerName: 'Ada Lovelace',
    });
    await inState('Waiting to be accepted');
    await page.keyboard.press('Alt+Shift+KeyA');
    await inState('Connected');
    await region().getByRole('button', { name: 'End chat' }).click();
    await region().getByRole('button', { name: 'Wrap up' }).click();
    await region().getByText('No customer contact right now').waitFor();
  });
});
