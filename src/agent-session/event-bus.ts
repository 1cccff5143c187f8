// The agent's events channel (events:<agent>) and latest snapshot: how every instance sees what the
// socket owner hears, and how instances ask the owner (take back, end) without knowing which it is.
import type { SessionFact } from './reduce';
import type { NotificationEvent, StationSnapshot } from './snapshot';
import type { SessionData } from 'express-session';
import type { SessionCipher } from '../session-store/session-cipher';
import { keys, type ClusterBackend } from '../cluster/backend';
import { currentTrackingId, runWithTrackingId } from '../logging/tracking-context';

/**
 * Every raw WxCC event travels with the snapshot reduced after it, whatever the snapshot holds
 * (station state today, contacts tomorrow), so a reader never needs to reduce anything itself.
 */
export type BusMessage =
  | { kind: 'event'; event: NotificationEvent; snapshot: StationSnapshot }
  | { kind: 'snapshot'; snapshot: StationSnapshot }
  /** The agent signed out or expired: the owner closes the socket, every stream ends. */
  | { kind: 'end'; reason: string }
  /** The agent chose "Use this desktop again" on some instance: the owner subscribes with force. */
  | { kind: 'take-back' }
  /** Something the desktop learned itself on some instance: the owner's session reduces it. */
  | { kind: 'fact'; fact: SessionFact }
  /** Streams over their cap: whichever instance holds them ends them. */
  | { kind: 'close-streams'; ids: string[] };

export type EventBus = ReturnType<typeof createEventBus>;

// Long enough to outlive any restart of the owner; refreshed with every event.
const SNAPSHOT_TTL_MS = 24 * 3600 * 1000;

/**
 * Events and snapshots carry what an agent is doing (and, with contacts, about whom): with a
 * cipher (the session store's, server.ts passes it) they never lie in Redis or cross it in clear.
 * Each is bound to its agent, so one agent's record cannot be passed off as another's.
 */
function codec(cipher: SessionCipher | undefined) {
  return {
    encode: (value: unknown, agentId: string) =>
      cipher ? cipher.seal(value as SessionData, `agent:${agentId}`) : JSON.stringify(value),
    decode: <T>(raw: string, agentId: string): T | undefined => {
      if (cipher) return (cipher.open(raw, `agent:${agentId}`) ?? undefined) as T | undefined;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return undefined;
      }
    },
  };
}

/** What travels on the bus: the message, and the tracking id of the work that sent it. */
type TrackedMessage = BusMessage & { trackingId?: string };

export function createEventBus(
  backend: ClusterBackend,
  cipher?: SessionCipher,
  log: (event: string, details?: Record<string, unknown>) => void = () => undefined,
) {
  const { encode, decode } = codec(cipher);
  // One publish reaches every listener of this instance with the same text (the owner's session,
  // each open page, each waiter): it is opened once, not once per listener, and not at all on the
  // instance that sent it, whose listeners are handed the message it sent. Readers never change a
  // message (snapshots are replaced, not edited), so they can share it, the sender included.
  let lastRaw: string | undefined;
  let lastAgent: string | undefined;
  let lastMessage: TrackedMessage | undefined;
  const open = (raw: string, agentId: string): TrackedMessage | undefined => {
    if (raw !== lastRaw || agentId !== lastAgent) {
      lastMessage = decode<TrackedMessage>(raw, agentId);
      lastRaw = raw;
      lastAgent = agentId;
    }
    return lastMessage;
  };

  function subscribe(agentId: string, listener: (message: BusMessage) => void) {
    return backend.subscribe(keys.events(agentId), (raw) => {
      const sent = open(raw, agentId);
      if (sent === undefined) return;
      // The work a message sets off here (a fact, a take-back, a page update) continues the
      // sender's: same tracking id, whichever instance it runs on.
      const { trackingId, ...message } = sent;
      runWithTrackingId(trackingId, () => listener(message as BusMessage));
    });
  }

  /**
   * Waits for the first message `pick` accepts, from whichever instance publishes it. Resolves
   * once listening, so the caller can act after it and miss nothing; undefined on timeout.
   */
  async function waitFor<T>(
    agentId: string,
    pick: (message: BusMessage) => T | undefined,
    timeoutMs: number,
  ): Promise<{ promise: Promise<T | undefined>; cancel: () => void }> {
    let finish: (value: T | undefined) => void = () => undefined;
    const promise = new Promise<T | undefined>((resolve) => {
      let done = false;
      finish = (value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        void stopping
          .then((stop) => stop())
          .catch((err: unknown) =>
            log('could not stop waiting on the agent channel', { agentId, err }),
          );
        resolve(value);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      timer.unref();
    });
    const stopping = subscribe(agentId, (message) => {
      const value = pick(message);
      if (value !== undefined) finish(value);
    });
    await stopping;
    return { promise, cancel: () => finish(undefined) };
  }

  return {
    /** Resolves once listening: a caller that subscribes before it acts misses no result. */
    subscribe,
    waitFor,
    publish(agentId: string, message: BusMessage): Promise<void> {
      const trackingId = currentTrackingId();
      const sent: TrackedMessage = trackingId === undefined ? message : { ...message, trackingId };
      const raw = encode(sent, agentId);
      lastRaw = raw;
      lastAgent = agentId;
      lastMessage = sent;
      return backend.publish(keys.events(agentId), raw);
    },
    async latest(agentId: string): Promise<StationSnapshot | undefined> {
      const raw = await backend.getValue(keys.snapshot(agentId));
      return raw === undefined ? undefined : decode<StationSnapshot>(raw, agentId);
    },
    /**
     * Stores the agent's latest snapshot; with `holder`, only while that instance still holds the
     * agent's lease (false otherwise), so an owner that lost it cannot overwrite its successor's.
     */
    async save(agentId: string, snapshot: StationSnapshot, holder?: string): Promise<boolean> {
      const sealed = encode(snapshot, agentId);
      const key = keys.snapshot(agentId);
      if (holder === undefined) {
        await backend.setValue(key, sealed, SNAPSHOT_TTL_MS);
        return true;
      }
      return backend.setValueIfHolder(keys.owner(agentId), holder, key, sealed, SNAPSHOT_TTL_MS);
    },
    forget(agentId: string): Promise<void> {
      return backend.deleteValue(keys.snapshot(agentId));
    },
  };
}
