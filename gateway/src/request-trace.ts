import { AsyncLocalStorage } from 'node:async_hooks';
import type { ResponseDependencies } from './response-tags';

/**
 * What one request touched, visible to code Apollo calls without the request's context (the
 * response cache's KeyValueCache): the subgraphs it fetched from, the invalidation sequence read
 * with its first cache lookup (see tag-index.ts), and what its answer depends on.
 */
export interface RequestTrace {
  subgraphs: Set<string>;
  /** Absent until the response cache was looked up: a store then refuses any recently dropped tag. */
  since?: number;
  dependencies?: ResponseDependencies;
}

export const requestTraces = new AsyncLocalStorage<RequestTrace>();
