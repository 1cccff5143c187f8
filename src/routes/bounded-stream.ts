// One live stream's writes, with back-pressure: a client that stops reading (a frozen tab, a
// suspended laptop, a hostile client) would otherwise make this process buffer every update for
// it without bound.
import type { Socket } from 'node:net';
import type { Response } from 'express';

/**
 * What a stream may hold unsent in this process before it is closed. A push is a few kilobytes
 * (the page's regions), so this is dozens of updates behind: a reading client is never near it.
 * The browser's EventSource reconnects and is sent the current state (see events-routes.ts).
 */
export const MAX_UNSENT_BYTES = 256 * 1024;

export interface BoundedStream {
  /** Writes unless the stream is over; false when it is (ended, or just closed for lagging). */
  write(chunk: string): boolean;
  /** False once ended or closed: nothing more is worth rendering for it. */
  isOpen(): boolean;
}

export function boundedStream(
  res: Response,
  onOverflow: (unsentBytes: number) => void,
  maxUnsentBytes = MAX_UNSENT_BYTES,
): BoundedStream {
  const isOpen = () => !res.writableEnded && !res.destroyed;
  /**
   * Writes of one turn of the event loop leave in one system call: a change's `station` event and
   * the regions rendered for it right after were two writes each (a tenth of the fan-out's CPU
   * went to socket writes). The socket is uncorked at the end of the turn, whatever happens.
   */
  let corked: Socket | undefined;
  const uncork = () => {
    corked?.uncork();
    corked = undefined;
  };
  return {
    isOpen,
    write(chunk) {
      if (!isOpen()) return false;
      if (corked === undefined && res.socket) {
        corked = res.socket;
        corked.cork();
        setImmediate(uncork);
      }
      res.write(chunk);
      // writableLength is what Node holds for this response beyond what the socket took.
      const unsent = res.writableLength;
      if (unsent <= maxUnsentBytes) return true;
      // Not end(): a graceful end would queue behind the very data the client does not read.
      res.destroy();
      onOverflow(unsent);
      return false;
    },
  };
}
