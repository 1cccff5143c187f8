// Injected failures: the next N calls to a target answer an error, hang, reset or send garbage.
import type { NextFunction, Request, Response } from 'express';
import { familyOf, sendFamilyError } from '../errors';
import { targetOf, type Target } from './request-log';
import type { Timers } from '../timers';
import { integerInput, objectBody, readInput } from './control-input';
import { z } from 'zod';

export const FAULT_TARGETS = [
  'token',
  'people',
  'login',
  'logout',
  'state',
  'reload',
  'subscribe',
  'tasks',
  'config',
  'any',
] as const;
export const FAULT_KINDS = ['status', 'timeout', 'reset', 'malformed', 'rate_limit'] as const;

export type FaultTarget = (typeof FAULT_TARGETS)[number];
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  target: FaultTarget;
  kind: FaultKind;
  status: number;
  /** Matching calls still to fail. */
  remaining: number;
  retryAfterSec: number;
  delayMs: number;
}

const ACCEPTED_202: readonly Target[] = ['login', 'logout', 'state', 'reload', 'tasks'];

const STATUS_TEXT: Record<number, string> = {
  400: 'The request could not be understood.',
  401: 'The request requires a valid access token set in the Authorization request header.',
  403: 'The access token does not allow this operation.',
  404: 'The requested resource could not be found.',
  429: 'Too many requests. Retry after the time given in Retry-After.',
  500: 'Something went wrong on the server. Please try again.',
  502: 'The upstream service did not answer correctly.',
  503: 'The service is temporarily unavailable. Please try again.',
  504: 'The upstream service did not answer in time.',
};

const faultInput = z.object({
  target: z.enum(FAULT_TARGETS, { error: `target must be one of ${FAULT_TARGETS.join(', ')}` }),
  kind: z.enum(FAULT_KINDS, { error: `kind must be one of ${FAULT_KINDS.join(', ')}` }),
  status: integerInput('status', 400, 599),
  count: integerInput('count', 1, 100000),
  retryAfterSec: integerInput('retryAfterSec', 0, 86400),
  delayMs: integerInput('delayMs', 0, 120000),
});

/** Checks control input; returns the fault or a sentence saying what is wrong. */
export function parseFault(input: unknown): Fault | string {
  if (!objectBody.safeParse(input).success) return 'the body must be a JSON object';
  const fault = readInput(faultInput, input);
  if (typeof fault === 'string') return fault;
  return {
    target: fault.target,
    kind: fault.kind,
    status: fault.status ?? (fault.kind === 'rate_limit' ? 429 : 500),
    remaining: fault.count ?? 1,
    retryAfterSec: fault.retryAfterSec ?? 1,
    delayMs: fault.delayMs ?? 0,
  };
}

export class FaultRegistry {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault armed for this target, used up by one call. */
  take(target: Target): Fault | undefined {
    if (target === 'authorize' || target === 'websocket' || target === 'other') return undefined;
    const fault = this.faults.find((f) => f.target === target || f.target === 'any');
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  middleware(timers: Timers) {
    return (req: Request, res: Response, next: NextFunction) => {
      const target = targetOf(req.method, req.path);
      const fault = this.take(target);
      if (!fault) {
        next();
        return;
      }
      const act = () => answerWithFault(fault, target, req, res);
      if (fault.delayMs > 0) timers.set(act, fault.delayMs);
      else act();
    };
  }
}

function answerWithFault(fault: Fault, target: Target, req: Request, res: Response): void {
  if (res.writableEnded || req.socket.destroyed) return;
  const family = familyOf(req.path);
  switch (fault.kind) {
    case 'timeout':
      // Never answer: the client's own timeout must fire; close() ends the socket.
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'malformed':
      res
        .status(ACCEPTED_202.includes(target) ? 202 : 200)
        .type('application/json')
        .send('<html><body><h1>Bad Gateway</h1>{"truncated": ');
      return;
    case 'rate_limit':
      res.setHeader('Retry-After', String(fault.retryAfterSec));
      sendFamilyError(res, family, 429, STATUS_TEXT[429] ?? 'Too many requests.');
      return;
    case 'status':
      if (fault.status === 429 || fault.status === 503) {
        res.setHeader('Retry-After', String(fault.retryAfterSec));
      }
      sendFamilyError(res, family, fault.status, STATUS_TEXT[fault.status] ?? 'Request failed.');
  }
}
