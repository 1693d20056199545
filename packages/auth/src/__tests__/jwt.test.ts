import { SignJWT } from 'jose';
import { type Caller, mintCallerToken, mintToken, verifyToken } from '..';

const secret = 's'.repeat(40);

describe('JWT verification', () => {
  it('turns a valid token into the caller', async () => {
    const token = await mintToken({
      subject: 'a1',
      claims: { roles: ['ORG_ADMIN'], org: 'org-9', client: 'web' },
      secret,
    });
    await expect(verifyToken(token, secret)).resolves.toEqual({
      id: 'a1',
      roles: ['ORG_ADMIN'],
      orgId: 'org-9',
      client: 'web',
    });
  });

  it('a token minted for a caller verifies back to the same caller', async () => {
    const caller: Caller = { id: 'm1', roles: ['MEMBER'], orgId: 'org-3', memberId: 'm1', client: 'app' };
    await expect(verifyToken(await mintCallerToken(caller, secret), secret)).resolves.toEqual(caller);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await mintToken({
      subject: 'a1',
      claims: { roles: ['NATIONAL_ADMIN'], org: null },
      secret: 'o'.repeat(40),
    });
    await expect(verifyToken(token, secret)).rejects.toThrow('token signature or format is invalid');
  });

  it('refuses an expired token', async () => {
    const token = await new SignJWT({ roles: ['NATIONAL_ADMIN'], org: null })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a1')
      .setIssuer('union-graph')
      .setAudience('union-graph')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode(secret));
    await expect(verifyToken(token, secret)).rejects.toThrow('token expired');
  });

  it('refuses a token for another audience', async () => {
    const token = await mintToken({
      subject: 'a1',
      claims: { roles: ['ANALYST'], org: null },
      secret,
      audience: 'other',
    });
    await expect(verifyToken(token, secret)).rejects.toThrow('token aud claim is invalid');
  });

  it('refuses an organization admin without an organization', async () => {
    const token = await mintToken({ subject: 'a1', claims: { roles: ['ORG_ADMIN'], org: null }, secret });
    await expect(verifyToken(token, secret)).rejects.toThrow('lacks the org claim');
  });

  it('refuses unknown roles', async () => {
    const token = await mintToken({
      subject: 'a1',
      claims: { roles: ['GOD' as 'ANALYST'], org: null },
      secret,
    });
    await expect(verifyToken(token, secret)).rejects.toThrow('lacks subject or roles');
  });
});

describe('token lifetime', () => {
  const sign = (exp: string | undefined, iat = true) => {
    let jwt = new SignJWT({ roles: ['ANALYST'], org: null })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a1')
      .setIssuer('union-graph')
      .setAudience('union-graph');
    if (iat) jwt = jwt.setIssuedAt();
    if (exp) jwt = jwt.setExpirationTime(exp);
    return jwt.sign(new TextEncoder().encode(secret));
  };

  it('refuses a token that never expires', async () => {
    await expect(verifyToken(await sign(undefined), secret)).rejects.toThrow('token has no exp claim');
  });

  it('accepts up to the maximum lifetime (12 h by default, the development token) and no more', async () => {
    await expect(verifyToken(await sign('12h'), secret)).resolves.toMatchObject({ id: 'a1' });
    await expect(verifyToken(await sign('13h'), secret)).rejects.toThrow(
      'token lifetime 13 h exceeds the 12 h allowed',
    );
    await expect(verifyToken(await sign('3h'), secret, undefined, 2 * 3600)).rejects.toThrow(
      'exceeds the 2 h allowed',
    );
    // Without iat, the lifetime is counted from now.
    await expect(verifyToken(await sign('400d', false), secret)).rejects.toThrow('exceeds the 12 h allowed');
    const dev = await mintCallerToken({ id: 'd', roles: ['NATIONAL_ADMIN'], orgId: null }, secret);
    await expect(verifyToken(dev, secret)).resolves.toMatchObject({ id: 'd' });
  });
});
