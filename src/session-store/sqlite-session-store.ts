// An express-session store over an embedded SQLite file, so a restart signs no agent out.
import type Database from 'better-sqlite3';
import session from 'express-session';
import type { SessionData } from 'express-session';
import type { SessionCipher } from './session-cipher';
import { openSqliteFile, type SqliteHandle } from './sqlite-file';
import { ensureKeyedTable } from './sqlite-tables';

/** Used when the cookie has no expiry of its own (a browser-session cookie). */
export const DEFAULT_SESSION_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PRUNE_INTERVAL_MS = 15 * 60 * 1000;
/**
 * express-session touches the session on every request it reads; moving the expiry by less than
 * this is not worth a write (the row still outlives the idle timeout, which is counted apart).
 */
export const TOUCH_RESOLUTION_MS = 60_000;

export interface SqliteSessionStoreOptions {
  /** A file path, or ':memory:' for a store that lives as long as the process. */
  file: string;
  cipher: SessionCipher;
  pruneIntervalMs?: number;
  defaultTtlMs?: number;
}

type Callback<T = void> = (err: unknown, value?: T) => void;

interface SessionRow {
  sid: string;
  expires: number;
  data: string;
}

export class SqliteSessionStore extends session.Store {
  readonly #db: Database.Database;
  readonly #handle: SqliteHandle;
  readonly #cipher: SessionCipher;
  readonly #defaultTtlMs: number;
  readonly #pruneTimer: NodeJS.Timeout;
  /**
   * The expiry each row had when this process last read or wrote it: a touch that would move it
   * by less than TOUCH_RESOLUTION_MS is then answered without a query. Pruned with the rows.
   */
  readonly #knownExpiry = new Map<string, number>();
  readonly #sql: {
    get: Database.Statement<[string, number], SessionRow>;
    upsert: Database.Statement<[string, number, string]>;
    destroy: Database.Statement<[string]>;
    touch: Database.Statement<[{ expires: number; sid: string; now: number; resolution: number }]>;
    all: Database.Statement<[number], SessionRow>;
    count: Database.Statement<[number], { n: number }>;
    clear: Database.Statement<[]>;
    prune: Database.Statement<[number]>;
    ping: Database.Statement<[], { ok: number }>;
  };

  constructor(options: SqliteSessionStoreOptions) {
    super();
    this.#handle = openSqliteFile(options.file);
    this.#db = this.#handle.db;
    ensureKeyedTable(this.#db, { table: 'sessions', key: 'sid', value: 'data' });
    this.#cipher = options.cipher;
    this.#defaultTtlMs = options.defaultTtlMs ?? DEFAULT_SESSION_TTL_MS;
    this.#sql = {
      get: this.#db.prepare(
        'SELECT sid, expires, data FROM sessions WHERE sid = ? AND expires > ?',
      ),
      upsert: this.#db.prepare(
        `INSERT INTO sessions (sid, expires, data) VALUES (?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET expires = excluded.expires, data = excluded.data`,
      ),
      destroy: this.#db.prepare('DELETE FROM sessions WHERE sid = ?'),
      touch: this.#db.prepare(
        `UPDATE sessions SET expires = @expires
         WHERE sid = @sid AND expires > @now AND expires < @expires - @resolution`,
      ),
      all: this.#db.prepare('SELECT sid, expires, data FROM sessions WHERE expires > ?'),
      count: this.#db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE expires > ?'),
      clear: this.#db.prepare('DELETE FROM sessions'),
      prune: this.#db.prepare('DELETE FROM sessions WHERE expires <= ?'),
      ping: this.#db.prepare('SELECT 1 AS ok'),
    };
    this.prune();
    this.#pruneTimer = setInterval(() => {
      try {
        this.prune();
      } catch {
        // Reads already ignore expired rows, so a missed prune only costs disk; the next one retries.
      }
    }, options.pruneIntervalMs ?? DEFAULT_PRUNE_INTERVAL_MS);
    // Pruning must never be what keeps the process alive at shutdown.
    this.#pruneTimer.unref();
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    respond(callback, () => {
      const row = this.#sql.get.get(sid, Date.now());
      if (row === undefined) return null;
      this.#knownExpiry.set(sid, row.expires);
      return this.#cipher.open(row.data, sid);
    });
  }

  override set(sid: string, sess: SessionData, callback?: Callback): void {
    respond(callback, () => {
      const expires = this.#expiresAt(sess);
      if (expires <= Date.now()) {
        this.#sql.destroy.run(sid);
        return;
      }
      this.#sql.upsert.run(sid, expires, this.#cipher.seal(sess, sid));
      this.#knownExpiry.set(sid, expires);
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    respond(callback, () => {
      this.#knownExpiry.delete(sid);
      this.#sql.destroy.run(sid);
    });
  }

  override touch(sid: string, sess: SessionData, callback?: () => void): void {
    // express-session's touch callback takes no error; a failed touch only shortens the session.
    respond(callback && (() => callback()), () => {
      const expires = this.#expiresAt(sess);
      const known = this.#knownExpiry.get(sid);
      if (known !== undefined && expires - known < TOUCH_RESOLUTION_MS) return;
      const { changes } = this.#sql.touch.run({
        expires,
        sid,
        now: Date.now(),
        resolution: TOUCH_RESOLUTION_MS,
      });
      if (changes > 0) this.#knownExpiry.set(sid, expires);
    });
  }

  override all(callback: Callback<Record<string, SessionData>>): void {
    respond(callback, () => {
      const sessions: Record<string, SessionData> = {};
      for (const row of this.#sql.all.all(Date.now())) {
        const sess = this.#cipher.open(row.data, row.sid);
        if (sess !== null) sessions[row.sid] = sess;
      }
      return sessions;
    });
  }

  override length(callback: Callback<number>): void {
    respond(callback, () => this.#sql.count.get(Date.now())?.n ?? 0);
  }

  override clear(callback?: Callback): void {
    respond(callback, () => {
      this.#knownExpiry.clear();
      this.#sql.clear.run();
    });
  }

  /** Deletes expired sessions; returns how many went. */
  prune(): number {
    const now = Date.now();
    for (const [sid, expires] of this.#knownExpiry)
      if (expires <= now) this.#knownExpiry.delete(sid);
    return this.#sql.prune.run(now).changes;
  }

  /** Throws when the database cannot answer a query (for readiness checks). */
  ping(): void {
    this.#sql.ping.get();
  }

  close(): void {
    clearInterval(this.#pruneTimer);
    this.#handle.close();
  }

  #expiresAt(sess: SessionData): number {
    const expires = sess.cookie?.expires;
    // After a JSON round trip the cookie's expiry is a string, not a Date.
    const at = expires ? new Date(expires).getTime() : NaN;
    return Number.isFinite(at) ? at : Date.now() + this.#defaultTtlMs;
  }
}

/** Runs a synchronous store operation and reports it the callback way, outside the try. */
function respond<T>(callback: Callback<T> | undefined, operation: () => T): void {
  let value: T;
  try {
    value = operation();
  } catch (err) {
    callback?.(err);
    return;
  }
  callback?.(null, value);
}
