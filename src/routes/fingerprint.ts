// What a live stream remembers of what it last sent: a fingerprint, not the text (a kilobyte or
// more per agent that V8 keeps as long as the stream lives, docs/MEASUREMENTS.md).
import { hash } from 'node:crypto';

/** Equal for equal text; 44 characters however large the text. */
export function fingerprint(text: string): string {
  return hash('sha256', text, 'base64');
}
