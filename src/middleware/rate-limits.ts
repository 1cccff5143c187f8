// Rate limits on sign-in and agent actions, answering 429 with a readable page and Retry-After.
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../errors';

export interface RateLimitOptions {
  windowMs?: number;
  /** Sign-in attempts (POST /connect, GET /oauth) per client address and window. */
  oauthLimit?: number;
  /** Agent actions (POST /station/*) per session (or address) and window. */
  actionLimit?: number;
}

function limiter(windowMs: number, limit: number, bySession: boolean): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) =>
      bySession && req.session?.agent
        ? `agent:${req.session.agent.agentId}`
        : `ip:${ipKeyGenerator(req.ip ?? '')}`,
    handler: (_req, _res, next, options) => {
      const retryAfterSec = Math.ceil(options.windowMs / 1000);
      next(
        new AppError(
          'rate_limited',
          `Too many attempts in a short time. Please wait ${retryAfterSec} seconds and try again.`,
          { retryAfterSec },
        ),
      );
    },
  });
}

export function rateLimits(options: RateLimitOptions = {}) {
  const windowMs = options.windowMs ?? 60_000;
  return {
    oauth: limiter(windowMs, options.oauthLimit ?? 20, false),
    actions: limiter(windowMs, options.actionLimit ?? 30, true),
  };
}
