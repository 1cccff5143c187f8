// What the secure store last opened per key: an agent's tokens are read on every WxCC call, and
// opening the same sealed record again (an AES-GCM decipher, base64, JSON) was a hot-path cost.
//
// Only small records read often are remembered. The statistics keep records that grow with every
// contact (an agent's day, up to hundreds of contacts; the last 50 contacts, about 27,000 sealed
// characters): remembered, each cost its size twice (sealed and opened) for every agent, and the
// 1,000-agent soak's heap grew by about 2.7 KB a contact with them (issue 19). Their store asks
// for them not to be kept (`remember: false`), and anything large is not kept either: they are
// read once a page view, where opening them again costs less than the parse that happens anyway.
//
// What is kept of the sealed text is its SHA-256 digest, not the text: the three records an agent
// has here are sealed in about 250 characters each against a digest's 44, about 0.6 KB of every
// connected agent's memory for the shift (heap snapshot, docs/MEASUREMENTS.md, fifteenth pass).
// A digest decides as the text did: a record rewritten elsewhere or altered at rest hashes to
// another digest and is opened, and checked, again. Hashing costs about a microsecond a read.
import { hash } from 'node:crypto';

/** Records remembered at most; past it the least recently used is forgotten. */
const MAX_RECORDS = 20_000;
/** A sealed record longer than this is opened on every read, never remembered. */
export const MAX_RECORD_CHARS = 4096;
/** Characters (digests and opened values together) remembered at most: about 16 MiB. */
const MAX_TOTAL_CHARS = 16 * 1024 * 1024;

/** What stands for a sealed text: it differs whenever the text does. */
const digestOf = (sealed: string) => hash('sha256', sealed, 'base64');

/**
 * Remembers, per key, the digest of the sealed text last seen and the JSON it opened to. A record
 * is reused only when the store hands back the same sealed text (the same digest: a record changed
 * by another instance or altered at rest is opened, and checked, again); each read parses its own
 * copy, so no caller can change what another caller gets.
 */
export function openedRecords(
  max = MAX_RECORDS,
  limits: { recordChars: number; totalChars: number } = {
    recordChars: MAX_RECORD_CHARS,
    totalChars: MAX_TOTAL_CHARS,
  },
) {
  const opened = new Map<string, { digest: string; json: string }>();
  let chars = 0;
  const forget = (key: string) => {
    const entry = opened.get(key);
    if (entry === undefined) return;
    chars -= entry.digest.length + entry.json.length;
    opened.delete(key);
  };
  return {
    /** The value when `sealed` is what was opened last for `key`; undefined otherwise. */
    recall(key: string, sealed: string): unknown {
      const hit = opened.get(key);
      if (hit === undefined || hit.digest !== digestOf(sealed)) return undefined;
      // Used again: to the back of the line, so the records read most stay.
      opened.delete(key);
      opened.set(key, hit);
      return JSON.parse(hit.json) as unknown;
    },
    remember(key: string, sealed: string, value: unknown): void {
      forget(key);
      if (sealed.length > limits.recordChars) return;
      const json = JSON.stringify(value);
      const digest = digestOf(sealed);
      chars += digest.length + json.length;
      opened.set(key, { digest, json });
      while (opened.size > max || chars > limits.totalChars)
        forget(opened.keys().next().value as string);
    },
    forget,
    size: () => opened.size,
    /** Characters held, digests and opened values: what the memo costs in memory. */
    chars: () => chars,
  };
}
