// The sandbox's supervisor console in a real browser: a call placed, answered and hung up from its
// forms alone (no JavaScript), with screenshots and an accessibility scan of each state.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from 'wxcc-sandbox';
import { launchChromium, screenshotPath } from '../helpers/chromium';
import { call, openAgentSocket, wxcc, type EventSocket } from 'wxcc-sandbox/testing/sandbox-client';
import { AGENTS, obtainTokens, startTestSandbox } from 'wxcc-sandbox/testing/sandbox-oauth';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');
const alice = AGENTS[0]!;

async function step(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(`sandbox-console-${name}`), fullPage: true });
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(
    `axe.run(document).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
  assert.deepEqual(violations, [], `accessibility of ${name}`);
}

describe('sandbox console in Chromium', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;
  let events: EventSocket;

  before(async () => {
    sandbox = await startTestSandbox();
    const token = (await obtainTokens(sandbox, { agentId: alice.id })).access_token;
    // No keepalive: this test sends none, and a slow browser run must not lose the socket.
    events = await openAgentSocket(sandbox, token, {
      isKeepAliveEnabled: false,
      clientType: 'ConsoleTest',
    });
    await call(wxcc(sandbox, '/v1/agents/login'), {
      method: 'POST',
      token,
      body: {
        dialNumber: '+14155550601',
        teamId: alice.teamIds[0],
        deviceType: 'AGENT_DN',
        roles: ['agent'],
      },
    });
    await call(wxcc(sandbox, '/v1/agents/session/state'), {
      method: 'PUT',
      token,
      body: { state: 'Available', auxCodeId: '0' },
    });
    await events.next((f) => f.data?.type === 'AgentStateChangeSuccess');
    browser = await launchChromium();
    // axe is injected as a script, which the console's CSP rightly forbids: bypass it for the scan.
    const context = await browser.newContext({
      viewport: { width: 1000, height: 900 },
      bypassCSP: true,
    });
    page = await context.newPage();
  });
  after(async () => {
    events?.close();
    await browser?.close();
    await sandbox?.close();
  });

  it('when a call is placed, answered and hung up with the console’s buttons, then each state shows', async () => {
    await page.goto(`${sandbox.url}/_sandbox/console`);
    const card = page.locator('li.agent', { hasText: 'Alice Anderson' });
    await card.getByText('Place an inbound call').click();
    await card.getByLabel('Customer name').fill('Ada Lovelace');
    await card.getByLabel('Caller number').fill('+442071838750');
    await card.getByLabel('Queue').selectOption({ label: 'Sales Queue' });
    await card.getByLabel(/CAD variables/).fill('orderId=A-17\ntier=gold');
    await step(page, 'place-call');
    await card.getByRole('button', { name: 'Call Alice Anderson' }).click();
    await page.getByText('Call placed').waitFor();
    await page.getByText('Call from +442071838750 is ringing.').waitFor();
    const contacts = page.locator('#contacts-title + table');
    await contacts.getByText('Ringing', { exact: false }).first().waitFor();
    await contacts.getByText('orderId=A-17, tier=gold').waitFor();
    await step(page, 'ringing');

    await page.getByRole('button', { name: 'Answer on the phone' }).click();
    await page.getByText('Answered on the phone.').waitFor();
    await contacts.getByText('Connected').first().waitFor();
    await step(page, 'connected');

    await contacts.getByRole('button', { name: 'Hang up as caller' }).click();
    await page.getByText('The caller hung up.').waitFor();
    await contacts.getByText('Wrap-up').first().waitFor();
    await step(page, 'wrap-up');
    const types = events.frames.map((f) => f.data?.type);
    for (const type of [
      'AgentContactReserved',
      'AgentOfferContact',
      'AgentContactAssigned',
      'ContactEnded',
    ]) {
      assert.ok(types.includes(type), type);
    }
  });
});
