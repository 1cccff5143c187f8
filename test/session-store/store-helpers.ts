// Promise wrappers over the callback-style express-session Store, and session fixtures.
import { promisify } from 'node:util';
import type { SessionData, Store } from 'express-session';

/** A string that must never be readable in the store's raw bytes. */
export const PLANTED_TOKEN = 'PLANTED-access-token-9f8e7d6c5b4a';

export function makeSession(expiresInMs: number | null, extra: Record<string, unknown> = {}) {
  const cookie = {
    originalMaxAge: expiresInMs,
    expires: expiresInMs === null ? null : new Date(Date.now() + expiresInMs),
    httpOnly: true,
    path: '/',
  };
  // The app's SessionData shape belongs to the app; the store must keep whatever it is given.
  return { cookie, tokens: { accessToken: PLANTED_TOKEN }, ...extra } as unknown as SessionData;
}

export function storeOps(store: Store) {
  const required = <T>(fn: T | undefined, name: string): T => {
    if (fn === undefined) throw new Error(`store has no ${name}()`);
    return fn;
  };
  const touch = required(store.touch, 'touch').bind(store);
  return {
    get: promisify(store.get.bind(store)) as (sid: string) => Promise<SessionData | null>,
    set: promisify(store.set.bind(store)) as (sid: string, s: SessionData) => Promise<void>,
    destroy: promisify(store.destroy.bind(store)) as (sid: string) => Promise<void>,
    // express-session types touch's callback without an error, but connect-redis passes one.
    touch: (sid: string, s: SessionData) =>
      new Promise<void>((resolve, reject) =>
        touch(sid, s, (...args: unknown[]) => (args[0] ? reject(args[0]) : resolve())),
      ),
    length: promisify(required(store.length, 'length').bind(store)) as () => Promise<number>,
    all: promisify(required(store.all, 'all').bind(store)) as () => Promise<
      SessionData[] | Record<string, SessionData>
    >,
    clear: promisify(required(store.clear, 'clear').bind(store)) as () => Promise<void>,
  };
}
