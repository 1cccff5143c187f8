// The agent's own statistics and recent contacts after a scripted shift through the sandbox, on an
// injected clock: every figure computed by hand here and compared exactly, the same after a restart.
import { formatsFor } from '../../src/i18n/format';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultSeed } from 'wxcc-sandbox';
import { createSecureStore } from '../../src/secure-store';
import { createSessionStore } from '../../src/session-store';
import { chartRows, recentLines, section, statisticsFigures } from '../helpers/agent-tools';
import {
  ALICE,
  SUPPORT_QUEUE,
  answer,
  availableAgent,
  contactAction,
  hangUp,
  pageUntil,
  placeCall,
  statusText,
  type SignedInAgent,
} from '../helpers/contacts';
import { inputValue } from '../helpers/http-browser';
import { startStack, type Stack } from '../helpers/stack';

const SECRET = { SESSION_SECRET: 'a-long-enough-secret-for-the-statistics-tests-0123' };
const ZONE = 'Asia/Kolkata';
const LUNCH = 'AXZq7L0KgHvT2JNFiA-g';
/** 09:00 in Kolkata (UTC+05:30) on 15 January 2030: the shift starts here. */
const START = Date.UTC(2030, 0, 15, 3, 30);
const S = 1000;
const MIN = 60 * S;

/** "4 min 18 sec" as the panel writes whole seconds in English (Intl, src/i18n/format.ts). */
function words(ms: number): string {
  return formatsFor('en').duration(Math.round(ms / 1000));
}

describe("the agent's own statistics after a scripted shift", () => {
  let clock = START;
  const now = () => clock;
  const advance = (ms: number) => void (clock += ms);
  let stack: Stack;
  let alice: SignedInAgent;
  const seed = { ...defaultSeed, organization: { ...defaultSeed.organization, timezone: ZONE } };

  before(async () => {
    const sessions = await createSessionStore({ kind: 'memory' });
    const secure = await createSecureStore({ kind: 'memory' });
    stack = await startStack({ env: SECRET, sessions, secure, now, sandbox: { seed } });
    alice = await availableAgent(stack, ALICE, '+14155550391');
  });
  after(async () => {
    await stack.close();
    // After the restart the stack borrows the first one's sandbox, which its close() leaves open.
    await stack.sandbox.close().catch(() => undefined);
  });

  /** A call rung to Alice at the current time, seen ringing before the clock moves on. */
  async function ring(customerName: string, ani: string): Promise<string> {
    const id = await placeCall(stack, ALICE, { customerName, ani });
    // The card's own state: the page's other texts (the bar's, the scripts') name "Ringing" too.
    await pageUntil(alice, stack, /class="contact contact-offered"/);
    return id;
  }
  async function pickUp(id: string) {
    await answer(stack, ALICE, id);
    await pageUntil(alice, stack, /class="contact contact-connected"/);
  }

  it('when the shift is worked, then every figure is the one computed by hand, and a restart keeps them', async () => {
    // Call 1, Grace: rings 10 s, talk 2 min, hold 30 s, talk 1 min, wrap-up 20 s.
    advance(5 * MIN);
    const grace = await ring('Grace Hopper', '+14085550101');
    advance(10 * S);
    await pickUp(grace);
    advance(2 * MIN);
    await contactAction(alice, /\/hold$/);
    advance(30 * S);
    await contactAction(alice, /\/resume$/);
    advance(1 * MIN);
    await contactAction(alice, /\/end$/);
    advance(20 * S);
    // The form's first reason, sent as chosen; the panel names it as the tenant wrote it.
    assert.match(alice.page.text, /<option value="[^"]+"[^>]*>Resolved<\/option>/);
    await contactAction(alice, /\/wrapup$/);

    // Call 2, Ada: rings 15 s and rings out; WxCC makes Alice Idle (RONA) for 45 s.
    advance(1 * MIN);
    const ada = await ring('Ada Lovelace', '+14085550102');
    advance(15 * S);
    await stack.control.supervisor(ALICE, 'ring-out', { interactionId: ada });
    await pageUntil(alice, stack, /Idle · RONA/);
    advance(45 * S);
    await contactAction(alice, /\/station\/state/, {}, 'Go Available');

    // Call 3, Alan: answered after 5 s, transferred blind to a queue after 1 min, wrap-up 25 s.
    advance(4 * MIN);
    const alan = await ring('Alan Turing', '+14085550103');
    advance(5 * S);
    await pickUp(alan);
    advance(1 * MIN);
    const moved = await contactAction(alice, /\/transfer$/, { target: `queue:${SUPPORT_QUEUE}` });
    assert.match(statusText(moved), /transferred/);
    advance(25 * S);
    await contactAction(alice, /\/wrapup$/);

    // Lunch: 30 min.
    advance(30 * S);
    await contactAction(alice, /\/station\/state/, { auxCodeId: LUNCH }, 'Go Idle');
    advance(30 * MIN);
    await contactAction(alice, /\/station\/state/, {}, 'Go Available');

    // Call 4, Linus: answered after 20 s; talk 4 min, hold 1 min, talk 30 s, hold 30 s, talk
    // 1 min, then the caller hangs up; wrap-up 40 s.
    advance(3 * MIN);
    const linus = await ring('Linus Torvalds', '+14085550104');
    advance(20 * S);
    await pickUp(linus);
    advance(4 * MIN);
    await contactAction(alice, /\/hold$/);
    advance(1 * MIN);
    await contactAction(alice, /\/resume$/);
    advance(30 * S);
    await contactAction(alice, /\/hold$/);
    advance(30 * S);
    await contactAction(alice, /\/resume$/);
    advance(1 * MIN);
    await hangUp(stack, linus);
    await pageUntil(alice, stack, /Wrap-up reason/);
    advance(40 * S);
    await contactAction(alice, /\/wrapup$/);
    advance(2 * MIN);
    assert.equal(clock, START + 60 * MIN, 'the shift ends at 10:00');

    // By hand: answered contacts' handle = talk + hold + wrap-up.
    const answered = [
      { talk: 3 * MIN, hold: 30 * S, wrap: 20 * S }, // Grace
      { talk: 1 * MIN, hold: 0, wrap: 25 * S }, // Alan
      { talk: 5.5 * MIN, hold: 1.5 * MIN, wrap: 40 * S }, // Linus
    ];
    const mean = (pick: (c: (typeof answered)[number]) => number) =>
      answered.reduce((sum, c) => sum + pick(c), 0) / answered.length;
    // Available: 09:00 → 09:10:15 (the RONA), 09:11 → 09:17 (lunch), 09:47 → 10:00 (now).
    const available = 10 * MIN + 15 * S + 6 * MIN + 13 * MIN;
    const expected = {
      Offered: '4',
      Answered: '3',
      'Missed (no answer)': '1',
      Transferred: '1',
      'Outbound calls': '0',
      'Current streak': '2 calls answered in a row',
      'Average handle time': words(mean((c) => c.talk + c.hold + c.wrap)),
      'Average talk time': words(mean((c) => c.talk)),
      'Average hold time': words(mean((c) => c.hold)),
      'Average wrap-up time': words(mean((c) => c.wrap)),
      Available: words(available),
      'Idle · Lunch': words(30 * MIN),
      'Idle · RONA': words(45 * S),
    };
    assert.deepEqual(expected['Average handle time'], '4 min 18 sec');
    const page = await pageUntil(alice, stack, /Your day so far/);
    assert.deepEqual(statisticsFigures(page), expected);
    assert.deepEqual(chartRows(page), [['09:00–10:00', '3', '1']]);
    assert.match(section(page, 'agent-statistics'), /Jan 15, 2030, Asia\/Kolkata time/);

    // Recent contacts: newest first, the missed one marked, each with its outcome and duration.
    const lines = recentLines(page);
    assert.equal(lines.length, 4, lines.join('\n'));
    assert.match(
      lines[0] ?? '',
      /^Linus Torvalds Inbound · 9:58 AM \+14085550104 · Support Queue · Answered · 7 min 40 sec · Wrap-up: /,
    );
    assert.ok(lines[0]?.endsWith('Wrap-up: Resolved'), lines[0]);
    assert.match(lines[1] ?? '', /^Alan Turing Inbound · 9:16 AM .* Transferred · 1 min 25 sec/);
    assert.match(
      lines[2] ?? '',
      /^Ada Lovelace Missed Inbound · 9:10 AM .* Missed: no answer \(RONA\) · 15 sec$/,
    );
    assert.match(lines[3] ?? '', /^Grace Hopper Inbound · 9:09 AM .* Answered · 3 min 50 sec/);

    // A restart of the desktop (the stores kept, as SQLite or Redis keep them): the same figures.
    const { sessions, secure, sandbox } = stack;
    const cookie = alice.browser.cookie(stack.url, 'wxcc_desktop.sid');
    await stack.close({ keepSandbox: true, keepSessions: true });
    stack = await startStack({ env: SECRET, sessions, secure, sandboxInstance: sandbox, now });
    assert.ok(cookie);
    alice.browser.setCookie(stack.url, 'wxcc_desktop.sid', cookie);
    const again = await pageUntil(alice, stack, /Your day so far/);
    assert.deepEqual(statisticsFigures(again), expected);
    assert.deepEqual(recentLines(again), lines);

    // And it goes on counting: a minute more of Available.
    advance(1 * MIN);
    const later = await pageUntil(alice, stack, /Your day so far/);
    assert.equal(statisticsFigures(later).Available, words(available + MIN));
  });

  it('when the agent redials a recent contact, then the outdial use case dials that number', async () => {
    await stack.control.clearRequests();
    const page = await pageUntil(alice, stack, /Recent contacts/);
    const redial = section(page, 'recent-contacts').match(
      /<form method="post" action="\/contacts\/outdial"[\s\S]*?<\/form>/,
    )?.[0];
    assert.ok(redial, 'a Redial button is offered');
    assert.equal(inputValue(redial, 'destination'), '+14085550104');
    assert.ok(inputValue(redial, '_csrf'), 'the redial form carries the CSRF token');
    // The first outdial form of the page is the typed one; the redial is the recent list's.
    const csrf = inputValue(redial, '_csrf') ?? '';
    const posted = await alice.browser.post(`${stack.url}/contacts/outdial`, {
      _csrf: csrf,
      destination: '+14085550104',
    });
    alice.page = await alice.browser.follow(posted);
    assert.match(statusText(alice.page), /Dialling \+14085550104/, statusText(alice.page));
    const sent = (await stack.control.requests()).find((r) => r.path === '/wxcc/v1/tasks');
    assert.equal((sent?.body as Record<string, unknown>).destination, '+14085550104');
    // While the outdial is open, no Redial is offered, and the page says why.
    const busy = await pageUntil(alice, stack, /Outbound call/);
    assert.doesNotMatch(section(busy, 'recent-contacts'), /action="\/contacts\/outdial"/);
    assert.match(section(busy, 'recent-contacts'), /once your current contact is over/);
    await contactAction(alice, /\/end$/);
  });

  it('when the redial is posted without the CSRF token, then nothing is dialled', async () => {
    await stack.control.clearRequests();
    const refused = await alice.browser.post(`${stack.url}/contacts/outdial`, {
      destination: '+14085550104',
    });
    assert.equal(refused.status, 403);
    assert.equal(
      (await stack.control.requests()).filter((r) => r.path === '/wxcc/v1/tasks').length,
      0,
    );
  });
});
