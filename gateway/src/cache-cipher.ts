import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = 1 + IV_BYTES + TAG_BYTES;

/** A 32-byte key written as 64 hex digits or as base64 (e.g. `openssl rand -hex 32`). */
export function parseCacheKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('the cache key must be 32 bytes, as 64 hex digits or base64');
  return key;
}

/**
 * Nothing the gateway caches lies in Redis in clear: every value (answers, `_entities` entries,
 * persisted queries) is sealed with AES-256-GCM under a random 96-bit IV, bound to the Redis key it
 * is stored under (additional data), so an entry copied to another key or scope does not open.
 * Every value, not only those with personal fields: the gateway cannot reliably tell which answers
 * carry them (any field of any subgraph may), and sealing all costs microseconds.
 *
 * Parts of keys that may carry caller data (variables, representations, scopes, entity ids) are
 * replaced by a keyed hash (HMAC-SHA-256), which unlike a plain hash cannot be brute-forced back
 * to a resident ID without the key. Both subkeys are derived with HKDF from one secret: the
 * configured cache key, else the hop secret, so nothing new must be configured. Another secret
 * (rotation) makes every old entry unreachable and undecryptable: a miss, until its TTL ends.
 */
export class CacheCipher {
  private readonly sealKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(secret: Buffer | string) {
    const ikm = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
    if (ikm.length === 0) throw new Error('the cache secret is empty');
    const derive = (info: string) =>
      Buffer.from(hkdfSync('sha256', ikm, 'union-graph gateway cache', info, 32));
    this.sealKey = derive('aes-256-gcm value v1');
    this.hashKey = derive('hmac-sha256 key part v1');
  }

  /** A keyed hash of part of a Redis key (safe in clear, stable for one secret). */
  id(part: string): string {
    return createHmac('sha256', this.hashKey).update(part).digest('base64url');
  }

  /** `version ‖ IV ‖ tag ‖ ciphertext`, bound to `key`. */
  seal(plain: string, key: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    cipher.setAAD(Buffer.from(key, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]);
  }

  /** The plain value, or `undefined` for anything absent, tampered, moved or sealed with another key. */
  open(sealed: Buffer | null | undefined, key: string): string | undefined {
    if (!sealed || sealed.length < HEADER || sealed[0] !== VERSION) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, sealed.subarray(1, 1 + IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(key, 'utf8'));
      decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, HEADER));
      return Buffer.concat([decipher.update(sealed.subarray(HEADER)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
