import { readFileSync, statSync } from 'node:fs';
import {
  type Caller,
  callerFromClaims,
  checkTokenLifetime,
  DEFAULT_TOKEN_MAX_SECONDS,
  joseTokenError,
  productionSecretProblems,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenError,
} from '@union-graph/auth';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
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
  /** Longest lifetime (`exp - iat`) accepted, in seconds; a token must carry `exp`. */
  maxSeconds?: number;
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

export function createAuthenticator(opts: AuthOptions): Authenticate {
  const secret = opts.jwtSecret ? new TextEncoder().encode(opts.jwtSecret) : undefined;
  const jwks = opts.jwks
    ? /^https?:\/\//.test(opts.jwks)
      ? createRemoteJWKSet(new URL(opts.jwks), { cooldownDuration: 30_000, cacheMaxAge: 600_000 })
      : fileJwks(opts.jwks)
    : undefined;
  const verifyOptions = {
    issuer: opts.issuer ?? TOKEN_ISSUER,
    audience: opts.audience ?? TOKEN_AUDIENCE,
    requiredClaims: ['exp'],
  };
  const accept = (payload: Parameters<typeof callerFromClaims>[0]) => {
    checkTokenLifetime(payload, opts.maxSeconds ?? DEFAULT_TOKEN_MAX_SECONDS);
    return callerFromClaims(payload);
  };

  return async (authorization) => {
    if (!authorization) throw new TokenError('Authorization: Bearer <token> is required', 'required');
    const [scheme, token, extra] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined)
      throw new TokenError('Authorization must be "Bearer <token>"', 'scheme');
    try {
      // The algorithm is pinned by the key source, never chosen by the token alone.
      const alg = decodeProtectedHeader(token).alg;
      if (alg === 'HS256' && secret) {
        const { payload } = await jwtVerify(token, secret, { ...verifyOptions, algorithms: ['HS256'] });
        return accept(payload);
      }
      if ((alg === 'RS256' || alg === 'ES256') && jwks) {
        const { payload } = await jwtVerify(token, jwks, {
          ...verifyOptions,
          algorithms: ['RS256', 'ES256'],
        });
        return accept(payload);
      }
      throw new TokenError(`tokens signed with ${alg ?? 'no algorithm'} are not accepted here`, 'algorithm', {
        alg: alg ?? 'none',
      });
    } catch (e) {
      throw joseTokenError(e);
    }
  };
}

/**
 * In production the gateway does not start on secrets a guess could find: each must carry about
 * 128 bits (`openssl rand -hex 32`), and the JWT secret must differ from the hop secret.
 */
export function checkProductionSecrets(secrets: { jwtSecret?: string; hopSecret: string }): void {
  const problems = productionSecretProblems({
    UNION_GRAPH_JWT_SECRET: secrets.jwtSecret,
    UNION_GRAPH_HOP_SECRET: secrets.hopSecret,
  });
  if (problems.length > 0) throw new Error(`refusing to start in production:\n  ${problems.join('\n  ')}`);
}
