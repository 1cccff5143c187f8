// Carries the current request's response locals to the Webex client, so its log line and the
// request's log line share the WxCC tracking id without passing `req` into services.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

interface UpstreamContext {
  locals: { trackingId?: string };
}

const storage = new AsyncLocalStorage<UpstreamContext>();

export const upstreamContext: RequestHandler = (_req, res, next) => {
  storage.run({ locals: res.locals }, next);
};

/** Records the tracking id of the latest upstream call made for the current request. */
export function noteTrackingId(trackingId: string | undefined): void {
  const context = storage.getStore();
  if (context && trackingId) context.locals.trackingId = trackingId;
}
