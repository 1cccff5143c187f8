// A whole call worked in Chromium the way an agent works a shift: the offer rings, notifies and
// flashes the title (and all of it stops on answer), the contact's controls are in view at
// 1366×768 and on a 390×844 phone in every state, every shortcut works and the focus lands on the
// next control, and the bar's connection badges follow a dropped stream and a dropped WxCC socket.
import assert from 'node:assert/strict';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../helpers/chromium';
import {
  ALICE,
  BRUNO,
  answer,
  availableAgent,
  connectCall,
  contactAction,
  hangUp,
  pageUntil,
  placeCall,
} from '../helpers/contacts';
import { startStack, type Stack } from '../helpers/stack';

const AXE = path.resolve('node_modules/axe-core/axe.min.js');

/**
 * Runs before the page's scripts: the tab is hidden, Notification is a recording stand-in (its
 * permission asked only when the page asks), and every AudioContext is kept for the test to read.
 */
const STUBS = `(() => {
  Object.defineProperty(document, 'hidden', { get: () => window.__hidden !== false });
  Object.defineProperty(document, 'visibilityState', {
    get: () => (window.__hidden !== false ? 'hidden' : 'visible'),
  });
  window.__notes = [];
  window.__asked = 0;
  class FakeNotification {
    static get permission() { return sessionStorage.getItem('perm') || 'default'; }
    static requestPermission() {
      window.__asked += 1;
      sessionStorage.setItem('perm', 'granted');
      return Promise.resolve('granted');
    }
    constructor(title, options) {
      this.title = title; this.body = options && options.body; this.closed = false;
      window.__notes.push(this);
    }
    close() { this.closed = true; }
  }
  window.Notification = FakeNotification;
  const Real = window.AudioContext;
  window.__audio = [];
  window.AudioContext = class extends Real {
    constructor(...args) { super(...args); window.__audio.push(this); }
  };
})()`;

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return (await page.evaluate(
    `axe.run(document).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
}

/** Forwards to the app; `cut(true)` drops every open connection and refuses new ones. */
async function tcpProxy(targetPort: string) {
  const sockets = new Set<Socket>();
  let cutting = false;
  const server = createServer((client) => {
    if (cutting) return void client.destroy();
    const upstream = connect(Number(targetPort), '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut(on: boolean) {
      cutting = on;
      if (on) for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

describe('the agent workspace in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const active = async () =>
    String(await page.evaluate('document.activeElement && document.activeElement.id'));
  const inState = (label: string) =>
    page
      .locator('#contacts .contact-state', { hasText: new RegExp(`^${label}$`) })
      .first()
      .waitFor();
  const audioState = async () =>
    String(await page.evaluate('window.__audio.length ? window.__audio[0].state : "none"'));

  /** The primary contact's heading and the given controls are inside the viewport, at each size. */
  async function inView(
    name: string,
    controls: string[],
    heading = '#contacts .contact-primary h3',
  ): Promise<void> {
    for (const size of VIEWPORTS) {
      await page.setViewportSize(size);
      await page.evaluate('window.scrollTo(0, 0)');
      for (const selector of [heading, ...controls]) {
        const box = await page.locator(selector).first().boundingBox();
        assert.ok(box, `${selector} is shown (${name})`);
        assert.ok(
          box.y >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width,
          `${selector} within ${size.width}×${size.height} in ${name}: ${JSON.stringify(box)}`,
        );
      }
      await page.screenshot({
        path: screenshotPath(`workspace-${name}-${size.width}x${size.height}`),
      });
      if (size.width < 480) {
        // On a phone the bar stays compact: the state, timer and menu in at most about 100 px
        // (besides the line that asks for a first touch so the ringtone may play, gone at once).
        const bar = await page.locator('#agent-bar').boundingBox();
        const hint = Number(
          await page.evaluate(
            `(() => { const h = document.getElementById('sound-hint'); return h && !h.hidden ? h.getBoundingClientRect().height + 4 : 0; })()`,
          ),
        );
        const height = (bar?.height ?? Infinity) - hint;
        assert.ok(
          height <= 100,
          `the phone's bar in ${name}: ${height} px, ${JSON.stringify(bar)}`,
        );
        for (const id of ['#state-label', '#go-available']) {
          const box = await page.locator(id).boundingBox();
          assert.ok(box && box.x + box.width <= size.width, `${id} usable on a phone in ${name}`);
        }
      }
    }
    await page.setViewportSize(VIEWPORTS[0]!);
    assert.deepEqual(await axeViolations(page), [], `accessibility of ${name}`);
  }

  before(async () => {
    stack = await startStack();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: VIEWPORTS[0], bypassCSP: true });
    await context.addInitScript(STUBS);
    page = await context.newPage();
    await page.goto(`${stack.url}/`);
    await page.getByRole('button', { name: 'Connect to WxCC' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByLabel('Dial number or extension').fill('+14155550501');
    await page.getByRole('button', { name: 'Agent Login' }).click();
    await page.getByRole('button', { name: 'Go Available' }).click();
    await page.locator('#state-label.state-available').waitFor();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('when an offer arrives while the tab is hidden, then it rings after an interaction, notifies and flashes the title, and all stop on answer', async () => {
    await page.reload(); // a page nobody has touched yet
    const title = await page.title();
    const id = await placeCall(stack, ALICE, { customerName: 'Ada Lovelace' });
    await inState('Ringing');
    assert.equal(await audioState(), 'none', 'no sound before the agent interacted');
    assert.equal(await page.locator('#sound-hint').isVisible(), true, 'says how to enable sound');
    await page.waitForFunction(`document.title === 'Ringing: Ada Lovelace'`, undefined, {
      timeout: 10000,
    });
    assert.equal(await page.evaluate('window.__asked'), 0, 'permission is never asked on load');
    assert.match(
      await page.locator('#bar-ring').innerText(),
      /Ada Lovelace · rings out in \d+:\d\d/,
    );

    // The visible control asks; it is an interaction too, so the ringtone starts.
    await page.locator('#notify-enable').click();
    await page.waitForFunction('window.__notes.length === 1', undefined, { timeout: 10000 });
    assert.equal(await page.evaluate('window.__notes[0].title'), 'Incoming call: Ada Lovelace');
    await page.waitForFunction('window.__audio[0] && window.__audio[0].state === "running"');
    assert.equal(await page.locator('#sound-hint').isVisible(), false);

    await answer(stack, ALICE, id);
    await inState('Connected');
    await page.waitForFunction('window.__audio[0].state === "suspended"', undefined, {
      timeout: 10000,
    });
    assert.equal(await page.evaluate('window.__notes[0].closed'), true, 'notification closed');
    assert.equal(await page.title(), title, 'the title is itself again');
    assert.equal(await page.locator('#bar-ring').count(), 0);
    assert.match(await page.locator('#state-label').innerText(), /Available · On a call/);

    // Muted, the next offer is silent, and the choice survives a reload.
    await page.locator('#ring-mute').click();
    await page.reload();
    assert.equal(await page.locator('#ring-mute').getAttribute('aria-pressed'), 'true');
    await page.locator('#ring-mute').click();
    assert.equal(await page.locator('#ring-mute').getAttribute('aria-pressed'), 'false');
    await hangUp(stack, id);
    await page.getByLabel('Wrap-up reason').waitFor();
    await page.getByRole('button', { name: 'Wrap up' }).click();
    await page.getByText('No customer contact right now').waitFor();
  });

  it('when a call is worked with the keyboard, then each shortcut acts, focus lands on the next control, and the controls stay in view in every state', async () => {
    await page.evaluate('window.__hidden = false');
    await inView('00-no-contact', ['#go-idle'], '#contacts-title');
    const id = await placeCall(stack, ALICE, { cad: { accountNumber: '12345' } });
    await inState('Ringing');
    await inView('01-offered', ['#contacts .contact-ring']);
    assert.match(await page.locator('#contacts').innerText(), /Account number/);
    await page.keyboard.press('Alt+Shift+KeyA');
    assert.match(await active(), /^contact-.*-title$/, 'answer goes to the ringing call');
    await page
      .locator('#note-live')
      .getByText(/Answer on your phone/)
      .waitFor();

    await answer(stack, ALICE, id);
    await inState('Connected');
    await inView('02-connected', ['[id$="-hold"]', '[id$="-end"]']);
    // Talk time counts from the answer, not the offer.
    assert.match(await page.locator('#contacts .contact-clock').innerText(), /Talk time 0:0\d/);

    await page.keyboard.press('Alt+Shift+KeyH');
    await inState('On hold');
    assert.match(await active(), /-resume$/, 'after Hold, focus is on Resume');
    assert.match(await page.locator('#contacts .contact-clock').innerText(), /On hold for 0:0\d/);
    await inView('03-held', ['[id$="-resume"]']);

    await page.keyboard.press('Alt+Shift+KeyH');
    await inState('Connected');
    assert.match(await active(), /-hold$/, 'after Resume, focus is on Hold');

    await page.keyboard.press('Alt+Shift+KeyE');
    await page.getByLabel('Wrap-up reason').waitFor();
    assert.match(await active(), /-wrapup-code$/, 'after End, focus is on the wrap-up reason');
    assert.match(await page.locator('#state-label').innerText(), /In wrap-up/);
    await inView('04-wrap-up', ['[id$="-wrapup"]']);

    await page.keyboard.press('Alt+Shift+KeyW');
    await page.getByText('No customer contact right now').waitFor();
    assert.equal(await active(), 'go-idle', 'after Wrap up (Available already), Go Idle');

    await page.keyboard.press('Alt+Shift+KeyI');
    await page.locator('#state-label.state-idle').waitFor();
    assert.equal(await active(), 'go-available', 'after Go Idle, Go Available');
    await page.keyboard.press('Alt+Shift+KeyV');
    await page.locator('#state-label.state-available').waitFor();
    assert.equal(await active(), 'go-idle', 'after Go Available, Go Idle');

    // A live update: the customer hangs up while the agent is on Hold.
    const second = await placeCall(stack, ALICE);
    await inState('Ringing');
    await answer(stack, ALICE, second);
    await inState('Connected');
    await page.locator('[id$="-hold"]').focus();
    await hangUp(stack, second);
    await page.getByLabel('Wrap-up reason').waitFor();
    await page.waitForFunction(`/-wrapup-code$/.test(document.activeElement.id)`, undefined, {
      timeout: 10000,
    });
    await page.keyboard.press('Alt+Shift+KeyW');
    await page.getByText('No customer contact right now').waitFor();

    // "?" lists them; not while typing in a field.
    await page.locator('#auxCodeId').focus();
    await page.keyboard.press('Shift+Slash');
    assert.equal(await page.locator('#shortcuts').isVisible(), false, 'not from a field');
    await page.locator('#go-idle').focus();
    await page.keyboard.press('Shift+Slash');
    assert.equal(await page.locator('#shortcuts').isVisible(), true);
    await page.screenshot({ path: screenshotPath('workspace-05-shortcuts') });
    assert.deepEqual(await axeViolations(page), [], 'the shortcuts dialog is accessible');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#shortcuts').isVisible(), false);
  });

  it('when the agent consults and dials out, then those controls are in view too', async () => {
    await availableAgent(stack, BRUNO, '+14155550502');
    const id = await placeCall(stack, ALICE);
    await inState('Ringing');
    await answer(stack, ALICE, id);
    await inState('Connected');
    // The buddy list has Bruno once a fresh view asks for it again: the desktop keeps an agent's
    // buddy list 20 s (contacts/buddy-list.ts), and an earlier call in this file read it without him.
    const bruno = page.locator(`option[value="agent:${BRUNO}"]`);
    const until = Date.now() + 25_000;
    while ((await bruno.count()) === 0 && Date.now() < until) {
      await page.waitForTimeout(1000);
      await page.reload();
    }
    await page.getByLabel('Consult').selectOption(`agent:${BRUNO}`);
    await page.getByRole('button', { name: 'Consult', exact: true }).click();
    await inState('Consulting');
    await inView('06-consulting', ['[id$="-consult-end"]']);
    await answer(stack, BRUNO, id);
    await page.getByRole('button', { name: 'Conference' }).click();
    await inState('Conference');
    await inView('07-conference', ['[id$="-conference-exit"]']);
    await page.getByRole('button', { name: 'Leave conference' }).click();
    await page.getByRole('button', { name: 'Wrap up' }).click();
    await page.getByText('No customer contact right now').waitFor();
    await page.getByLabel('Call a customer').fill('+1 415 555 0177');
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await inState('Ringing');
    await inView('08-outdial-ringing', ['[id$="-end"]']);
    await answer(stack, ALICE);
    await inState('Connected');
    await page.getByRole('button', { name: 'End call' }).click();
    await page.getByRole('button', { name: 'Wrap up' }).click();
    await page.getByText('No customer contact right now').waitFor();
  });

  it('when the page stream and then the WxCC socket drop, then the bar says so and shows the recovery', async () => {
    // The page through a TCP proxy the test can cut (cookies ignore the port: same sign-in).
    const proxy = await tcpProxy(new URL(stack.url).port);
    try {
      await page.goto(`http://127.0.0.1:${proxy.port}/`);
      const stream = page.locator('#stream-badge');
      await page.locator('#stream-badge[data-status="connected"]').waitFor();
      proxy.cut(true);
      await page.locator('#stream-badge[data-status="reconnecting"]').waitFor({ timeout: 15000 });
      assert.match(await stream.innerText(), /Live updates: reconnecting for \d+:\d\d/);
      await page.screenshot({ path: screenshotPath('workspace-09-stream-reconnecting') });
      proxy.cut(false);
      await page.locator('#stream-badge[data-status="recovered"]').waitFor({ timeout: 10000 });
      assert.match(await stream.innerText(), /Live updates: back/);
    } finally {
      await proxy.close();
    }
    await page.goto(`${stack.url}/`);

    // The socket's reconnects are refused a few times (backoff 0.5 + 1 + 2 + 4 s): the bar shows
    // the gap, then the recovery. Every text the badge shows is recorded in the page, so a loaded
    // machine that renders the gap late cannot make the test miss it.
    await page.evaluate(`(() => {
      const seen = (window.wxccSeen = []);
      const record = () => {
        const now = document.getElementById('wxcc-badge');
        if (now) seen.push((now.dataset.status || '') + '|' + now.innerText);
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true, childList: true, attributes: true, characterData: true,
      });
    })()`);
    await stack.control.fault({ target: 'subscribe', kind: 'status', status: 503, count: 4 });
    await stack.control.supervisor(ALICE, 'drop-websocket');
    const wxcc = page.locator('#wxcc-badge');
    await page.locator('#wxcc-badge[data-status="reconnecting"]').waitFor({ timeout: 15000 });
    await page.screenshot({ path: screenshotPath('workspace-10-wxcc-reconnecting') });
    assert.deepEqual(await axeViolations(page), [], 'accessible while reconnecting');
    await page.locator('#wxcc-badge[data-status="recovered"]').waitFor({ timeout: 30000 });
    assert.match(await wxcc.innerText(), /WxCC: connected again/);
    const seen = (await page.evaluate('window.wxccSeen')) as string[];
    assert.ok(
      seen.some((s) => /^reconnecting\|WxCC: reconnecting for \d+:\d\d/.test(s)),
      `the gap was shown with its length: ${seen.join(' / ')}`,
    );
    await stack.control.clearFaults();
    // Nothing else happens: the badge settles to plain "connected" by itself, without a push.
    await page.locator('#wxcc-badge[data-status="connected"]').waitFor({ timeout: 30000 });
    assert.equal(await wxcc.innerText(), 'WxCC: connected');
  });
  it('when an offer rings out, is declined or is taken by another desktop, then the ringtone, the notification and the flashing title all stop', async () => {
    // A hidden tab whose agent allowed notifications and has touched the page.
    await page.evaluate(`sessionStorage.setItem('perm', 'granted'); window.__hidden = true`);
    await page.goto(`${stack.url}/`);
    await page.locator('#state-label').waitFor();
    const title = await page.title();
    await page.keyboard.press('Shift'); // an interaction: the ringtone may play
    let notes = 0;
    const alerting = async (expected?: string) => {
      await page.waitForFunction(`document.querySelector('[data-offer]')`, undefined, {
        timeout: 10000,
      });
      const caller = String(await page.locator('[data-offer]').getAttribute('data-caller'));
      if (expected !== undefined) assert.equal(caller, expected);
      await page.waitForFunction(
        `window.__audio[0] && window.__audio[0].state === 'running' && window.__notes.length === ${notes + 1}`,
        undefined,
        { timeout: 10000 },
      );
      assert.equal(
        await page.evaluate(`window.__notes[${notes}].title`),
        `Incoming call: ${caller}`,
      );
      await page.waitForFunction(`document.title === 'Ringing: ${caller}'`, undefined, {
        timeout: 10000,
      });
    };
    const silent = async (why: string) => {
      await page.waitForFunction(
        `window.__audio[0].state === 'suspended' && window.__notes[${notes}].closed === true`,
        undefined,
        { timeout: 10000 },
      );
      assert.equal(await page.title(), title, `the title is itself again after ${why}`);
      assert.equal(await page.locator('#bar-ring').count(), 0, `no ring in the bar after ${why}`);
      notes += 1;
    };
    const available = async () => {
      await page.locator('#go-available:not([disabled])').click();
      await page.locator('#state-label.state-available').waitFor();
      // A new page after the post: its own notifications, and a first interaction again.
      notes = 0;
      await page.keyboard.press('Shift');
    };

    // Rings out (RONA): WxCC makes the agent Idle.
    const missed = await placeCall(stack, ALICE, { customerName: 'Rona Ring' });
    await alerting('Rona Ring');
    await stack.control.supervisor(ALICE, 'ring-out', { interactionId: missed });
    await silent('a ring-out');
    await page.screenshot({ path: screenshotPath('workspace-11-rang-out') });
    await available();

    // Declined: Bruno consults Alice on his call (an earlier test may have left him one), and
    // Alice declines on her phone.
    const bruno = await availableAgent(stack, BRUNO, '+14155550502');
    if (!/-consult-target/.test(bruno.page.text)) {
      await connectCall(stack, bruno, { customerName: 'Dee Clined' });
    }
    // Bruno's buddy list is kept 20 s (contacts/buddy-list.ts): he sees Alice once it is read again.
    await pageUntil(bruno, stack, new RegExp(`value="agent:${ALICE}"`), 25_000);
    await contactAction(bruno, /\/consult$/, { target: `agent:${ALICE}` });
    await alerting();
    await stack.control.supervisor(ALICE, 'decline', {});
    await silent('a decline');
    await pageUntil(bruno, stack, /other agent declined/);

    // Taken by another desktop while it rings: this page falls silent, offering only the way back.
    const elsewhere = await placeCall(stack, ALICE, {
      customerName: 'Else Where',
      ronaTimeoutSec: 120,
    });
    await alerting('Else Where');
    await stack.control.supervisor(ALICE, 'multi-login');
    await page.locator('#taken-over').waitFor({ timeout: 10000 });
    await silent('a take-over');
    await page.screenshot({ path: screenshotPath('workspace-12-taken-over-while-ringing') });
    await page.locator('#take-back').click();
    await page.locator('#taken-over').waitFor({ state: 'detached', timeout: 10000 });
    await page.screenshot({ path: screenshotPath('workspace-13-taken-back') });
    // Back here, the offer still rings here (it rang on through the take-over): let it ring out.
    await stack.control.supervisor(ALICE, 'ring-out', { interactionId: elsewhere });
    await page.getByText('No customer contact right now').waitFor({ timeout: 15000 });
    await page.evaluate('window.__hidden = false');
  });

  it('when an offer arrives after the page is drawn but before its live stream opens, then it shows at once', async () => {
    // The test before leaves the agent Idle (a ring-out); run alone, Available already.
    const goAvailable = page.getByRole('button', { name: 'Go Available' });
    if (await goAvailable.isEnabled()) await goAvailable.click();
    await page.locator('#state-label.state-available').waitFor();
    // The page's stream is held back until the desktop has heard the offer: the narrow gap between
    // a page load (after any click that posts a form) and its EventSource, made wide.
    let release: () => void = () => undefined;
    const heard = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/events*', async (route) => {
      await heard;
      await route.continue();
    });
    try {
      await page.reload();
      assert.equal(await page.locator('#contacts .contact-state').count(), 0, 'drawn before');
      const id = await placeCall(stack, ALICE, { customerName: 'Gap Offer' });
      const until = Date.now() + 10_000;
      while (!/Gap Offer/.test(await (await page.request.get(`${stack.url}/`)).text())) {
        assert.ok(Date.now() < until, 'the desktop heard the offer');
        await page.waitForTimeout(50);
      }
      release();
      await page
        .locator('#contacts .contact-state', { hasText: /^Ringing$/ })
        .waitFor({ timeout: 5000 });
      assert.match(await page.locator('#contacts').innerText(), /Gap Offer/);
      await stack.control.supervisor(ALICE, 'ring-out', { interactionId: id });
      await page.getByText('No customer contact right now').waitFor({ timeout: 15000 });
    } finally {
      release();
      await page.unroute('**/events*');
    }
  });

  it('when an offer arrives while the agent is on the directory page, then the desktop brings them to the agent page, where it rings', async () => {
    // The test before leaves the agent Idle (a ring-out); run alone, Available already.
    const goAvailable = page.getByRole('button', { name: 'Go Available' });
    if (await goAvailable.isEnabled()) await goAvailable.click();
    await page.locator('#state-label.state-available').waitFor();
    const streamOpen = page.waitForResponse((r) => r.url().includes('/events'));
    await page.goto(`${stack.url}/directory`);
    await streamOpen;
    assert.equal(await page.locator('body').getAttribute('data-page'), 'directory');
    const id = await placeCall(stack, ALICE, { customerName: 'Directory Offer' });
    await page.waitForURL(`${stack.url}/`, { timeout: 10_000 });
    await page
      .locator('#contacts .contact-state', { hasText: /^Ringing$/ })
      .waitFor({ timeout: 5000 });
    assert.match(await page.locator('#contacts').innerText(), /Directory Offer/);
    await stack.control.supervisor(ALICE, 'ring-out', { interactionId: id });
    await page.getByText('No customer contact right now').waitFor({ timeout: 15000 });
  });
});
