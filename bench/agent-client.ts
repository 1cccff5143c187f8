// A cookie-keeping HTTP client for load benchmarks, over node:http so each simulated agent can
// come from an address of its own (127.0.0.0/8 is all loopback) and hold a live event stream.
import http from 'node:http';
import type { Page } from '../test/helpers/http-browser';

export class AgentClient {
  private readonly cookies = new Map<string, Map<string, string>>();
  private readonly agent: http.Agent;
  private readonly streams: http.ClientRequest[] = [];
  /**
   * Requests sent again because the server closed an idle keep-alive connection just as this
   * client reused it (ECONNRESET on a reused socket); browsers retry those the same way.
   */
  static resetRetries: Record<string, number> = {};
  /** Requests sent, per server (origin): what one agent's storm asks of the desktop. */
  static sent: Record<string, number> = {};

  /** `localAddress`: the source address of every request, e.g. 127.0.0.7. */
  constructor(readonly localAddress = '127.0.0.1') {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 4, localAddress });
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.request('GET', url, headers);
  }

  post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams(form).toString();
    return this.request(
      'POST',
      url,
      { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body,
    );
  }

  async follow(first: Page, max = 10): Promise<Page> {
    let page = first;
    for (let i = 0; i < max && page.location; i += 1) {
      page = await this.get(new URL(page.location, page.url).toString());
    }
    return page;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.cookies.get(origin)?.get(name);
  }

  /**
   * Opens the page's live event stream and resolves once its first bytes arrive; kept open.
   * `onData` sees every chunk (the soak waits on it for a contact's events, the fan-out bench times
   * events with it).
   */
  openStream(url: string, onData: (chunk: string) => void = () => undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = http.get(
        url,
        { agent: false, localAddress: this.localAddress, headers: this.headers(url, {}) },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            reject(new Error(`event stream answered ${res.statusCode}`));
            return;
          }
          res.setEncoding('utf8');
          res.once('data', () => resolve());
          res.on('data', (chunk: Buffer) => onData(chunk.toString()));
        },
      );
      req.once('error', reject);
      this.streams.push(req);
    });
  }

  close(): void {
    for (const stream of this.streams) stream.destroy();
    this.agent.destroy();
  }

  private headers(url: string, extra: Record<string, string>): Record<string, string> {
    const jar = this.cookies.get(new URL(url).origin);
    const cookie = jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
    return { Accept: 'text/html', ...(cookie ? { Cookie: cookie } : {}), ...extra };
  }

  private async request(
    method: string,
    url: string,
    extra: Record<string, string>,
    body?: string,
  ): Promise<Page> {
    try {
      return await this.requestOnce(method, url, extra, body);
    } catch (error) {
      if (!(error instanceof ResetOnReuse)) throw error;
      // Counted per server (origin), so a report says whose idle timeout raced the reuse.
      const origin = new URL(url).origin;
      AgentClient.resetRetries[origin] = (AgentClient.resetRetries[origin] ?? 0) + 1;
      return this.requestOnce(method, url, extra, body);
    }
  }

  private requestOnce(method: string, url: string, extra: Record<string, string>, body?: string) {
    const origin = new URL(url).origin;
    AgentClient.sent[origin] = (AgentClient.sent[origin] ?? 0) + 1;
    return new Promise<Page>((resolve, reject) => {
      const req = http.request(
        url,
        { method, agent: this.agent, headers: this.headers(url, extra) },
        (res) => {
          this.keepCookies(url, res.headers['set-cookie'] ?? []);
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.once('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              location: res.headers.location,
              headers: new Headers(),
              text,
              url,
            }),
          );
          res.once('error', reject);
        },
      );
      req.once('error', (error: NodeJS.ErrnoException) =>
        // Only a reused idle connection that died before any answer is safe to send again.
        reject(error.code === 'ECONNRESET' && req.reusedSocket ? new ResetOnReuse() : error),
      );
      req.end(body);
    });
  }

  private keepCookies(url: string, lines: string[]): void {
    const origin = new URL(url).origin;
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    for (const line of lines) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line))
        jar.delete(pair.slice(0, eq).trim());
      else jar.set(pair.slice(0, eq).trim(), value);
    }
    this.cookies.set(origin, jar);
  }
}

class ResetOnReuse extends Error {
  constructor() {
    super('ECONNRESET on a reused keep-alive connection');
  }
}
