// Encryption at rest (AES-256-GCM) for stored sessions, the secure store and the event bus.
import { createCipheriv, createDecipheriv, scryptSync } from 'node:crypto';
import { randomFromPool } from './random-pool';
import type { SessionData } from 'express-session';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// A version prefix lets a later format (or key rotation) tell old records apart.
const FORMAT = 'v1';
const MIN_PASSPHRASE_LENGTH = 32;
// The salt must be fixed: every instance and every restart has to derive the same key.
const PASSPHRASE_SALT = 'wxcc-agent-desktop/session-encryption/v1';

/**
 * Seals any JSON value: the session store, the secure store (src/secure-store) and the event bus
 * all go through this one implementation, each with its own context so records cannot be swapped.
 */
export interface JsonCipher {
  /** Serializes and encrypts; `context` (e.g. the record's key) is bound as associated data. */
  seal(value: unknown, context?: string): string;
  /** Undefined when the record is malformed, tampered with, sealed for another context or key. */
  open(sealed: string, context?: string): unknown;
}

export interface SessionCipher {
  /** Serializes and encrypts; `context` (e.g. the session id) is bound as associated data. */
  seal(session: SessionData, context?: string): string;
  /** Null when the record is malformed, tampered with, sealed for another context or key. */
  open(sealed: string, context?: string): SessionData | null;
}

/** The JSON cipher typed for express-session records, which take null for "no session". */
export function createSessionCipher(key: Buffer): SessionCipher {
  const cipher = createJsonCipher(key);
  return {
    seal: (session, context) => cipher.seal(session, context),
    open: (sealed, context) => (cipher.open(sealed, context) as SessionData | undefined) ?? null,
  };
}

export function createJsonCipher(key: Buffer): JsonCipher {
  if (key.length !== KEY_BYTES) {
    throw new Error(`Session encryption key must be ${KEY_BYTES} bytes (got ${key.length})`);
  }
  return {
    seal(value, context = '') {
      const json = JSON.stringify(value);
      // JSON.stringify gives undefined for undefined or a function: nothing that could be opened.
      if (json === undefined) throw new TypeError('Only JSON values can be sealed');
      const iv = randomFromPool(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return [FORMAT, ...parts].join('.');
    },
    open(sealed, context = '') {
      const [format, iv, tag, body, ...rest] = sealed.split('.');
      if (format !== FORMAT || iv === undefined || tag === undefined || body === undefined) {
        return undefined;
      }
      if (rest.length > 0) return undefined;
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tagBytes);
        const json = Buffer.concat([
          decipher.update(Buffer.from(body, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
        return JSON.parse(json) as unknown;
      } catch {
        // A failed tag check means tampering or a changed key: the agent simply signs in again.
        return undefined;
      }
    },
  };
}

/**
 * Turns SESSION_ENCRYPTION_KEY into a 32-byte key: 64 hex characters or base64 of 32 bytes are
 * used as they are; a passphrase of 32+ characters is stretched with scrypt.
 */
export function deriveEncryptionKey(secret: string): Buffer {
  const value = secret.trim();
  if (value === '') {
    throw new Error('Session encryption key (SESSION_ENCRYPTION_KEY) is empty');
  }
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const decoded = Buffer.from(value, 'base64');
    if (decoded.length === KEY_BYTES) return decoded;
  }
  if (value.length < MIN_PASSPHRASE_LENGTH) {
    throw new Error(
      `Session encryption key (SESSION_ENCRYPTION_KEY) is too weak: give 64 hex characters, ` +
        `base64 of 32 bytes, or a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters ` +
        `(got ${value.length} characters)`,
    );
  }
  // scrypt rather than HKDF: a passphrase has far less entropy than its length suggests.
  return scryptSync(value, PASSPHRASE_SALT, KEY_BYTES, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
}
