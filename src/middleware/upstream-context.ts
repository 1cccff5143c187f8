// Opens the per-request tracking context: the request's tracking id (on its log lines and sent to
// WxCC as TrackingID) and a place for the Webex client to note the ids WxCC answers with.
import type { RequestHandler } from 'express';
import { requestTrackingId, runWithTrackingContext } from '../logging/tracking-context';

export const upstreamContext: RequestHandler = (req, res, next) => {
  runWithTrackingContext(requestTrackingId(req.id), res.locals, next);
};
