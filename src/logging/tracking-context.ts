// The tracking id of the work under way (a request, or the agent-session job it set off), kept in
// AsyncLocalStorage: every log line carries it (logger.ts's mixin), every Webex and WxCC call sends
// it as its TrackingID header (http-call.ts), and WxCC echoes it in the result events, which the
// agent session handles under the same id (agent-session.ts) and the bus carries to other instances.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

type Locals = { trackingId?: string };

interface TrackingContext {
  trackingId: string;
  /**
   * Held weakly: timers and sockets created during a request (an agent's notification socket,
   * its keepalive) inherit this context and live for hours; they must not keep the request's
   * locals, and through them the request, alive.
   */
  locals?: WeakRef<Locals>;
}

const storage = new AsyncLocalStorage<TrackingContext>();

/** Webex's own clients send `<client>_<uuid>`; WxCC keeps [A-Za-z0-9_.:-] and echoes it back. */
const PREFIX = 'agentdesktop_';
const VALID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The tracking id of a request: the request id, marked as ours. */
export function requestTrackingId(requestId: string): string {
  return `${PREFIX}${requestId}`;
}

/** A fresh id, for a call made outside any request or job (a sweep, a reconnect). */
export function newTrackingId(): string {
  return `${PREFIX}${randomUUID()}`;
}

/** Runs `next` (the rest of one request) under its tracking id, with a place to note upstream ids. */
export function runWithTrackingContext(trackingId: string, locals: Locals, next: () => void): void {
  storage.run({ trackingId, locals: new WeakRef(locals) }, next);
}

/**
 * Runs a background job under the tracking id of what set it off (a WxCC event's, a bus
 * message's); an id that is missing or not plausibly one runs it under none, never under the
 * context it happened to be called from.
 */
export function runWithTrackingId<T>(trackingId: unknown, job: () => T): T {
  if (typeof trackingId === 'string' && VALID.test(trackingId)) {
    return storage.run({ trackingId }, job);
  }
  return storage.exit(job);
}

/**
 * Runs `start` outside any tracking context: what it creates (a socket, a keepalive, a retry
 * loop) lives for hours and belongs to no single request.
 */
export function runDetached<T>(start: () => T): T {
  return storage.exit(start);
}

export function currentTrackingId(): string | undefined {
  return storage.getStore()?.trackingId;
}

/** Records the tracking id WxCC answered with for the current request (its log line shows it). */
export function noteTrackingId(trackingId: string | undefined): void {
  const locals = storage.getStore()?.locals?.deref();
  if (locals && trackingId) locals.trackingId = trackingId;
}
