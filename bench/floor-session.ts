// The session both yardsticks stand on (session-floor.ts, connection-floor.ts): express-session
// over the encrypted SQLite store in a directory of its own, with the desktop's cookie settings.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import session from 'express-session';
import { createSessionCipher } from '../src/session-store/session-cipher';
import { SqliteSessionStore } from '../src/session-store/sqlite-session-store';

export function floorSession(name: string) {
  const dir = mkdtempSync(path.join(tmpdir(), `wxcc-${name}-`));
  const store = new SqliteSessionStore({
    file: path.join(dir, 'sessions.db'),
    cipher: createSessionCipher(randomBytes(32)),
  });
  return {
    middleware: session({
      name: `${name}.sid`,
      secret: randomBytes(32).toString('hex'),
      store,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', maxAge: 12 * 3600_000 },
    }),
    /** Closes the store and removes its directory. */
    close(): void {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
