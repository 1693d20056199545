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

/** Why a token was refused: a stable key the gateway words in the caller's language. */
export type TokenProblem =
  | 'required'
  | 'scheme'
  | 'algorithm'
  | 'expired'
  | 'noExpiry'
  | 'lifetime'
  | 'claimMissing'
  | 'claimInvalid'
  | 'unknownKey'
  | 'invalid'
  | 'noSubjectOrRoles'
  | 'malformedOrg'
  | 'orgNeeded';

/** A refused token: `problem` and `params` say why; the message is the English, for logs. */
export class TokenError extends Error {
  constructor(
    message: string,
    readonly problem: TokenProblem,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** The refusal for a token jose could not verify. */
export function joseTokenError(e: unknown): TokenError {
  if (e instanceof TokenError) return e;
  if (e instanceof joseErrors.JWTExpired) return new TokenError('token expired', 'expired');
  if (e instanceof joseErrors.JWTClaimValidationFailed)
    return e.reason === 'missing'
      ? new TokenError(`token has no ${e.claim} claim`, 'claimMissing', { claim: e.claim })
      : new TokenError(`token ${e.claim} claim is invalid`, 'claimInvalid', { claim: e.claim });
  if (e instanceof joseErrors.JWKSNoMatchingKey)
    return new TokenError('token signed with an unknown key', 'unknownKey');
  return new TokenError('token signature or format is invalid', 'invalid');
}

/** Longest token lifetime (`exp - iat`) accepted by default: the development token's 12 h. */
export const DEFAULT_TOKEN_MAX_SECONDS = 12 * 3600;
/** Clock slack for the lifetime check (`iat` and `exp` are stamped a moment apart). */
const LIFETIME_SLACK_SECONDS = 60;

/**
 * A verified token's lifetime rules: it must expire (`exp`), and within `maxSeconds` of its issue
 * (`iat`, or now when it has none), so a stolen token is not good for months.
 */
export function checkTokenLifetime(
  payload: JWTPayload,
  maxSeconds = DEFAULT_TOKEN_MAX_SECONDS,
  now = Math.floor(Date.now() / 1000),
): void {
  if (typeof payload.exp !== 'number')
    throw new TokenError('token has no exp claim: it must expire', 'noExpiry');
  const from = typeof payload.iat === 'number' ? payload.iat : now;
  const lifetime = payload.exp - from;
  if (lifetime > maxSeconds + LIFETIME_SLACK_SECONDS) {
    const [hours, max] = [Math.round(lifetime / 3600), Math.round(maxSeconds / 3600)];
    throw new TokenError(`token lifetime ${hours} h exceeds the ${max} h allowed`, 'lifetime', {
      hours,
      max,
    });
  }
}

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
    throw new TokenError('token lacks subject or roles', 'noSubjectOrRoles');
  }
  const org = payload.org ?? null;
  if (!(org === null || typeof org === 'string'))
    throw new TokenError('token has a malformed org claim', 'malformedOrg');
  const needsOrg = roles.some((r) => r !== 'NATIONAL_ADMIN' && r !== 'ANALYST');
  if (needsOrg && org === null) throw new TokenError('token lacks the org claim its roles need', 'orgNeeded');
  return {
    id: payload.sub,
    roles,
    orgId: org,
    ...(typeof payload.member === 'string' ? { memberId: payload.member } : {}),
    ...(typeof payload.client === 'string' ? { client: payload.client } : {}),
  };
}

/**
 * Verifies an HS256 token (the embedded default); JWKS verification lives in the gateway. The token
 * must carry `exp`, and live no longer than `maxSeconds` (see `checkTokenLifetime`).
 */
export async function verifyToken(
  token: string,
  secret: string,
  audience = TOKEN_AUDIENCE,
  maxSeconds = DEFAULT_TOKEN_MAX_SECONDS,
): Promise<Caller> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: TOKEN_ISSUER,
      audience,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    checkTokenLifetime(payload, maxSeconds);
    return callerFromClaims(payload);
  } catch (e) {
    throw joseTokenError(e);
  }
}
