// One simulated agent of the soak: signed in, logged in, its live page stream open, and a contact
// cycle on demand — Available, a call offered and answered (the sandbox's control API plays the
// caller and the phone), hold, resume, end, wrap-up, Idle — as the agent would click it.
import { formFields, inputValue, type Page } from '../test/helpers/http-browser';
import { AgentClient } from './agent-client';
import { loginStation, signIn } from './sign-in';

/** The longest wait for a contact's event on the page stream before the cycle counts an error. */
const EVENT_WAIT_MS = 15_000;
/** The station events' last bytes kept for matching; cleared on every match so nothing grows. */
const TAIL_CHARS = 32_768;
/** An event longer than this is not the page's (a broken stream): dropped rather than kept growing. */
const MAX_EVENT_CHARS = 4 * 1024 * 1024;

export interface Tally {
  requests: number;
  errors: number;
  /** Each error's reason and how often it happened, for the report. */
  reasons: Record<string, number>;
}

export class SoakAgent {
  private readonly client: AgentClient;
  private page: Page | undefined;
  private csrf = '';
  private tail = '';
  /** The stream's last, still incomplete event. */
  private partial = '';
  private waiter: (() => void) | undefined;

  constructor(
    private readonly desktopUrl: string,
    private readonly sandboxUrl: string,
    readonly agentId: string,
    private readonly dialNumber: string,
    private readonly tally: Tally,
    localAddress: string,
  ) {
    this.client = new AgentClient(localAddress);
  }

  async start(): Promise<void> {
    const form = await signIn(this.client, this.desktopUrl, this.agentId);
    this.page = await loginStation(this.client, form, this.dialNumber);
    // On a busy machine the confirmation can come after the page: look again, as the agent would.
    for (let i = 0; i < 20 && !/\/station\/logout/.test(this.page.text); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      this.page = await this.client.get(`${this.desktopUrl}/`);
    }
    if (!/\/station\/logout/.test(this.page.text)) throw new Error('station login not confirmed');
    this.csrf = inputValue(this.page.text, '_csrf') ?? '';
    await this.client.openStream(`${this.desktopUrl}/events`, (chunk) => {
      // Only the station events are kept for matching: a rendered region pushed right after one
      // (the tools panels are tens of KB) arriving in the same read must not push it out of the
      // tail before the cycle looks (it did: "no state connected" errors in the soak).
      const events = (this.partial + chunk).split('\n\n');
      this.partial = events.pop() ?? '';
      if (this.partial.length > MAX_EVENT_CHARS) this.partial = '';
      const station = events.filter((e) => e.startsWith('event: station'));
      if (station.length === 0) return;
      this.tail = (this.tail + station.join('\n')).slice(-TAIL_CHARS);
      this.waiter?.();
    });
  }

  /** One contact from Available to Idle; any failure is tallied with its reason, never thrown. */
  async cycle(): Promise<void> {
    try {
      await this.setState('Go Available');
      const { interactionId } = (await this.control('call', {
        ani: '+14085550142',
        customerName: 'Soak Caller',
      })) as { interactionId: string };
      await this.streamShows(`"id":"${interactionId}","state":"offered"`);
      await this.control('answer', { interactionId });
      await this.streamShows(`"id":"${interactionId}","state":"connected"`);
      await this.contactAction(interactionId, 'hold');
      await this.contactAction(interactionId, 'resume');
      const ended = await this.contactAction(interactionId, 'end');
      // The wrap-up form's default, not another select's (the callbacks' time zone, a caller id).
      const form =
        /\/wrapup" class="[^"]*contact-wrapup-form[\s\S]*?<\/select>/.exec(ended.text)?.[0] ?? '';
      const code = /<option value="([^"]+)" selected>/.exec(form)?.[1];
      if (!code) throw new Error('no wrap-up form after End');
      await this.contactAction(interactionId, 'wrapup', { auxCodeId: code });
      await this.setState('Go Idle');
    } catch (error) {
      this.fail(error);
    }
  }

  close(): void {
    this.client.close();
  }

  private fail(error: unknown): void {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 120);
    this.tally.errors += 1;
    this.tally.reasons[reason] = (this.tally.reasons[reason] ?? 0) + 1;
  }

  private async setState(button: 'Go Available' | 'Go Idle'): Promise<void> {
    const { action, fields } = formFields(this.page!.text, /\/station\/state/, button);
    await this.postAndFollow(new URL(action, this.page!.url).toString(), fields);
  }

  private contactAction(id: string, action: string, extra: Record<string, string> = {}) {
    return this.postAndFollow(`${this.desktopUrl}/contacts/${id}/${action}`, {
      _csrf: this.csrf,
      ...extra,
    });
  }

  /** A form post, the redirect a browser follows, and the page it lands on checked for a failure. */
  private async postAndFollow(url: string, fields: Record<string, string>): Promise<Page> {
    this.tally.requests += 1;
    const posted = await this.client.post(url, fields);
    if (posted.status !== 303) throw new Error(`${pathOf(url)} answered ${posted.status}`);
    this.tally.requests += 1;
    const page = await this.client.follow(posted);
    if (page.status !== 200)
      throw new Error(`the page after ${pathOf(url)} answered ${page.status}`);
    this.page = page;
    const notice = /class="notice notice-error"[^>]*>\s*<p>([^<]*)/.exec(page.text)?.[1];
    if (notice) throw new Error(`${pathOf(url)}: ${notice.trim()}`);
    if (page.text.includes('has not confirmed it yet')) throw new Error(`${pathOf(url)}: pending`);
    return page;
  }

  private async control(action: string, body: Record<string, unknown>): Promise<unknown> {
    const response = await fetch(`${this.sandboxUrl}/_sandbox/agents/${this.agentId}/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(EVENT_WAIT_MS),
    });
    const answer: unknown = await response.json();
    if (!response.ok) throw new Error(`sandbox ${action} answered ${response.status}`);
    return answer;
  }

  /** Resolves once the page stream has carried `text`; the tail is dropped up to the match. */
  private async streamShows(text: string): Promise<void> {
    const deadline = Date.now() + EVENT_WAIT_MS;
    for (;;) {
      const at = this.tail.indexOf(text);
      if (at >= 0) {
        this.tail = this.tail.slice(at + text.length);
        return;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${text.replace(/"id":"[^"]+",/, '')} on the page stream`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

function pathOf(url: string): string {
  return new URL(url).pathname.replace(/[0-9a-f-]{36}/, ':id');
}
