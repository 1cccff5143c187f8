// GET /events: Server-Sent Events that push the agent's station changes to the open page.
import { Router } from 'express';
import type { StationService } from '../services/station-service';
import type { StationSnapshot } from '../services/station-types';
import { context } from './session-helpers';

const HEARTBEAT_MS = 15_000;

export function eventsRoutes(station: StationService, shutdown?: AbortSignal): Router {
  const router = Router();

  router.get('/events', async (req, res) => {
    const ctx = context(req);
    // Starts the agent's notification socket if this process has none yet (after a restart).
    await station.snapshot(ctx);
    // The browser may have left while we waited: nothing to stream, nothing to clean up later.
    if (req.destroyed || res.writableEnded) return;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const send = (snapshot: StationSnapshot) => {
      res.write(`event: station\ndata: ${JSON.stringify(publicView(snapshot))}\n\n`);
    };
    // When the agent's channel ends (sign-out elsewhere, timeout), end the stream: EventSource
    // reconnects and attaches to whatever channel is current.
    const stop = station.watch(ctx.agent.agentId, send, () => res.end());
    const heartbeat = setInterval(() => res.write(': keepalive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const end = () => res.end();
    // At shutdown the stream ends; the browser's EventSource reconnects to the next process.
    shutdown?.addEventListener('abort', end, { once: true });
    req.on('close', () => {
      clearInterval(heartbeat);
      shutdown?.removeEventListener('abort', end);
      stop();
    });
  });

  return router;
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
