import { randomBytes } from 'node:crypto';
import {
  type Caller,
  estimateSecretBits,
  productionSecretProblems,
  signHop,
  verifyHop,
  verifySignedHop,
} from '..';

const secret = 'x'.repeat(40);
const caller: Caller = { id: 'u1', roles: ['ORG_ADMIN'], orgId: 'org-1' };
const body = JSON.stringify({ query: '{ organizations { totalCount } }' });

describe('signed gateway hop', () => {
  it('returns the caller of a correctly signed, fresh request', () => {
    expect(verifyHop(signHop(caller, body, secret), body, secret)).toEqual(caller);
  });

  it('carries the language the caller asked for: English, or nothing (Chinese)', () => {
    const english: Caller = { ...caller, language: 'en' };
    expect(verifyHop(signHop(english, body, secret), body, secret)).toEqual(english);
    const other = { ...caller, language: 'fr' } as unknown as Caller;
    expect(verifyHop(signHop(other, body, secret), body, secret)).toEqual(caller);
  });

  it('refuses a request without the headers', () => {
    expect(() => verifyHop({}, body, secret)).toThrow('missing x-union-caller header');
  });

  it('refuses another body under the same signature', () => {
    const headers = signHop(caller, body, secret);
    expect(() => verifyHop(headers, `${body} `, secret)).toThrow('bad signature');
  });

  it('refuses a forged caller', () => {
    const headers = signHop(caller, body, secret);
    const forged = Buffer.from(
      JSON.stringify({ ...caller, roles: ['NATIONAL_ADMIN'], orgId: null }),
    ).toString('base64url');
    expect(() => verifyHop({ ...headers, 'x-union-caller': forged }, body, secret)).toThrow('bad signature');
  });

  it('refuses a signature made with another secret', () => {
    expect(() => verifyHop(signHop(caller, body, 'y'.repeat(40)), body, secret)).toThrow('bad signature');
  });

  it('accepts a timestamp at the skew limit and refuses one past it', () => {
    const now = 1_800_000_000_000;
    const headers = signHop(caller, body, secret, now);
    expect(verifyHop(headers, body, secret, { now: now + 60_000 })).toEqual(caller);
    expect(() => verifyHop(headers, body, secret, { now: now + 60_001 })).toThrow('stale signature');
  });

  it('gives every signed request its own nonce, under the signature', () => {
    const a = signHop(caller, body, secret);
    const b = signHop(caller, body, secret);
    expect(a['x-union-nonce']).not.toBe(b['x-union-nonce']);
    const hop = verifySignedHop(a, body, secret);
    expect(hop.nonce).toBe(a['x-union-nonce']);
    expect(hop.validUntil).toBe(Number(a['x-union-timestamp']) + 60_000);
    expect(() => verifyHop({ ...a, 'x-union-nonce': b['x-union-nonce'] }, body, secret)).toThrow(
      'bad signature',
    );
    const { 'x-union-nonce': _, ...withoutNonce } = a;
    expect(() => verifyHop(withoutNonce, body, secret)).toThrow('missing x-union-nonce header');
  });
});

describe('production secrets', () => {
  const strong = () => randomBytes(32).toString('hex');

  it('estimates entropy from the characters used', () => {
    expect(estimateSecretBits('a'.repeat(32))).toBe(0);
    expect(estimateSecretBits('ab'.repeat(16))).toBe(2);
    expect(estimateSecretBits('password'.repeat(8))).toBeLessThan(30);
    expect(estimateSecretBits(strong())).toBeGreaterThan(200);
  });

  it('refuses weak, repeated and shared secrets, and says how to make one', () => {
    const s = strong();
    expect(productionSecretProblems({ JWT: strong(), HOP: s })).toEqual([]);
    expect(productionSecretProblems({ JWT: 'a'.repeat(32), HOP: s })).toEqual([
      'JWT is one character repeated: make one with `openssl rand -hex 32`',
    ]);
    expect(productionSecretProblems({ JWT: 'password'.repeat(8), HOP: s })[0]).toMatch(
      /^JWT is too weak \(about \d+ bits, 128 needed\)/,
    );
    expect(productionSecretProblems({ JWT: s, HOP: s })).toEqual([
      'JWT and HOP must differ: make one with `openssl rand -hex 32` for each',
    ]);
    expect(productionSecretProblems({ JWT: undefined, HOP: s })).toEqual([]);
  });
});
