import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Caller } from './caller';
import { isRole } from './roles';

/**
 * The gateway → subgraph hop. The gateway sends the caller as base64url JSON with a timestamp and
 * an HMAC-SHA256 over `timestamp.caller.sha256(body)`, so a subgraph can trust the caller without
 * seeing the client's token, and a captured request cannot be replayed later or with another body.
 * Each hop also carries a random nonce under the signature: a subgraph refuses a nonce it has seen
 * within the validity window, so a captured request cannot be sent again within it either.
 */
export const HOP_HEADERS = {
  caller: 'x-union-caller',
  timestamp: 'x-union-timestamp',
  nonce: 'x-union-nonce',
  signature: 'x-union-signature',
} as const;

export const DEFAULT_MAX_SKEW_MS = 60_000;

export class HopError extends Error {}

function mac(
  secret: string,
  timestamp: string,
  nonce: string,
  callerB64: string,
  body: string | Buffer,
): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', secret)
    .update(`${timestamp}.${nonce}.${callerB64}.${bodyHash}`)
    .digest('base64url');
}

export function signHop(
  caller: Caller,
  body: string | Buffer,
  secret: string,
  now = Date.now(),
): Record<string, string> {
  const callerB64 = Buffer.from(JSON.stringify(caller)).toString('base64url');
  const timestamp = String(now);
  const nonce = randomBytes(16).toString('base64url');
  return {
    [HOP_HEADERS.caller]: callerB64,
    [HOP_HEADERS.timestamp]: timestamp,
    [HOP_HEADERS.nonce]: nonce,
    [HOP_HEADERS.signature]: mac(secret, timestamp, nonce, callerB64, body),
  };
}

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string {
  const value = headers[name];
  if (typeof value !== 'string' || value.length === 0) throw new HopError(`missing ${name} header`);
  return value;
}

function parseCaller(callerB64: string): Caller {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(callerB64, 'base64url').toString('utf8'));
  } catch {
    throw new HopError('malformed caller');
  }
  const c = raw as Partial<Caller>;
  if (
    typeof c?.id !== 'string' ||
    !Array.isArray(c.roles) ||
    !c.roles.every(isRole) ||
    !(c.orgId === null || typeof c.orgId === 'string')
  ) {
    throw new HopError('malformed caller');
  }
  return {
    id: c.id,
    roles: c.roles,
    orgId: c.orgId,
    ...(typeof c.memberId === 'string' ? { memberId: c.memberId } : {}),
    ...(typeof c.client === 'string' ? { client: c.client } : {}),
    ...(c.language === 'en' ? { language: 'en' as const } : {}),
  };
}

export interface VerifiedHop {
  caller: Caller;
  /** Unique per signed request: the receiver refuses one it has seen (see NonceGuard in the kit). */
  nonce: string;
  /** Until when the signature is accepted; a nonce need be remembered no longer. */
  validUntil: number;
}

export interface VerifyOptions {
  now?: number;
  maxSkewMs?: number;
}

/** The caller of a correctly signed, fresh request; throws HopError otherwise. */
export function verifyHop(
  headers: HeaderBag,
  body: string | Buffer,
  secret: string,
  opts?: VerifyOptions,
): Caller {
  return verifySignedHop(headers, body, secret, opts).caller;
}

/** As verifyHop, with the nonce the receiver must not accept twice. */
export function verifySignedHop(
  headers: HeaderBag,
  body: string | Buffer,
  secret: string,
  { now = Date.now(), maxSkewMs = DEFAULT_MAX_SKEW_MS }: VerifyOptions = {},
): VerifiedHop {
  const callerB64 = header(headers, HOP_HEADERS.caller);
  const timestamp = header(headers, HOP_HEADERS.timestamp);
  const nonce = header(headers, HOP_HEADERS.nonce);
  const signature = header(headers, HOP_HEADERS.signature);
  const ts = Number(timestamp);
  if (!Number.isSafeInteger(ts) || Math.abs(now - ts) > maxSkewMs) throw new HopError('stale signature');
  if (!/^[\w-]{16,64}$/.test(nonce)) throw new HopError('malformed nonce');
  const expected = Buffer.from(mac(secret, timestamp, nonce, callerB64, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new HopError('bad signature');
  }
  return { caller: parseCaller(callerB64), nonce, validUntil: ts + maxSkewMs };
}

/** Bits a secret must carry, estimated from its characters (see `estimateSecretBits`). */
export const MIN_SECRET_BITS = 128;
const MAKE_ONE = 'make one with `openssl rand -hex 32`';

/**
 * A conservative estimate of a secret's entropy: its length times the Shannon entropy of its
 * characters' frequencies, counting a secret made of one unit repeated as that unit alone.
 * `openssl rand -hex 32` (64 hex digits) scores about 250 bits; 32 × "a" scores 0, and a word
 * repeated scores what the word does.
 */
export function estimateSecretBits(secret: string): number {
  const all = [...secret];
  // A secret made of one unit repeated ("password" × 8) carries no more than the unit.
  const repeats = (p: number) => p > 0 && all.every((c, i) => c === all[i % p]);
  const period = all.findIndex((_, p) => repeats(p));
  const chars = period === -1 ? all : all.slice(0, period);
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / chars.length) * Math.log2(n / chars.length);
  return Math.floor(perChar * chars.length);
}

/**
 * What is wrong with the secrets a production deployment runs with: each must carry about
 * 128 bits, and the JWT secret must not be the hop secret (a subgraph could mint client tokens).
 */
export function productionSecretProblems(secrets: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const given = Object.entries(secrets).filter((e): e is [string, string] => !!e[1]);
  for (const [name, secret] of given) {
    const bits = estimateSecretBits(secret);
    if (new Set(secret).size <= 1) problems.push(`${name} is one character repeated: ${MAKE_ONE}`);
    else if (bits < MIN_SECRET_BITS)
      problems.push(`${name} is too weak (about ${bits} bits, ${MIN_SECRET_BITS} needed): ${MAKE_ONE}`);
  }
  for (let i = 0; i < given.length; i++)
    for (let j = i + 1; j < given.length; j++)
      if (given[i]![1] === given[j]![1])
        problems.push(`${given[i]![0]} and ${given[j]![0]} must differ: ${MAKE_ONE} for each`);
  return problems;
}
