import { readFileSync, statSync } from 'node:fs';
import { type Caller, callerFromClaims, TOKEN_AUDIENCE, TOKEN_ISSUER, TokenError } from '@union-graph/auth';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';

export interface AuthOptions {
  /** HS256 secret for tokens minted on this machine (`npm run token`). */
  jwtSecret?: string;
  /**
   * Where RS256/ES256 public keys come from: an https URL (re-fetched when a token names an
   * unknown key id, so a rotation needs no restart) or a JWKS file (re-read when it changes).
   */
  jwks?: string;
  audience?: string;
  issuer?: string;
}

export type Authenticate = (authorization: string | undefined) => Promise<Caller>;

/** A JWKS file re-read whenever its modification time changes: rotate by rewriting the file. */
function fileJwks(path: string): JWTVerifyGetKey {
  let loaded: { mtimeMs: number; getKey: JWTVerifyGetKey } | undefined;
  return (header, token) => {
    const { mtimeMs } = statSync(path);
    if (loaded?.mtimeMs !== mtimeMs) {
      loaded = {
        mtimeMs,
        getKey: createLocalJWKSet(JSON.parse(readFileSync(path, 'utf8')) as JSONWebKeySet),
      };
    }
    return loaded.getKey(header, token);
  };
}

function describe(e: unknown): string {
  if (e instanceof TokenError) return e.message;
  if (e instanceof joseErrors.JWTExpired) return 'token expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed) return `token ${e.claim} claim is invalid`;
  if (e instanceof joseErrors.JWKSNoMatchingKey) return 'token signed with an unknown key';
  return 'token signature or format is invalid';
}

export function createAuthenticator(opts: AuthOptions): Authenticate {
  const secret = opts.jwtSecret ? new TextEncoder().encode(opts.jwtSecret) : undefined;
  const jwks = opts.jwks
    ? /^https?:\/\//.test(opts.jwks)
      ? createRemoteJWKSet(new URL(opts.jwks), { cooldownDuration: 30_000, cacheMaxAge: 600_000 })
      : fileJwks(opts.jwks)
    : undefined;
  const verifyOptions = { issuer: opts.issuer ?? TOKEN_ISSUER, audience: opts.audience ?? TOKEN_AUDIENCE };

  return async (authorization) => {
    if (!authorization) throw new TokenError('Authorization: Bearer <token> is required');
    const [scheme, token, extra] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined)
      throw new TokenError('Authorization must be "Bearer <token>"');
    try {
      // The algorithm is pinned by the key source, never chosen by the token alone.
      const alg = decodeProtectedHeader(token).alg;
      if (alg === 'HS256' && secret) {
        const { payload } = await jwtVerify(token, secret, { ...verifyOptions, algorithms: ['HS256'] });
        return callerFromClaims(payload);
      }
      if ((alg === 'RS256' || alg === 'ES256') && jwks) {
        const { payload } = await jwtVerify(token, jwks, {
          ...verifyOptions,
          algorithms: ['RS256', 'ES256'],
        });
        return callerFromClaims(payload);
      }
      throw new TokenError(`tokens signed with ${alg ?? 'no algorithm'} are not accepted here`);
    } catch (e) {
      throw new TokenError(describe(e));
    }
  };
}
