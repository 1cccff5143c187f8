// Identifiers in the shapes Webex uses: opaque tokens, base64 people/org ids, tracking ids.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** The cluster part of Webex tokens (`<opaque>_<cluster>_<orgUuid>`). */
const CLUSTER = 'PF84';

/** Letters and digits only, so the `_` separators of a token stay unambiguous. */
export function opaque(length: number): string {
  let out = '';
  while (out.length < length) {
    out += randomBytes(length)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '');
  }
  return out.slice(0, length);
}

export function webexToken(orgId: string): string {
  return `${opaque(64)}_${CLUSTER}_${orgId}`;
}

export function personId(uuid: string): string {
  return Buffer.from(`ciscospark://us/PEOPLE/${uuid}`).toString('base64').replace(/=+$/, '');
}

export function orgIdOf(uuid: string): string {
  return Buffer.from(`ciscospark://us/ORGANIZATION/${uuid}`).toString('base64').replace(/=+$/, '');
}

/** PKCE S256: base64url(sha256(verifier)), as RFC 7636 defines it. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export type TrackingKind = 'identity' | 'agents' | 'config';

export function newTrackingId(kind: TrackingKind): string {
  if (kind === 'identity') return `ROUTER_${randomUUID().toUpperCase()}`;
  if (kind === 'config') return `ccconfig_${randomUUID()}`;
  return randomUUID();
}

/**
 * Webex echoes a client's TrackingId so both sides can quote the same id; keep only characters
 * that are safe in a header and a log line, and never more than 128 of them.
 */
export function trackingIdFrom(sent: string | undefined, kind: TrackingKind): string {
  const cleaned = (sent ?? '').replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 128);
  return cleaned === '' ? newTrackingId(kind) : cleaned;
}

export { randomUUID };
