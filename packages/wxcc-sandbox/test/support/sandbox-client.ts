// Test helper: calls the sandbox's WxCC and control APIs, and listens on a notification websocket.
import WebSocket from 'ws';
import type { RunningSandbox } from '../../src';

export interface Reply {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

export interface Frame {
  type: string;
  data: Record<string, unknown>;
  [key: string]: unknown;
}

export async function call(
  url: string,
  options: {
    method?: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text, headers: response.headers };
}

export const wxcc = (sandbox: RunningSandbox, path: string) => `${sandbox.wxccApiBase}${path}`;

export function control(sandbox: RunningSandbox, method: string, path: string, body?: unknown) {
  return call(`${sandbox.url}/_sandbox${path}`, { method, body });
}

/** A notification websocket that keeps every frame and can wait for one. */
export class EventSocket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<void>;
  private notify?: () => void;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      this.frames.push(JSON.parse(String(raw)) as Frame);
      this.notify?.();
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async open(url: string): Promise<EventSocket> {
    const socket = new WebSocket(url);
    const events = new EventSocket(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return events;
  }

  async next(matches: (frame: Frame) => boolean, timeoutMs = 2000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(matches);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching frame in ${timeoutMs} ms: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.notify = resolve;
        setTimeout(resolve, Math.min(left, 50));
      });
    }
  }

  /** The first frame (so far or still to come) whose data.type is `inner`. */
  inner(inner: string, timeoutMs = 2000): Promise<Frame> {
    return this.next((f) => f.data?.type === inner, timeoutMs);
  }

  close(): void {
    this.socket.terminate();
  }
}

export async function subscribe(
  sandbox: RunningSandbox,
  token: string,
  body: Record<string, unknown> = { isKeepAliveEnabled: true, clientType: 'SandboxTest' },
): Promise<{ webSocketUrl: string; subscriptionId: string }> {
  const reply = await call(wxcc(sandbox, '/v1/notification/subscribe'), {
    method: 'POST',
    token,
    body,
  });
  if (reply.status !== 200) throw new Error(`subscribe: ${reply.status} ${reply.text}`);
  return reply.body as { webSocketUrl: string; subscriptionId: string };
}

/** Subscribes and opens the websocket; resolves once the Welcome frame has arrived. */
export async function openAgentSocket(
  sandbox: RunningSandbox,
  token: string,
  body?: Record<string, unknown>,
): Promise<EventSocket> {
  const { webSocketUrl } = await subscribe(sandbox, token, body);
  const events = await EventSocket.open(webSocketUrl);
  await events.next((f) => f.type === 'Welcome');
  return events;
}
