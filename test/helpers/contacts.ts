// Contact test helpers: an agent signed in, logged in and Available, calls placed through the sandbox's control API.
import assert from 'node:assert/strict';
import { HttpBrowser, type Page } from './http-browser';
import { after, afterEach, before, beforeEach } from 'node:test';
import { connect, startStack, submit, type Stack, type StackOptions } from './stack';

export const ALICE = '57ef21f1-50e0-4dd4-988a-c5478b725e00';
export const BRUNO = '3e0543e5-51d4-4d0a-bd5f-b5350352fc7d';
/** Chiara's profile ("Phone Agent") has auto wrap-up after 60 s with extension allowed, no outdial. */
export const CHIARA = '122883f8-f3cf-4e95-b8cd-7a3a1ff47431';
export const SUPPORT_QUEUE = '5a4e1d36-40c5-4f5b-9a0f-8f0e1e6a3b11';

export interface SignedInAgent {
  agentId: string;
  browser: HttpBrowser;
  page: Page;
}

/** Connect → Agent Login → Go Available, as the agent would click it. */
export async function availableAgent(
  stack: Stack,
  agentId: string,
  dialNumber: string,
): Promise<SignedInAgent> {
  const browser = new HttpBrowser();
  const station = await connect(browser, stack, { agentId });
  // The sandbox outlives a test: an agent still logged in from the last one stays so.
  let page = /Agent Logout/.test(station.text)
    ? station
    : await submit(browser, station, /\/station\/login/, { dialNumber });
  assert.match(page.text, /Agent Logout/, 'logged in');
  if (!/state-available/.test(page.text)) {
    page = await submit(browser, page, /\/station\/state/, {}, 'Go Available');
  }
  return { agentId, browser, page };
}

export async function placeCall(
  stack: Stack,
  agentId: string,
  body: Record<string, unknown> = {},
): Promise<string> {
  const placed = (await stack.control.supervisor(agentId, 'call', {
    ani: '+14085550142',
    customerName: 'Grace Hopper',
    ...body,
  })) as { interactionId?: string };
  assert.ok(placed.interactionId, 'the sandbox placed a call');
  return placed.interactionId;
}

export function answer(stack: Stack, agentId: string, interactionId?: string) {
  return stack.control.supervisor(agentId, 'answer', { interactionId });
}

export function hangUp(stack: Stack, interactionId: string) {
  return stack.control.call('POST', `/contacts/${interactionId}/hang-up`);
}

/** Reloads the agent page until it matches (events arrive asynchronously). */
export async function pageUntil(
  agent: SignedInAgent,
  stack: Stack,
  pattern: RegExp,
  timeoutMs = 3000,
): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  let page = await agent.browser.get(`${stack.url}/`);
  while (!pattern.test(page.text)) {
    if (Date.now() > deadline)
      assert.fail(`page never matched ${pattern}:\n${contactsRegion(page)}`);
    await new Promise((r) => setTimeout(r, 50));
    page = await agent.browser.get(`${stack.url}/`);
  }
  agent.page = page;
  return page;
}

/** The contacts region of a page, for assertions and failure messages. */
export function contactsRegion(page: Page): string {
  return (
    page.text.match(/<section id="contacts"[\s\S]*?<\/section>/)?.[0] ?? page.text.slice(0, 3000)
  );
}

/** Submits a contact control (by its button label) and returns the page after the redirect. */
export async function contactAction(
  agent: SignedInAgent,
  action: RegExp,
  overrides: Record<string, string> = {},
  button?: string,
): Promise<Page> {
  agent.page = await submit(agent.browser, agent.page, action, overrides, button);
  return agent.page;
}

/** The status line (flash) of a page, as text. */
export function statusText(page: Page): string {
  const box =
    page.text.match(
      /<div id="status"[\s\S]*?<\/div>\s*<\/div>|<div id="status"[^>]*>\s*<\/div>/,
    )?.[0] ?? '';
  return box
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A call placed to an Available agent and answered on the phone: back once the page says Connected. */
export async function connectCall(
  stack: Stack,
  agent: SignedInAgent,
  body: Record<string, unknown> = {},
): Promise<string> {
  const id = await placeCall(stack, agent.agentId, body);
  await pageUntil(agent, stack, /class="contact-state">Ringing</);
  await answer(stack, agent.agentId, id);
  await pageUntil(agent, stack, /Connected/);
  return id;
}

/**
 * The stack a contact suite runs on, started before and closed after. `perTest` gives each test a
 * fresh one: a contact left over in the sandbox would still be on the next test's desktop.
 * Call inside `describe`; read `.stack` inside the tests.
 */
export function contactStack(options: StackOptions & { perTest?: boolean } = {}): {
  readonly stack: Stack;
} {
  let current: Stack | undefined;
  const fixture = {
    get stack(): Stack {
      assert.ok(current, 'the stack is started by the suite hooks');
      return current;
    },
  };
  const start = async () => {
    current = await startStack(options);
  };
  const stop = () => current?.close();
  if (options.perTest) {
    beforeEach(start);
    afterEach(stop);
  } else {
    before(start);
    after(stop);
  }
  return fixture;
}
