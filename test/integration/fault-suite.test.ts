// Every upstream fault during Agent Login, state change and Agent Logout: the page, the log, the session.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpBrowser, formFields, type Page } from '../helpers/http-browser';
import { connect, startStack, submit, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

/** One fault the sandbox can inject, what the agent must read, and the error code logged. */
interface FaultCase {
  name: string;
  fault: { kind: string; status?: number; retryAfterSec?: number };
  message: RegExp;
  code: string;
}

const FAULTS: FaultCase[] = [
  {
    name: 'a 500',
    fault: { kind: 'status', status: 500 },
    message: /Webex Contact Center is having trouble right now\. Please try again in a moment\./,
    code: 'upstream_unavailable',
  },
  {
    name: 'a 503',
    fault: { kind: 'status', status: 503 },
    message: /Webex Contact Center is having trouble right now\. Please try again in a moment\./,
    code: 'upstream_unavailable',
  },
  {
    name: 'a timeout',
    fault: { kind: 'timeout' },
    message: /Webex Contact Center did not answer in time\. Please try again\./,
    code: 'upstream_timeout',
  },
  {
    name: 'a connection reset',
    fault: { kind: 'reset' },
    message: /The desktop could not reach Webex Contact Center\. Check the network and try again\./,
    code: 'upstream_unreachable',
  },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformed' },
    message: /Webex Contact Center sent an answer the desktop could not read\. Please try again\./,
    code: 'upstream_malformed',
  },
  {
    name: 'a 429 with Retry-After',
    fault: { kind: 'rate_limit', retryAfterSec: 7 },
    message: /Webex Contact Center is busy\. Please try again in 7 seconds\./,
    code: 'upstream_unavailable',
  },
];

type Start = 'logged out' | 'Idle' | 'Available';

/** One agent action: where it starts, which form it posts, and what success says. */
interface ActionCase {
  name: string;
  target: 'login' | 'state' | 'logout';
  upstreamPath: string;
  start: Start;
  form: RegExp;
  button?: string;
  success: RegExp;
  agentIndex: number;
  dialNumber: string;
}

const ACTIONS: ActionCase[] = [
  {
    name: 'Agent Login',
    target: 'login',
    upstreamPath: '/v1/agents/login',
    start: 'logged out',
    form: /\/station\/login/,
    success: /You are logged in to your station/,
    agentIndex: 0,
    dialNumber: '+14155550301',
  },
  {
    name: 'going Available',
    target: 'state',
    upstreamPath: '/v1/agents/session/state',
    start: 'Idle',
    form: /\/station\/state/,
    button: 'Go Available',
    success: /You are Available/,
    agentIndex: 1,
    dialNumber: '+14155550302',
  },
  {
    name: 'going Idle',
    target: 'state',
    upstreamPath: '/v1/agents/session/state',
    start: 'Available',
    form: /\/station\/state/,
    button: 'Go Idle',
    success: /You are Idle/,
    agentIndex: 2,
    // Chiara is on a UK dial plan.
    dialNumber: '+442079460303',
  },
  {
    name: 'Agent Logout',
    target: 'logout',
    upstreamPath: '/v1/agents/logout',
    start: 'Idle',
    form: /\/station\/logout/,
    success: /You are logged out of your station/,
    agentIndex: 3,
    // Dmitri must use his provisioned number.
    dialNumber: '+4930901820104',
  },
];

interface LogLine {
  level: string;
  msg: string;
  url?: string;
  error?: string;
  err?: { code?: string };
}

describe('fault suite: faults during login, state change and logout', () => {
  let stack: Stack;
  let agentIds: string[];
  const browsers = new Map<string, HttpBrowser>();
  const secrets = new Set<string>();

  before(async () => {
    stack = await startStack();
    agentIds = (await stack.control.agents()).map((a) => a.id);
    assert.ok(agentIds.length >= ACTIONS.length, 'the seed has an agent per action');
    for (const action of ACTIONS) {
      const browser = new HttpBrowser();
      await connect(browser, stack, { agentId: agentIds[action.agentIndex] });
      browsers.set(action.name, browser);
    }
    secrets.add(stack.config.webex.clientSecret);
  });
  after(() => stack.close());

  for (const action of ACTIONS) {
    for (const fault of FAULTS) {
      it(`when ${action.name} meets ${fault.name}, then the page explains it, nothing changes, and a retry succeeds`, async () => {
        // arrange
        const browser = browsers.get(action.name)!;
        const agentId = agentIds[action.agentIndex]!;
        const ready = await arrange(stack, browser, action);
        const viewBefore = stationView(ready);
        const truthBefore = await sandboxTruth(stack, agentId);
        await stack.control.clearRequests();
        const mark = stack.logs.length;
        await stack.control.fault({ target: action.target, ...fault.fault });

        // act
        const started = Date.now();
        const { redirect, page } = await post(browser, ready, action);

        // assert: a readable page at once, via post/redirect/get
        assert.ok(Date.now() - started < 5000, 'nothing hangs');
        assert.equal(redirect.status, 303);
        if (fault.fault.kind === 'rate_limit')
          assert.equal(redirect.headers.get('retry-after'), '7');
        assert.equal(page.status, 200);
        assert.match(page.text, fault.message);
        assert.doesNotMatch(
          page.text,
          /"error"|\bat \S+\.ts:\d+|AppError|AxiosError/,
          'no raw error',
        );

        // assert: the unsafe call was sent once, never repeated behind the agent's back
        const calls = (await stack.control.requests()).filter((r) => r.target === action.target);
        assert.equal(calls.length, 1, 'a call that is not safe to repeat is not retried');
        for (const r of await stack.control.requests()) if (r.bearer) secrets.add(r.bearer);

        // assert: still connected, same station, same truth at WxCC
        const again = await browser.get(`${stack.url}/`);
        assert.equal(again.status, 200);
        assert.equal(stationView(again), viewBefore);
        assert.deepEqual(await sandboxTruth(stack, agentId), truthBefore);

        // assert: the log names the failure, and no secret
        const lines = stack.logs.slice(mark).map((l) => JSON.parse(l) as LogLine);
        const upstream = lines.find(
          (l) => l.msg === 'upstream call' && l.url?.endsWith(action.upstreamPath),
        );
        assert.ok(upstream, 'the upstream call is logged');
        const warned = lines.find(
          (l) =>
            (l.level === 'warn' || l.level === 'error') &&
            (l.err?.code === fault.code || (l.msg === 'upstream call' && l.error === fault.code)),
        );
        assert.ok(warned, `a warn or error line carries ${fault.code}`);
        assertNoSecretIn(stack.logs, secrets);

        // assert: once the fault has cleared, the same action succeeds
        const retried = await submit(browser, again, action.form, overrides(action), action.button);
        assert.match(retried.text, action.success);
      });
    }
  }
});

describe('fault suite: faults on calls that are safe to repeat', () => {
  let stack: Stack;
  let agentIds: string[];
  before(async () => {
    stack = await startStack();
    agentIds = (await stack.control.agents()).map((a) => a.id);
  });
  after(() => stack.close());

  /** A new browser for an agent this app holds no socket, snapshot or directory for. */
  async function connectFresh(agentIndex: number, fault: Parameters<Stack['control']['fault']>[0]) {
    const agentId = agentIds[agentIndex]!;
    stack.services.station.release(agentId);
    stack.services.directory.forget(agentId);
    await stack.control.clearFaults();
    await stack.control.clearRequests();
    await stack.control.fault(fault);
    const browser = new HttpBrowser();
    const started = Date.now();
    const page = await connect(browser, stack, { agentId });
    const elapsedMs = Date.now() - started;
    const requests = await stack.control.requests();
    return { browser, page, elapsedMs, requests };
  }

  const retriedOnce = [
    { target: 'reload', success: 202 },
    { target: 'people', success: 200 },
    { target: 'subscribe', success: 200 },
  ];
  for (const { target, success } of retriedOnce) {
    it(`when ${target} answers 503 once, then it is retried and the agent notices nothing`, async () => {
      const { page, requests } = await connectFresh(0, { target, kind: 'status', status: 503 });
      assertNormalStationPage(page);
      const statuses = requests.filter((r) => r.target === target).map((r) => r.status);
      assert.deepEqual(statuses, [503, success]);
    });
  }

  it('when the configuration API answers 503 once, then it is retried and the lists are there', async () => {
    const { page, requests } = await connectFresh(1, {
      target: 'config',
      kind: 'status',
      status: 503,
    });
    assertNormalStationPage(page);
    assert.match(page.text, /<select id="teamId"/, 'the team list was loaded');
    const config = requests.filter((r) => r.target === 'config');
    assert.equal(config[0]?.status, 503);
    const repeats = config.filter((r) => r.path === config[0]?.path).map((r) => r.status);
    assert.deepEqual(repeats, [503, 200]);
  });

  it('when reload answers 429 with a short Retry-After, then it waits that long and retries', async () => {
    const { page, requests } = await connectFresh(2, {
      target: 'reload',
      kind: 'rate_limit',
      retryAfterSec: 1,
    });
    assertNormalStationPage(page);
    const reloads = requests.filter((r) => r.target === 'reload');
    assert.deepEqual(
      reloads.map((r) => r.status),
      [429, 202],
    );
    assert.ok(reloads[1]!.at - reloads[0]!.at >= 900, 'the retry honoured Retry-After');
  });

  it('when reload answers 429 with a long Retry-After, then it is not retried and the page says when to try', async () => {
    const { page, requests } = await connectFresh(2, {
      target: 'reload',
      kind: 'rate_limit',
      retryAfterSec: 30,
    });
    assert.equal(page.status, 200);
    assert.match(page.text, /Webex Contact Center is busy\. Please try again in 30 seconds\./);
    assert.equal(requests.filter((r) => r.target === 'reload').length, 1);
  });

  it('when reload times out, then it is not retried and the page says so in time', async () => {
    const { page, elapsedMs, requests } = await connectFresh(3, {
      target: 'reload',
      kind: 'timeout',
    });
    assert.equal(page.status, 200);
    assert.match(page.text, /Webex Contact Center did not answer in time/);
    assert.ok(elapsedMs < 5000, 'one timeout, not two');
    assert.equal(requests.filter((r) => r.target === 'reload').length, 1);
  });

  it('when reload fails twice, then the station page says why, and the next view recovers', async () => {
    const { browser, page, requests } = await connectFresh(0, {
      target: 'reload',
      kind: 'status',
      status: 503,
      count: 2,
    });
    assert.equal(page.status, 200);
    assert.match(page.text, /Log in to your station/);
    assert.match(page.text, /Webex Contact Center is having trouble right now/);
    assert.equal(requests.filter((r) => r.target === 'reload').length, 2, 'one retry, no more');
    const later = await browser.get(`${stack.url}/`);
    assertNormalStationPage(later);
  });

  it('when people/me fails twice during Connect, then Connect is offered again with a message', async () => {
    const { page, requests } = await connectFresh(1, {
      target: 'people',
      kind: 'status',
      status: 503,
      count: 2,
    });
    assert.equal(page.status, 200);
    assert.match(page.text, /Webex is having trouble right now/);
    assert.match(page.text, /Connect to WxCC/);
    assert.equal(requests.filter((r) => r.target === 'people').length, 2);
  });

  it('when the configuration API fails twice, then the form works from defaults and says why', async () => {
    const { page } = await connectFresh(2, {
      target: 'config',
      kind: 'status',
      status: 503,
      count: 2,
    });
    assert.equal(page.status, 200);
    assert.match(page.text, /Agent Login/);
    assert.match(page.text, /could not be loaded from Webex Contact Center right now/);
  });
});

describe('fault suite: the notification websocket drops during an action', () => {
  let stack: Stack;
  let agentIds: string[];
  before(async () => {
    // Outcome events arrive 300 ms after the 202, so the drop can land in between.
    stack = await startStack({ sandbox: { eventDelayMs: 300 } });
    agentIds = (await stack.control.agents()).map((a) => a.id);
  });
  after(() => stack.close());

  const timings = [
    { name: 'while the outcome is on its way', dropAfterMs: 100 },
    { name: 'just before the action', dropAfterMs: 0 },
  ];
  for (const [index, timing] of timings.entries()) {
    it(`when the websocket drops ${timing.name}, then the outcome arrives or is said to be pending, and the page catches up`, async () => {
      // arrange
      const agentId = agentIds[index]!;
      const browser = new HttpBrowser();
      const station = await connect(browser, stack, { agentId });
      const loggedIn = await submit(browser, station, /\/station\/login/, {
        dialNumber: `+1415555031${index}`,
      });
      assert.match(loggedIn.text, /You are logged in to your station/);

      // act
      const drop = async () => {
        if (timing.dropAfterMs > 0) await new Promise((r) => setTimeout(r, timing.dropAfterMs));
        return stack.control.supervisor(agentId, 'drop-websocket');
      };
      const started = Date.now();
      const [page] = await Promise.all([
        submit(browser, loggedIn, /\/station\/state/, {}, 'Go Available'),
        drop(),
      ]);

      // assert
      assert.ok(Date.now() - started < 5000, 'nothing hangs');
      assert.equal(page.status, 200);
      assert.match(page.text, /You are Available|has not confirmed it yet/);
      await waitFor(
        async () => /state-available/.test((await browser.get(`${stack.url}/`)).text),
        5000,
      );
      const session = (await stack.control.agents()).find((a) => a.id === agentId)?.session;
      assert.equal((session as { subStatus?: string } | null)?.subStatus, 'Available');
      await waitFor(async () => stack.services.station.stats().open >= 1, 5000);
      await submit(browser, await browser.get(`${stack.url}/`), /\/station\/logout/);
    });
  }

  it('when the websocket drops and the agent acts at once, then one new socket serves the action and no second reconnect replaces it', async () => {
    // arrange
    const agentId = agentIds[2]!;
    const browser = new HttpBrowser();
    const station = await connect(browser, stack, { agentId });
    const loggedIn = await submit(browser, station, /\/station\/login/, {
      // Chiara is on a UK dial plan.
      dialNumber: '+442079460319',
    });
    await stack.control.clearRequests();

    // act
    await stack.control.supervisor(agentId, 'drop-websocket');
    await submit(browser, loggedIn, /\/station\/state/, {}, 'Go Available');
    // Longer than the first reconnect backoff (at most 500 ms), so a stray reconnect shows up.
    await new Promise((r) => setTimeout(r, 1200));

    // assert: the action's own start() reopened the socket; the reconnect timer must not also fire,
    // or it tears down that socket and an outcome event in flight is lost.
    const subscribes = (await stack.control.requests()).filter((r) => r.target === 'subscribe');
    assert.equal(subscribes.length, 1, 'one subscribe after the drop, not two');
    await submit(browser, await browser.get(`${stack.url}/`), /\/station\/logout/);
  });
});

/** Brings the agent to where the action starts, from wherever the previous case left it. */
async function arrange(stack: Stack, browser: HttpBrowser, action: ActionCase): Promise<Page> {
  let page = await browser.get(`${stack.url}/`);
  if (action.start === 'logged out') {
    if (isAgentPage(page)) page = await submit(browser, page, /\/station\/logout/);
    assert.equal(stationView(page), 'station form');
    return page;
  }
  if (!isAgentPage(page)) {
    page = await submit(browser, page, /\/station\/login/, { dialNumber: action.dialNumber });
  }
  const available = /state-available/.test(page.text);
  if (action.start === 'Available' && !available) {
    page = await submit(browser, page, /\/station\/state/, {}, 'Go Available');
  }
  if (action.start === 'Idle' && available) {
    page = await submit(browser, page, /\/station\/state/, {}, 'Go Idle');
  }
  assert.ok(isAgentPage(page), `the agent is logged in: ${stationView(page)}`);
  assert.equal(/state-available/.test(page.text), action.start === 'Available');
  return page;
}

function overrides(action: ActionCase): Record<string, string> {
  return action.target === 'login' ? { dialNumber: action.dialNumber } : {};
}

/** Posts the action's form; keeps the redirect (its headers) and the page it leads to. */
async function post(browser: HttpBrowser, page: Page, action: ActionCase) {
  const { action: path, fields } = formFields(page.text, action.form, action.button);
  const redirect = await browser.post(new URL(path, page.url).toString(), {
    ...fields,
    ...overrides(action),
  });
  return { redirect, page: await browser.follow(redirect) };
}

function isAgentPage(page: Page): boolean {
  return /id="agent-title"/.test(page.text);
}

/** What the page says about the station, without flash messages, times or tokens. */
function stationView(page: Page): string {
  if (isAgentPage(page)) {
    const state = page.text.match(/id="state-label">([^<]*)</)?.[1];
    const device = page.text.match(/<dt>Device<\/dt><dd>([^<]*)<\/dd>/)?.[1];
    assert.ok(state && device, 'the agent page shows a state and a device');
    return `logged in: ${state} on ${device}`;
  }
  if (/id="station-title"/.test(page.text)) return 'station form';
  if (/Connect to WxCC/.test(page.text)) return 'connect';
  return `unknown page ${page.status}`;
}

/** The agent's station as the sandbox (WxCC) holds it. */
async function sandboxTruth(stack: Stack, agentId: string) {
  const agent = (await stack.control.agents()).find((a) => a.id === agentId);
  const session = agent?.session as
    { dn: string; subStatus: string; auxCodeId: string; agentSessionId: string } | null | undefined;
  return session
    ? {
        dn: session.dn,
        subStatus: session.subStatus,
        auxCodeId: session.auxCodeId,
        agentSessionId: session.agentSessionId,
      }
    : null;
}

function assertNormalStationPage(page: Page): void {
  assert.equal(page.status, 200);
  assert.match(page.text, /Log in to your station/);
  assert.doesNotMatch(page.text, /role="alert"/, 'no problem is shown');
  assert.doesNotMatch(page.text, /id="directory-problem"/);
  assert.doesNotMatch(page.text, /Checking your station/);
}

function assertNoSecretIn(logs: readonly string[], secrets: ReadonlySet<string>): void {
  const text = logs.join('');
  for (const secret of secrets) assert.ok(!text.includes(secret), 'a token leaked into the log');
}
