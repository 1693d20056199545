import { type JWTPayload, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Caller } from './caller';
import { isRole, type Role } from './roles';

export const TOKEN_ISSUER = 'union-graph';
export const TOKEN_AUDIENCE = 'union-graph';

/** Union Graph's claims on top of the registered ones. */
export interface UnionClaims {
  roles: Role[];
  org: string | null;
  member?: string;
  client?: string;
}

export class TokenError extends Error {}

export interface MintOptions {
  subject: string;
  claims: UnionClaims;
  secret: string;
  expiresIn?: string;
  audience?: string;
}

export async function mintToken({
  subject,
  claims,
  secret,
  expiresIn = '12h',
  audience = TOKEN_AUDIENCE,
}: MintOptions): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** A token for a caller: the inverse of `callerFromClaims` (development tokens, tests). */
export function mintCallerToken(
  caller: Caller,
  secret: string,
  opts: Omit<MintOptions, 'subject' | 'claims' | 'secret'> = {},
): Promise<string> {
  return mintToken({
    subject: caller.id,
    claims: {
      roles: caller.roles,
      org: caller.orgId,
      ...(caller.memberId ? { member: caller.memberId } : {}),
      ...(caller.client ? { client: caller.client } : {}),
    },
    secret,
    ...opts,
  });
}

export function callerFromClaims(payload: JWTPayload): Caller {
  const roles = payload.roles;
  if (
    typeof payload.sub !== 'string' ||
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every(isRole)
  ) {
    throw new TokenError('token lacks subject or roles');
  }
  const org = payload.org ?? null;
  if (!(org === null || typeof org === 'string')) throw new TokenError('token has a malformed org claim');
  const needsOrg = roles.some((r) => r !== 'NATIONAL_ADMIN' && r !== 'ANALYST');
  if (needsOrg && org === null) throw new TokenError('token lacks the org claim its roles need');
  return {
    id: payload.sub,
    roles,
    orgId: org,
    ...(typeof payload.member === 'string' ? { memberId: payload.member } : {}),
    ...(typeof payload.client === 'string' ? { client: payload.client } : {}),
  };
}

/** Verifies an HS256 token (the embedded default); JWKS verification lives in the gateway. */
export async function verifyToken(token: string, secret: string, audience = TOKEN_AUDIENCE): Promise<Caller> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: TOKEN_ISSUER,
      audience,
      algorithms: ['HS256'],
    });
    return callerFromClaims(payload);
  } catch (e) {
    if (e instanceof TokenError) throw e;
    if (e instanceof joseErrors.JWTExpired) throw new TokenError('token expired');
    if (e instanceof joseErrors.JWTClaimValidationFailed)
      throw new TokenError(`token ${e.claim} claim is invalid`);
    throw new TokenError('token signature or format is invalid');
  }
}
