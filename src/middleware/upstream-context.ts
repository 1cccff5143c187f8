// Opens the per-request tracking context that the Webex client notes WxCC tracking ids in.
import type { RequestHandler } from 'express';
import { runWithTrackingContext } from '../logging/tracking-context';

export const upstreamContext: RequestHandler = (_req, res, next) => {
  runWithTrackingContext(res.locals, next);
};
