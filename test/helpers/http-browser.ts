// A tiny cookie-keeping HTTP client for integration tests: behaves like a browser, no JavaScript.
export interface Page {
  status: number;
  location?: string;
  headers: Headers;
  text: string;
  url: string;
}

export class HttpBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();

  /** `headers` go with every request, as a browser's language does (`Accept-Language`). */
  constructor(private readonly defaults: Record<string, string> = {}) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.request(url, { method: 'GET', headers });
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Follows redirects like a browser (GET after 302/303), up to a limit. */
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

  setCookie(origin: string, name: string, value: string): void {
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.cookies.set(origin, jar);
  }

  clearCookies(origin: string): void {
    this.cookies.delete(origin);
  }

  private async request(url: string, init: RequestInit): Promise<Page> {
    const origin = new URL(url).origin;
    const jar = this.cookies.get(origin);
    const headers = new Headers({
      ...this.defaults,
      ...Object.fromEntries(new Headers(init.headers)),
    });
    if (jar && jar.size > 0) {
      headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    if (!headers.has('Accept')) headers.set('Accept', 'text/html');
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      const target = this.cookies.get(origin) ?? new Map<string, string>();
      if (expired || value === '') target.delete(name);
      else target.set(name, value);
      this.cookies.set(origin, target);
    }
    return {
      status: response.status,
      location: response.headers.get('location') ?? undefined,
      headers: response.headers,
      text: await response.text(),
      url,
    };
  }
}

/** Reads the value of a hidden or text input from HTML. */
export function inputValue(html: string, name: string): string | undefined {
  const tag = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0];
  return tag ? decodeEntities(tag.match(/value="([^"]*)"/)?.[1] ?? '') : undefined;
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The fields a browser would submit for the form whose action matches, with one button. */
export function formFields(
  html: string,
  actionPattern: RegExp,
  button?: string,
): { action: string; fields: Record<string, string> } {
  const forms = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms.find(
    (f) =>
      actionPattern.test(decodeEntities(f[1] ?? '')) &&
      (button === undefined || new RegExp(`<button[^>]*>\\s*${button}`).test(f[2] ?? '')),
  );
  if (!form) throw new Error(`no form with action ${actionPattern} in:\n${html.slice(0, 2000)}`);
  const body = form[2] ?? '';
  const fields: Record<string, string> = {};
  for (const tag of body.matchAll(/<input[^>]*>/g)) {
    const name = tag[0].match(/name="([^"]*)"/)?.[1];
    const type = tag[0].match(/type="([^"]*)"/)?.[1] ?? 'text';
    if (!name || type === 'submit') continue;
    if ((type === 'radio' || type === 'checkbox') && !/\bchecked\b/.test(tag[0])) continue;
    fields[name] = decodeEntities(tag[0].match(/value="([^"]*)"/)?.[1] ?? '');
  }
  for (const select of body.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const options = [...(select[2] ?? '').matchAll(/<option[^>]*value="([^"]*)"[^>]*>/g)];
    const chosen = options.find((o) => /\bselected\b/.test(o[0])) ?? options[0];
    if (select[1] && chosen) fields[select[1]] = decodeEntities(chosen[1] ?? '');
  }
  if (button) {
    const buttons = [...body.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)];
    const chosen = buttons.find((b) => (b[1] ?? '').includes(button));
    if (!chosen) throw new Error(`no button "${button}" in form ${form[1]}`);
    const name = chosen[0].match(/name="([^"]*)"/)?.[1];
    if (name) fields[name] = decodeEntities(chosen[0].match(/value="([^"]*)"/)?.[1] ?? '');
  }
  return { action: decodeEntities(form[1] ?? ''), fields };
}
