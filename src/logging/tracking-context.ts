// Carries the current request's response locals to the Webex client, so its log line and the
// request's log line share the WxCC tracking id without passing `req` into services.
import { AsyncLocalStorage } from 'node:async_hooks';

interface TrackingContext {
  locals: { trackingId?: string };
}

const storage = new AsyncLocalStorage<TrackingContext>();

/** Runs `next` (the rest of one request) with a place to note upstream tracking ids in. */
export function runWithTrackingContext(locals: TrackingContext['locals'], next: () => void): void {
  storage.run({ locals }, next);
}

/** Records the tracking id of the latest upstream call made for the current request. */
export function noteTrackingId(trackingId: string | undefined): void {
  const context = storage.getStore();
  if (context && trackingId) context.locals.trackingId = trackingId;
}
