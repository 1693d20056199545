import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one request touched, visible to code Apollo calls without the request's context (the
 * response cache's KeyValueCache): the subgraphs it fetched from and the invalidation generation
 * when it started, so an answer computed across a concurrent write is never stored.
 */
export interface RequestTrace {
  subgraphs: Set<string>;
  generation: number;
}

export const requestTraces = new AsyncLocalStorage<RequestTrace>();

/** Bumped by every handled change event; compared before storing anything computed earlier. */
export class Generation {
  private value = 0;
  get current(): number {
    return this.value;
  }
  bump(): void {
    this.value++;
  }
}
