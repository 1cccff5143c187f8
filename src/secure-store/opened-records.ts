// What the secure store last opened per key: an agent's tokens are read on every WxCC call, and
// opening the same sealed record again (an AES-GCM decipher, base64, JSON) was a hot-path cost.

/** Records remembered at most; past it the oldest is forgotten (a shift is far below it). */
const MAX_RECORDS = 20_000;

/**
 * Remembers, per key, the sealed text last seen and the JSON it opened to. A record is reused only
 * when the store hands back exactly the same sealed text (compared in full, so a record changed by
 * another instance or altered at rest is opened, and checked, again); each read parses its own
 * copy, so no caller can change what another caller gets.
 */
export function openedRecords(max = MAX_RECORDS) {
  const opened = new Map<string, { sealed: string; json: string }>();
  return {
    /** The value when `sealed` is what was opened last for `key`; undefined otherwise. */
    recall(key: string, sealed: string): unknown {
      const hit = opened.get(key);
      return hit !== undefined && hit.sealed === sealed
        ? (JSON.parse(hit.json) as unknown)
        : undefined;
    },
    remember(key: string, sealed: string, value: unknown): void {
      opened.delete(key);
      if (opened.size >= max) opened.delete(opened.keys().next().value as string);
      opened.set(key, { sealed, json: JSON.stringify(value) });
    },
    forget(key: string): void {
      opened.delete(key);
    },
    size: () => opened.size,
  };
}
