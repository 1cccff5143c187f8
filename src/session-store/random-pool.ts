// Random bytes for the small secrets requests keep asking for: a session id for every visitor
// without a cookie, CSRF tokens and nonces, an IV for every record sealed. Each randomBytes call
// went into OpenSSL's generator on its own (2 to 4 % of the Connect page's and the shift start's
// CPU, `npm run bench -- page|agents` profiles); the pool asks it once per 4 KiB, as Node does for
// crypto.randomUUID.
import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/** `size` bytes from the CSPRNG; each byte is handed out once and wiped from the pool. */
export function randomFromPool(size: number): Buffer {
  if (size > POOL_BYTES / 8) return randomBytes(size);
  if (used + size > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const out = Buffer.from(pool.subarray(used, used + size));
  pool.fill(0, used, used + size);
  used += size;
  return out;
}
