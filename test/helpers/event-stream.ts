// Reads a Server-Sent Events stream in tests, with the browser's cookies.
import type { HttpBrowser } from './http-browser';

export interface ServerEvent {
  event: string;
  data: string;
}

export async function openEventStream(browser: HttpBrowser, url: string) {
  const origin = new URL(url).origin;
  const controller = new AbortController();
  const cookie = browser.cookie(origin, 'wxcc_desktop.sid');
  const response = await fetch(url, {
    headers: { Accept: 'text/event-stream', Cookie: `wxcc_desktop.sid=${cookie ?? ''}` },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`event stream: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const events: ServerEvent[] = [];
  let buffer = '';
  let notify: (() => void) | undefined;

  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = block.match(/^event: (.*)$/m)?.[1];
          const data = block.match(/^data: (.*)$/m)?.[1];
          if (event && data !== undefined) events.push({ event, data });
          notify?.();
        }
      }
    } catch {
      // aborted by close()
    }
  })();

  return {
    events,
    async next(matches: (e: ServerEvent) => boolean, timeoutMs: number): Promise<ServerEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(matches);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`no matching event in ${timeoutMs} ms: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          notify = resolve;
          setTimeout(resolve, left);
        });
      }
    },
    close: () => controller.abort(),
  };
}
