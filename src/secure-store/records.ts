// What each backend of the secure store implements (its own file, so the backends and the store
// that picks one import it without importing each other).

/** Where sealed records lie: opaque strings with an expiry. The backends know nothing of keys. */
export interface SecureRecords {
  get(key: string): Promise<string | undefined>;
  set(key: string, sealed: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
