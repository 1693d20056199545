import type { Role } from '@union-graph/auth';
import type { Logger } from '@union-graph/subgraph-kit';
import type { QueryLimits, RoleLimits } from './limits';
import type { TrustedDocuments } from './trusted-documents';

export interface GatewayOptions {
  /** A fixed supergraph; or `supergraphFile`, watched and hot-swapped. One of the two is required. */
  supergraphSdl?: string;
  supergraphFile?: string;
  hopSecret: string;
  /** HS256 secret for locally minted tokens. */
  jwtSecret?: string;
  /** JWKS URL or file for RS256/ES256 tokens (see auth.ts). */
  jwks?: string;
  /** Replaces the URLs written in the supergraph, by subgraph name (tests, containers). */
  subgraphUrls?: Record<string, string>;
  logger?: Logger;
  /** Redis for APQ, the response and entity caches, rate limits and change events; none → uncached. */
  redisUrl?: string;
  /** Prefix of every Redis key (the subgraphs' streams live under it too). */
  keyspace?: string;
  limits?: Partial<QueryLimits>;
  /** Limits by role, replacing `limits` for callers with that role (the most generous role wins). */
  roleLimits?: RoleLimits;
  /**
   * Requests per caller (the token's `client` claim and subject together) per window, and at most
   * `clientRequests` (default 10 × `requests`) for all callers of one client together. Counted in
   * Redis; while Redis is down, each instance counts in memory.
   */
  rateLimit?: { requests: number; windowSeconds: number; clientRequests?: number };
  requestTimeoutMs?: number;
  subgraphTimeoutMs?: number;
  /** Longest accepted request body, in express's notation (e.g. `100kb`). */
  bodyLimit?: string;
  /** Roles that may run introspection (the explorer needs it). */
  introspectionRoles?: readonly Role[];
  trustedDocuments?: TrustedDocuments;
  /**
   * Production: introspection for admins and analysts only, no field suggestions in errors, and
   * strong, distinct JWT and hop secrets required. Default: `NODE_ENV === 'production'`.
   */
  production?: boolean;
  /** Longest serialized answer, in bytes; a longer one is refused with RESPONSE_TOO_LARGE. */
  maxResponseBytes?: number;
  /** Longest token lifetime (`exp - iat`) accepted, in seconds; a token without `exp` is refused. */
  tokenMaxSeconds?: number;
  /** `/metrics` answers only `Authorization: Bearer <metricsToken>`; without one it is not served. */
  metricsToken?: string;
  /** A cache command slower than this is abandoned (the answer goes uncached). */
  redisCommandTimeoutMs?: number;
  /**
   * Encrypts every cached value (AES-256-GCM) and keys the hashes in cache keys: 32 bytes, or 64 hex
   * digits / base64 of them. Derived from `hopSecret` when absent; a new key makes old entries misses.
   */
  cacheKey?: string | Buffer;
  /** Subscriptions (`/graphql/stream` over SSE, `/graphql` over WebSocket): limits and timings. */
  subscriptions?: Partial<SubscriptionOptions>;
}

export interface SubscriptionOptions {
  /** Open subscriptions of one caller (token subject and client together). */
  maxPerCaller: number;
  /** Open subscriptions of all callers of one client (the token's `client` claim) together. */
  maxPerClient: number;
  /** Events waiting for one subscriber; one more and the subscriber is dropped, not the gateway. */
  maxQueuedEvents: number;
  /** Bytes written to one subscriber's socket and not yet taken by it; beyond, it is dropped. */
  maxBufferedBytes: number;
  /** SSE comment lines and WebSocket pings, so proxies keep the connection and dead peers show. */
  heartbeatMs: number;
  /** Events replayed at most when an SSE stream resumes from `Last-Event-ID`. */
  maxReplayEvents: number;
}

export const DEFAULT_SUBSCRIPTION_OPTIONS: SubscriptionOptions = {
  maxPerCaller: 20,
  maxPerClient: 5_000,
  maxQueuedEvents: 100,
  maxBufferedBytes: 1024 * 1024,
  heartbeatMs: 12_000,
  maxReplayEvents: 1_000,
};

export const DEFAULT_BODY_LIMIT = '1mb';
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_KEYSPACE = 'ug:';
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export function isProduction(opts: Pick<GatewayOptions, 'production'>): boolean {
  return opts.production ?? process.env.NODE_ENV === 'production';
}
