// GET /events: Server-Sent Events that push the agent's station changes to the open page, from
// whichever instance holds the agent's socket.
import type { ServerResponse } from 'node:http';
import { Router, type Request, type Response } from 'express';
import { fingerprint, parseSnapshotKey, snapshotKey } from './fingerprint';
import type { StationService } from '../station/station-service';
import type { NotificationEvent, StationSnapshot } from '../agent-session/snapshot';
import type { DesktopMetrics } from '../metrics/metrics';
import { everyPeriod } from '../agent-session/shared-ticker';
import { boundedStream } from './bounded-stream';
import { livePusher, liveStreamOf, type LiveRenderer } from './live-fragments';
import { context } from './session-helpers';

const HEARTBEAT_MS = 15_000;
/** A stream closed for being over a cap waits this long before its page tries again. */
const EVICTED_RETRY_MS = 120_000;

export function eventsRoutes(
  station: StationService,
  shutdown?: AbortSignal,
  render?: LiveRenderer,
  metrics?: Pick<DesktopMetrics, 'liveStreams' | 'eventPushed'>,
): Router {
  const router = Router();

  router.get('/events', async (req, res) => {
    const ctx = context(req);
    const agentId = ctx.agent.agentId;
    // Makes sure some instance holds the agent's socket (after a restart or a fail-over).
    const first = await station.snapshot(ctx);
    // The browser may have left while we waited: nothing to stream, nothing to clean up later.
    if (req.destroyed || res.writableEnded) return;
    // A browser coming back (EventSource sends the id it last saw) may have missed changes while
    // it was away, or been closed for not reading; a page names the snapshot it was drawn from,
    // and an offer may have come between the page and this stream: either is sent the current
    // state at once. A client that names none (a script of its own) is taken to show `first`.
    const firstKey = snapshotKey(first);
    const drawnFrom = parseSnapshotKey(req.query.drawn);
    const behind =
      req.get('Last-Event-ID') !== undefined || (drawnFrom !== undefined && drawnFrom !== firstKey);
    // What was last sent, as fingerprints: the JSON itself is a kilobyte or more per agent, which
    // V8 keeps as a tree of joined strings for as long as the stream lives (docs/MEASUREMENTS.md).
    let last = behind ? '' : fingerprint(JSON.stringify(publicView(first)));
    let lastWhole = behind ? '' : firstKey;
    let held: StationSnapshot | undefined = behind ? first : undefined;
    const stream = boundedStream(res, (unsentBytes) =>
      req.log.info({ agentId, unsentBytes }, 'live stream closed: the page stopped reading'),
    );
    // The page's regions, rendered here, follow each change (live-fragments.ts).
    const pushRegions = render ? livePusher(liveStreamOf(req, ctx), stream, render) : undefined;
    const send = (snapshot: StationSnapshot, event?: NotificationEvent) => {
      // A change heard while the headers are not out yet is sent right after them.
      if (!res.headersSent) return void (held = snapshot);
      if (!stream.isOpen()) return;
      // Every raw event carries the snapshot: only a change is worth pushing.
      const whole = snapshotKey(snapshot);
      if (whole === lastWhole) return;
      lastWhole = whole;
      const data = JSON.stringify(publicView(snapshot));
      const sent = fingerprint(data);
      if (sent !== last) {
        last = sent;
        if (!stream.write(`event: station\ndata: ${data}\n\n`)) return;
      }
      // How late the page hears it: from WxCC's own stamp on the event.
      const stamped = event?.data.eventTime;
      if (typeof stamped === 'number') metrics?.eventPushed((Date.now() - stamped) / 1000);
      pushRegions?.(snapshot);
    };
    // Over a cap (per session, per agent, across instances) the oldest stream is closed.
    const streamId = await station.streams.open(agentId, req.sessionID);
    let ended = false;
    const end = (why: 'ended' | 'evicted' = 'ended') => {
      if (ended) return;
      ended = true;
      // Over a cap: this page should not come straight back and close someone else's stream.
      if (why === 'evicted' && res.headersSent && !res.writableEnded)
        res.write(`retry: ${EVICTED_RETRY_MS}\n\n`);
      res.end();
    };
    // Subscribed before the headers go out: nothing published from now on is missed.
    const stop = await station.watch(agentId, { onSnapshot: send, onEnd: end, streamId });
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // The headers go out now, on their own: Node keeps the response's header block for as long as
    // the stream lives, built as a tree of joined strings (one per header line, about 2.5 KB per
    // agent); written alone to the socket it is flattened into one string of a third of that.
    res.flushHeaders();
    // The id makes a reconnecting browser say so (Last-Event-ID), whenever the stream ends.
    res.write('retry: 2000\nid: 1\n\n');
    if (held) send(held);
    metrics?.liveStreams.inc();
    // One timer beats for every open stream (shared-ticker.ts).
    const stopHeartbeat = everyPeriod(HEARTBEAT_MS, () => stream.write(': keepalive\n\n'));
    const onShutdown = () => end();
    // At shutdown the stream ends; the browser's EventSource reconnects to the next process.
    shutdown?.addEventListener('abort', onShutdown, { once: true });
    forgetRequestState(req, res);
    req.on('close', () => {
      metrics?.liveStreams.dec();
      stopHeartbeat();
      shutdown?.removeEventListener('abort', onShutdown);
      stop();
      void station.streams
        .close(agentId, req.sessionID, streamId)
        .catch((err: unknown) => req.log.warn({ err }, 'could not unregister a closed stream'));
    });
  });

  return router;
}

/**
 * What the request carried to reach the stream, once the stream has taken what it needs: the
 * session (its agent and form token are in the renders' `LiveStream`), the language and the views'
 * locals. A stream lives for hours, and these were about 1.5 KB of every agent's memory for as long
 * (live heap with 1,000 agents 60.9 -> 59.4 MB, `BENCH_HEAP_SNAPSHOT=1 npm run bench -- agents`,
 * docs/MEASUREMENTS.md). Without a session, express-session leaves the stream's end alone: no
 * touch and no save (a stream changes nothing in it; saving the copy it read hours before would
 * overwrite what other requests wrote since).
 *
 * express-session also wrapped the response's `end` (to save the session) and `writeHead` (to set
 * its cookie); their closures share its per-request scope, which holds the router's continuation
 * (`next`, also kept as `req.next`), and the whole chain of Express's per-request closures with it:
 * about 2.8 KB a stream (live heap 57.9 -> 55.1 MB with 1,000 agents, fifteenth pass). With the
 * headers out and no session left, neither wrapper has anything to do, so the stream ends with
 * its class's own `end`, Node's. No other middleware wraps either (the request log listens for
 * 'finish' and 'close'); one that did would be let go here too.
 */
function forgetRequestState(req: Request, res: Response): void {
  // Set to undefined, not deleted: a deleted property would turn the request into a dictionary
  // (larger than what it let go).
  (req as { session?: unknown }).session = undefined;
  req.i18n = undefined;
  req.next = undefined;
  // The request's log line still names an upstream's tracking id (request-logger.ts).
  const { trackingId } = res.locals;
  res.locals = trackingId === undefined ? {} : { trackingId };
  // Its class's own methods (Node's, through Express's response prototype).
  const own = Object.getPrototypeOf(res) as ServerResponse;
  (res as ServerResponse).end = own.end;
  (res as ServerResponse).writeHead = own.writeHead;
}

/** Only what the page shows: never anything from the session or the tokens. */
function publicView(s: StationSnapshot) {
  return {
    loggedIn: s.loggedIn,
    subStatus: s.subStatus ?? null,
    auxCodeId: s.auxCodeId ?? null,
    lastStateChangeTimestamp: s.lastStateChangeTimestamp ?? null,
    changedByName: s.changedByName ?? null,
    takenOver: s.takenOver,
    busy: s.interactionIds.length > 0,
    // Which contacts exist and in what state: the page refreshes its contacts region from these.
    contacts: Object.values(s.contacts?.items ?? {}).map((c) => ({
      id: c.interactionId,
      state: c.state,
    })),
  };
}
