// What a new user meets in Chromium: busy actions, focus after refusals and live updates,
// a dead sign-in noticed on load, and a taken-over page that offers only the way forward.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../helpers/chromium';
import { startStack, type Stack } from '../helpers/stack';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2 A/AA violations on the page as it is now (after a live swap, too). */
async function a11yViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(
    `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then((r) =>
      r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  );
  return found as string[];
}

describe('agent experience in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let agentIds: string[];

  before(async () => {
    stack = await startStack({ env: { HTTP_TIMEOUT_MS: '5000' } });
    browser = await launchChromium();
    agentIds = (await stack.control.agents()).map((a) => a.id);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A fresh browser context signed in as one sample agent, on the station form. */
  async function signIn(agent: number): Promise<Page> {
    // bypassCSP only lets the test inject axe-core; agent-desktop.browser.test.ts checks the CSP.
    const context = await browser.newContext({
      viewport: { width: 1100, height: 800 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    await page.getByRole('button', { name: 'Connect to WxCC' }).click();
    await page.locator('#agentId').selectOption(agentIds[agent]!);
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('heading', { name: 'Log in to your station' }).waitFor();
    return page;
  }

  async function logIn(page: Page, dial: string): Promise<void> {
    await page.getByLabel('Dial number or extension').fill(dial);
    await page.getByRole('button', { name: 'Agent Login' }).click();
    await page.getByRole('button', { name: 'Agent Logout' }).waitFor();
  }

  const activeId = async (page: Page) => String(await page.evaluate('document.activeElement.id'));

  it('when WxCC is slow, then the action says it is in progress and no second action can start; a refusal takes the focus', async () => {
    const page = await signIn(0);
    await page.getByLabel('Dial number or extension').fill('+14155550191');
    await stack.control.call('POST', '/faults', {
      target: 'login',
      kind: 'status',
      status: 503,
      delayMs: 1500,
    });
    // The page is replaced when the answer comes, so it notes what it showed meanwhile in
    // sessionStorage (same origin, survives the navigation). A string: no DOM types here.
    await page.evaluate(`(() => {
      const button = document.querySelector('form[action="/station/login"] button');
      new MutationObserver(() => {
        const again = new Event('submit', { bubbles: true, cancelable: true });
        document.querySelector('form[action="/signout"]').dispatchEvent(again);
        sessionStorage.setItem('seen', JSON.stringify({
          label: button.textContent,
          disabled: button.disabled,
          ariaBusy: button.form.getAttribute('aria-busy'),
          signOutDisabled: document.querySelector('form[action="/signout"] button').disabled,
          secondActionRefused: again.defaultPrevented,
        }));
      }).observe(button, { childList: true, attributes: true });
    })()`);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
    });
    await page.getByRole('button', { name: 'Agent Login' }).click();
    await page.locator('#status [data-focus]').waitFor({ timeout: 5000 });
    const seen = JSON.parse(String(await page.evaluate("sessionStorage.getItem('seen')")));
    assert.deepEqual(seen, {
      label: 'Logging in…',
      disabled: true,
      ariaBusy: 'true',
      signOutDisabled: true,
      secondActionRefused: true,
    });
    assert.deepEqual(posts, ['/station/login'], 'one action sent');
    assert.equal(
      await page.evaluate("document.activeElement.matches('#status [data-focus]')"),
      true,
      'the message of the refusal has the focus',
    );
    assert.equal(await page.getByRole('button', { name: 'Agent Login' }).isDisabled(), false);
    await page.context().close();
  });

  it('when a field is refused, then the invalid field has the focus', async () => {
    const page = await signIn(1);
    await page.getByLabel('Dial number or extension').fill('555 0100');
    await page.getByRole('button', { name: 'Agent Login' }).click();
    await page.locator('#dialNumber-error').waitFor();
    assert.equal(await activeId(page), 'dialNumber');
    assert.deepEqual(await a11yViolations(page), []);
    await page.context().close();
  });

  it('when a supervisor changes the state, then the region is swapped from the push, focus and the chosen reason stay', async () => {
    const page = await signIn(2);
    // The third sample agent (Chiara) is on the UK dial plan: a UK number.
    await logIn(page, '+442079460192');
    const pageLoads: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/') pageLoads.push(r.method());
    });
    const select = page.getByLabel('Idle reason');
    const options = await select
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''));
    const chosen = options[options.length - 1]!;
    await select.selectOption(chosen);
    await select.focus();

    await stack.control.supervisor(agentIds[2]!, 'state', { state: 'Available' });
    await page.locator('#state-label.state-available').waitFor({ timeout: 2000 });
    assert.equal(await activeId(page), 'auxCodeId', 'focus stayed on the idle reason');
    assert.equal(await page.getByLabel('Idle reason').inputValue(), chosen);
    assert.deepEqual(pageLoads, [], 'no page was fetched again');
    assert.match(await page.locator('#status').innerText(), /Available\. Changed by/);
    await page.screenshot({ path: screenshotPath('21-live-swap'), fullPage: true });
    assert.deepEqual(await a11yViolations(page), [], 'the swapped page is accessible');

    // The agent's own change afterwards is not attributed to the supervisor.
    await page.getByRole('button', { name: 'Go Idle' }).click();
    await page.locator('#state-label.state-idle').waitFor();
    assert.doesNotMatch(await page.locator('#status').innerText(), /Changed by/);
    await page.context().close();
  });

  it('when another desktop takes over, then only "Use this desktop again" is offered, and said once', async () => {
    const page = await signIn(0);
    await logIn(page, '+14155550193');
    await stack.control.supervisor(agentIds[0]!, 'multi-login');
    await page.locator('#taken-over').waitFor({ timeout: 2000 });
    assert.equal(await page.getByRole('button', { name: 'Go Available' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Agent Logout' }).count(), 0);
    // The notice sits in the bar at the top; the page offers nothing else to press.
    const text = await page.locator('body').innerText();
    assert.equal(text.match(/taken over your session/g)?.length, 1, 'said once');
    assert.equal(await page.getByRole('button', { name: 'Go Idle' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Dial', exact: true }).count(), 0);
    await page.screenshot({ path: screenshotPath('22-taken-over'), fullPage: true });
    assert.deepEqual(await a11yViolations(page), []);
    await page.getByRole('button', { name: 'Use this desktop again' }).click();
    await page.getByRole('button', { name: 'Agent Logout' }).waitFor();
    await page.getByRole('button', { name: 'Agent Logout' }).click();
    await page.getByRole('button', { name: 'Agent Login' }).waitFor();
    await page.context().close();
  });

  it('when the sign-in was revoked at Webex, then loading the page lands on Connect with the reason', async () => {
    const page = await signIn(1);
    await logIn(page, '+14155550194');
    await stack.control.call('POST', '/tokens/revoke-and-expire', { agentId: agentIds[1] });
    // The old page's own check may notice first and take the agent to Connect; whichever view
    // comes first, every tab says why until the agent connects again.
    const context = page.context();
    const next = await context.newPage();
    await next.goto(`${stack.url}/`);
    await next.getByRole('button', { name: 'Connect to WxCC' }).waitFor({ timeout: 5000 });
    assert.match(await next.locator('#status').innerText(), /expired or was revoked/);
    await page.goto(`${stack.url}/`);
    assert.match(await page.locator('#status').innerText(), /expired or was revoked/);
    await next.screenshot({ path: screenshotPath('23-sign-in-revoked'), fullPage: true });
    await context.close();
  });
});
