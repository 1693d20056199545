import { randomBytes } from 'node:crypto';
import { mintToken, TokenError } from '@union-graph/auth';
import { createAuthenticator, VERIFIED_TOKEN_TTL_MS, verifiedTtlMs } from '../auth';

const secret = randomBytes(32).toString('hex');
const claims = { roles: ['ANALYST' as const], org: null, client: 'auth-test' };

describe('tokens verified with the gateway secret', () => {
  it('are taken again without a second check, as one frozen caller; a forged twin is still refused', async () => {
    const authenticate = createAuthenticator({ jwtSecret: secret });
    const token = await mintToken({ subject: 'analyst-1', claims, secret });
    const first = await authenticate(`Bearer ${token}`);
    expect(first).toMatchObject({ id: 'analyst-1', roles: ['ANALYST'] });
    expect(Object.isFrozen(first)).toBe(true);
    expect(await authenticate(`Bearer ${token}`)).toBe(first);
    // The cache is keyed by the whole token: a changed signature is verified, and refused.
    await expect(authenticate(`Bearer ${token.slice(0, -4)}AAAA`)).rejects.toThrow(TokenError);
  });

  it('stay verified until they expire, at most VERIFIED_TOKEN_TTL_MS, never once expired', () => {
    const now = 1_800_000_000_000;
    expect(verifiedTtlMs(now / 1000 + 30, now)).toBe(30_000);
    expect(verifiedTtlMs(now / 1000 + 12 * 3600, now)).toBe(VERIFIED_TOKEN_TTL_MS);
    expect(verifiedTtlMs(now / 1000 - 1, now)).toBeLessThanOrEqual(0);
    expect(verifiedTtlMs(undefined, now)).toBeLessThanOrEqual(0);
  });
});
