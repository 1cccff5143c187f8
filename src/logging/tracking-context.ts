// Carries the current request's response locals to the Webex client, so its log line and the
// request's log line share the WxCC tracking id without passing `req` into services.
import { AsyncLocalStorage } from 'node:async_hooks';

type Locals = { trackingId?: string };

interface TrackingContext {
  /**
   * Held weakly: timers and sockets created during a request (an agent's notification socket,
   * its keepalive) inherit this context and live for hours; they must not keep the request's
   * locals, and through them the request, alive.
   */
  locals: WeakRef<Locals>;
}

const storage = new AsyncLocalStorage<TrackingContext>();

/** Runs `next` (the rest of one request) with a place to note upstream tracking ids in. */
export function runWithTrackingContext(locals: Locals, next: () => void): void {
  storage.run({ locals: new WeakRef(locals) }, next);
}

/** Records the tracking id of the latest upstream call made for the current request. */
export function noteTrackingId(trackingId: string | undefined): void {
  const locals = storage.getStore()?.locals.deref();
  if (locals && trackingId) locals.trackingId = trackingId;
}
