// What a live stream remembers of what it last sent: a fingerprint, not the text (a kilobyte or
// more per agent that V8 keeps as long as the stream lives, docs/MEASUREMENTS.md).
import { hash } from 'node:crypto';
import type { StationSnapshot } from '../agent-session/snapshot';

/** Equal for equal text; 44 characters however large the text. */
export function fingerprint(text: string): string {
  return hash('sha256', text, 'base64');
}

/**
 * Which snapshot a page or a push was drawn from: the agent page carries it (`data-drawn-from`)
 * and its stream sends it back, so what changed between the two is sent at once.
 */
export function snapshotKey(snapshot: StationSnapshot): string {
  return fingerprint(JSON.stringify(snapshot));
}

/** A key as `snapshotKey` makes it (SHA-256 in base64), or undefined for anything else. */
export function parseSnapshotKey(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9+/]{43}=$/.test(value) ? value : undefined;
}
