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
import { LRUCache } from 'lru-cache';

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

/**
 * How long a token verified with the gateway's own secret (HS256) is taken again without checking
 * its signature: until it expires, at most this long. Verifying took about 4 % of a request's CPU
 * (#20's profile).
 */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
/** How long a token expiring at `exp` (seconds) stays verified from `now` (ms); none if expired. */
export const verifiedTtlMs = (exp: number | undefined, now: number): number =>
  Math.min((exp ?? 0) * 1000 - now, VERIFIED_TOKEN_TTL_MS);

/** Tokens held verified at once (the least recently used go first). */
const VERIFIED_TOKENS_MAX = 10_000;

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
  // A client sends one token with every request until it expires: its signature is checked once.
  const verified = new LRUCache<string, Caller>({ max: VERIFIED_TOKENS_MAX });
  const accept = (payload: Parameters<typeof callerFromClaims>[0], token?: string) => {
    checkTokenLifetime(payload, opts.maxSeconds ?? DEFAULT_TOKEN_MAX_SECONDS);
    const caller = Object.freeze(callerFromClaims(payload));
    const ttl = verifiedTtlMs(payload.exp, Date.now());
    if (token && ttl > 0) verified.set(token, caller, { ttl });
    return caller;
  };

  return async (authorization) => {
    if (!authorization) throw new TokenError('Authorization: Bearer <token> is required', 'required');
    const [scheme, token, extra] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined)
      throw new TokenError('Authorization must be "Bearer <token>"', 'scheme');
    const known = verified.get(token);
    if (known) return known;
    try {
      // The algorithm is pinned by the key source, never chosen by the token alone.
      const alg = decodeProtectedHeader(token).alg;
      if (alg === 'HS256' && secret) {
        const { payload } = await jwtVerify(token, secret, { ...verifyOptions, algorithms: ['HS256'] });
        // Kept verified: the secret changes only with a restart.
        return accept(payload, token);
      }
      if ((alg === 'RS256' || alg === 'ES256') && jwks) {
        const { payload } = await jwtVerify(token, jwks, {
          ...verifyOptions,
          algorithms: ['RS256', 'ES256'],
        });
        // Not kept: a key withdrawn from the JWKS must stop admitting its tokens at once.
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
