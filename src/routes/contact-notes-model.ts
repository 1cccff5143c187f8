// The notes of the contacts region (a contact that went away, a refused action): how long they
// stay, and the id that lets the page announce each once.
import type { ContactNote } from '../agent-session/contact-view';

/** Notes (a contact that went away, a refused action) stay this long; the agent may dismiss them. */
export const NOTE_TTL_MS = 2 * 60_000;

export function noteModel(n: ContactNote) {
  return {
    kind: n.kind,
    text: n.text,
    /** Stable across renders, so the page announces each note once and forgets a dismissed one. */
    id: `note-${n.at.toString(36)}-${hash(typeof n.text === 'string' ? n.text : JSON.stringify(n.text))}`,
    expiresAt: n.at + NOTE_TTL_MS,
  };
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
