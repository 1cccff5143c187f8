// Records every call made to the sandbox's Webex and WxCC endpoints, so tests can assert on them.
import type { NextFunction, Request, Response } from 'express';

export type Target =
  | 'authorize'
  | 'token'
  | 'people'
  | 'login'
  | 'logout'
  | 'state'
  | 'reload'
  | 'subscribe'
  | 'tasks'
  | 'config'
  | 'websocket'
  | 'other';

export interface RecordedRequest {
  /** Epoch ms when the request arrived; entries are in arrival order. */
  at: number;
  method: string;
  path: string;
  /** The query string without its '?', e.g. to see a configuration read's filter; '' if none. */
  query?: string;
  target: Target;
  /** The bearer token presented, or null. */
  bearer: string | null;
  body: unknown;
  /** 0 while unanswered, and for calls that never got an answer (timeout, reset). */
  status: number;
}

/** Enough for any test run; a sandbox left running for days must not grow without bound. */
const MAX_ENTRIES = 2000;

export function targetOf(method: string, path: string): Target {
  if (path.startsWith('/webex/v1/authorize')) return 'authorize';
  if (path === '/webex/v1/access_token') return 'token';
  if (path === '/webex/v1/people/me') return 'people';
  if (path.startsWith('/wxcc/organization/')) return 'config';
  if (path.startsWith('/wxcc/v1/notification/subscription/')) return 'websocket';
  if (path === '/wxcc/v1/tasks' || path.startsWith('/wxcc/v1/tasks/')) return 'tasks';
  const agents: Record<string, Target> = {
    'POST /wxcc/v1/agents/login': 'login',
    'PUT /wxcc/v1/agents/logout': 'logout',
    'POST /wxcc/v1/agents/logout': 'logout',
    'PUT /wxcc/v1/agents/session/state': 'state',
    'POST /wxcc/v1/agents/reload': 'reload',
    'POST /wxcc/v1/notification/subscribe': 'subscribe',
  };
  return agents[`${method} ${path.replace(/\/+$/, '')}`] ?? 'other';
}

export function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private readonly byRequest = new WeakMap<Request, RecordedRequest>();

  add(entry: RecordedRequest): RecordedRequest {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES)
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  list(): RecordedRequest[] {
    return this.entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }

  /** Express middleware: one entry per request, completed when the answer is sent or abandoned. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const entry = this.add({
        at: Date.now(),
        method: req.method,
        path: req.path,
        query: req.originalUrl.split('?')[1] ?? '',
        target: targetOf(req.method, req.path),
        bearer: bearerOf(req.headers.authorization),
        body: null,
        status: 0,
      });
      this.byRequest.set(req, entry);
      const complete = () => {
        entry.body = recordedBody(req.body);
        if (res.headersSent) entry.status = res.statusCode;
      };
      res.on('finish', complete);
      res.on('close', complete);
      next();
    };
  }

  /** After the body parsers: calls that never finish (timeout faults) still show what they sent. */
  captureBody() {
    return (req: Request, _res: Response, next: NextFunction) => {
      const entry = this.byRequest.get(req);
      if (entry) entry.body = recordedBody(req.body);
      next();
    };
  }
}

function recordedBody(body: unknown): unknown {
  if (body === undefined) return null;
  if (body !== null && typeof body === 'object' && Object.keys(body).length === 0) return null;
  return body;
}
