// One log line per failure, never one per retry: the first failure of a kind is logged in full,
// identical ones within the window are counted (at debug only), and one summary line says how many.
// A reconnect loop, a refresh that keeps failing or a rate-limited upstream writes at most two
// lines a minute per kind of failure, however many agents or retries are in it.
import type { Logger } from 'pino';
import { runDetached } from './tracking-context';

export interface StormGuard {
  /** `kind` names the failure (what failed and how, no ids): identical kinds are counted. */
  warn(kind: string, details: Record<string, unknown>, message: string): void;
}

interface Open {
  message: string;
  repeats: number;
}

const WINDOW_MS = 60_000;
/** Distinct kinds watched at once; past it, further kinds share one count (a storm of storms). */
const MAX_KINDS = 500;
const OVERFLOW = 'other failures';

export function createStormGuard(
  logger: Pick<Logger, 'warn' | 'debug'>,
  options: { windowMs?: number; maxKinds?: number } = {},
): StormGuard {
  const windowMs = options.windowMs ?? WINDOW_MS;
  const maxKinds = options.maxKinds ?? MAX_KINDS;
  const open = new Map<string, Open>();

  function close(kind: string): void {
    const entry = open.get(kind);
    open.delete(kind);
    if (!entry || entry.repeats === 0) return;
    logger.warn(
      { failure: kind, repeated: entry.repeats, windowSeconds: windowMs / 1000 },
      `${entry.message}: ${entry.repeats} more like it`,
    );
  }

  return {
    warn(given, details, message) {
      const kind = open.has(given) || open.size < maxKinds ? given : OVERFLOW;
      const entry = open.get(kind);
      if (entry) {
        entry.repeats += 1;
        // Below the production level: there when debugging, never a flood at info.
        logger.debug(details, message);
        return;
      }
      logger.warn(details, message);
      open.set(kind, { message, repeats: 0 });
      // Detached: the summary covers many requests and jobs, so it carries none's tracking id.
      runDetached(() => setTimeout(() => close(kind), windowMs).unref());
    },
  };
}

/** A failure's kind from an error: its code (AppError, Node), else its type. */
export function failureKind(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { code, status } = err as { code?: unknown; status?: unknown };
    if (typeof code === 'string' || typeof code === 'number') return String(code);
    if (typeof status === 'number') return String(status);
    return err.constructor.name;
  }
  return typeof err;
}
