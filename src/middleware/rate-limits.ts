// Rate limits on sign-in and agent actions, shared by every instance (Redis) or this one's own,
// answering 429 with a readable page and the real Retry-After.
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { AppError } from '../errors';
import { msg, type Message } from '../i18n/message';

export interface RateLimitOptions {
  windowMs?: number;
  /** Sign-in attempts (POST /connect, GET /oauth) per browser session and window. */
  oauthLimit?: number;
  /**
   * Sign-in attempts per client address and window: far higher, so a whole office behind one
   * address signs in, while a client that drops its cookie to dodge the first limit meets this one.
   */
  oauthAddressLimit?: number;
  /** Agent actions (POST /station/*) per agent (or address) and window. */
  actionLimit?: number;
  /**
   * The page's sign-in checks (GET /session/check) per agent (or address) and window: counted
   * apart from actions, so a page that keeps reconnecting never uses up the agent's clicks.
   */
  sessionCheckLimit?: number;
  /** Makes a store for one limiter (Redis: every instance counts together); memory if unset. */
  store?: (prefix: string) => Store;
  /** Told of every refusal, by the limit's name (metrics). */
  onRefused?: (limit: string) => void;
}

/**
 * The defaults, per minute. The per-session limit is the abuse guard (20 sign-in requests is ten
 * sign-ins of one browser). The address ceiling only stops a client that drops its cookie to dodge
 * it, so it must let a whole office behind one NAT address sign in at shift start: each agent makes
 * 2 requests (POST /connect, GET /oauth), so 10,000 lets 5,000 agents sign in within a minute
 * (issue 9: a 1,000-agent office signs in within 60 s with room for retries).
 */
export const DEFAULT_LIMITS = {
  oauthLimit: 20,
  oauthAddressLimit: 10_000,
  actionLimit: 30,
  // A page checks once when it loads and once per failed live stream: 30 a minute is a busy agent.
  sessionCheckLimit: 30,
};

/** "try again in 1 second", "in 42 seconds": the wait the client really has. */
export function retryMessage(seconds: number): Message {
  return msg('error.rateLimited', { count: seconds });
}

const byAddress = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? '')}`;
const byAgent = (req: Request) =>
  req.session?.agent ? `agent:${req.session.agent.agentId}` : byAddress(req);

/** One limit, with what every limit shares (window, store, who hears of refusals). */
function limiter(
  shared: RateLimitOptions & { windowMs: number },
  name: string,
  limit: number,
  key: (req: Request) => string,
): RequestHandler {
  const { windowMs, store, onRefused } = shared;
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: key,
    store: store?.(`wxcc-desktop:rl:${name}:`),
    // Redis away: the session store answers 503 already; the limit must not turn that into a 500.
    passOnStoreError: true,
    handler: (req, _res, next, options) => {
      onRefused?.(name);
      const info = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit;
      const resetTime = info?.resetTime?.getTime();
      const left = resetTime === undefined ? options.windowMs : resetTime - Date.now();
      const retryAfterSec = Math.max(1, Math.ceil(left / 1000));
      next(new AppError('rate_limited', retryMessage(retryAfterSec), { retryAfterSec }));
    },
  });
}

export function rateLimits(options: RateLimitOptions = {}) {
  const shared = { ...options, windowMs: options.windowMs ?? 60_000 };
  const perSession = limiter(
    shared,
    'oauth-session',
    options.oauthLimit ?? DEFAULT_LIMITS.oauthLimit,
    // The session id is what an attacker cannot share with an office; without a session the
    // address is the key (and the address limit below still applies).
    (req) => (req.sessionID ? `sid:${req.sessionID}` : byAddress(req)),
  );
  const perAddress = limiter(
    shared,
    'oauth-address',
    options.oauthAddressLimit ?? DEFAULT_LIMITS.oauthAddressLimit,
    byAddress,
  );
  return {
    oauth: [perAddress, perSession],
    actions: limiter(shared, 'actions', options.actionLimit ?? DEFAULT_LIMITS.actionLimit, byAgent),
    sessionCheck: limiter(
      shared,
      'session-check',
      options.sessionCheckLimit ?? DEFAULT_LIMITS.sessionCheckLimit,
      byAgent,
    ),
  };
}
