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
  /** Requests per client per window; the client is the token's `client` claim, else its subject. */
  rateLimit?: { requests: number; windowSeconds: number };
  requestTimeoutMs?: number;
  subgraphTimeoutMs?: number;
  /** Longest accepted request body, in express's notation (e.g. `100kb`). */
  bodyLimit?: string;
  /** Roles that may run introspection (the explorer needs it). */
  introspectionRoles?: readonly Role[];
  trustedDocuments?: TrustedDocuments;
  /** A cache command slower than this is abandoned (the answer goes uncached). */
  redisCommandTimeoutMs?: number;
}

export const DEFAULT_BODY_LIMIT = '1mb';
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_KEYSPACE = 'ug:';
