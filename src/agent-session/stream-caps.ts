// Caps on open live page streams, per session and per agent, across every instance: a new stream
// over a cap closes the oldest, wherever it is held.
import { randomBytes } from 'node:crypto';
import { keys, type ClusterBackend } from '../cluster/backend';
import type { EventBus } from './event-bus';

export interface StreamCaps {
  /** Registers a new stream; the oldest beyond a cap are told to close. Returns the stream id. */
  open(agentId: string, sessionId: string): Promise<string>;
  close(agentId: string, sessionId: string, streamId: string): Promise<void>;
}

export function createStreamCaps(
  backend: ClusterBackend,
  bus: EventBus,
  limits: { perSession: number; perAgent: number },
  now: () => number = Date.now,
): StreamCaps {
  let seq = 0;
  return {
    async open(agentId, sessionId) {
      const streamId = randomBytes(9).toString('base64url');
      // Same-millisecond streams keep their order: a fraction breaks the tie.
      const t = now() + (seq++ % 1000) / 1000;
      const evicted = new Set([
        ...(await backend.pushCapped(
          keys.streams(`session:${sessionId}`),
          streamId,
          t,
          limits.perSession,
        )),
        ...(await backend.pushCapped(
          keys.streams(`agent:${agentId}`),
          streamId,
          t,
          limits.perAgent,
        )),
      ]);
      if (evicted.size > 0)
        await bus.publish(agentId, { kind: 'close-streams', ids: [...evicted] });
      return streamId;
    },
    async close(agentId, sessionId, streamId) {
      await backend.removeMember(keys.streams(`session:${sessionId}`), streamId);
      await backend.removeMember(keys.streams(`agent:${agentId}`), streamId);
    },
  };
}
