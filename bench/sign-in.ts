// Signs an agent in to a running desktop the way a browser without JavaScript would.
import { HttpBrowser, formFields, inputValue, type Page } from '../test/helpers/http-browser';

/** What sign-in needs of a client: HttpBrowser (fetch) or AgentClient (node:http). */
type Client = Pick<HttpBrowser, 'get' | 'post' | 'follow'>;

/** Connect → the sandbox's consent page → Accept (as `agentId` when given) → the station form. */
export async function signIn(browser: Client, desktopUrl: string, agentId?: string) {
  const home = await browser.get(`${desktopUrl}/`);
  const started = await browser.post(`${desktopUrl}/connect`, {
    _csrf: inputValue(home.text, '_csrf') ?? '',
  });
  if (started.status !== 303 || !started.location) {
    throw new Error(`Connect answered ${started.status}`);
  }
  const consent = await browser.get(started.location);
  const { action, fields } = formFields(consent.text, /./, 'Accept');
  const agentField = Object.keys(fields).find((k) => /agent|user|person/i.test(k));
  if (agentId && agentField) fields[agentField] = agentId;
  const decided = await browser.post(new URL(action, consent.url).toString(), fields);
  const page = await browser.follow(decided);
  if (!/\/station\/login/.test(page.text))
    throw new Error(`no station form after sign-in (${page.status})`);
  return page;
}

/** Submits the station form with a dial number; resolves with the agent page. */
export async function loginStation(browser: Client, form: Page, dialNumber: string) {
  const { action, fields } = formFields(form.text, /\/station\/login/);
  const posted = await browser.post(new URL(action, form.url).toString(), {
    ...fields,
    deviceType: 'AGENT_DN',
    dialNumber,
  });
  if (posted.status !== 303) throw new Error(`station login answered ${posted.status}`);
  return browser.follow(posted);
}

export { HttpBrowser };
