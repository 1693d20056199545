import type { ExecutionResult, FormattedExecutionResult } from 'graphql';

/** Answers as `/graphql` sends them (already formatted). */
export type Payload = FormattedExecutionResult;

/**
 * What one subscriber has yet to receive, as the async iterator both transports read: at most
 * `max` events wait; `push` says false when the subscriber is that far behind, and the hub drops
 * it. `sentIds` lists, in order, the stream id of each result handed to the transport (undefined
 * for a closing error), for SSE `id:` lines.
 */
export class Delivery implements AsyncIterableIterator<Payload> {
  private readonly items: { id?: string; payload: Payload }[] = [];
  private waiting: ((r: IteratorResult<Payload>) => void) | undefined;
  private ended = false;
  private closed = false;
  readonly sentIds: (string | undefined)[] = [];
  /** What the transport does when the subscriber is dropped: close its connection. */
  onDrop: (() => void) | undefined;

  constructor(
    private readonly max: number,
    private readonly onClose: () => void,
  ) {}

  push(payload: Payload, id?: string): boolean {
    if (this.ended) return true;
    if (this.waiting) {
      this.hand({ id, payload });
      return true;
    }
    if (this.items.length >= this.max) return false;
    this.items.push({ id, payload });
    return true;
  }

  /** The subscriber fell too far behind: nothing more is sent, and its connection is closed. */
  drop(): void {
    this.ended = true;
    void this.return();
    this.onDrop?.();
  }

  /** Ends after what is queued, with `last` (a closing error) after it. */
  finish(last?: Payload): void {
    if (this.ended) return;
    if (last) this.items.push({ payload: last });
    this.ended = true;
    if (this.waiting && this.items.length === 0) this.done();
    else if (this.waiting) this.hand(this.items.shift()!);
  }

  private hand(item: { id?: string; payload: Payload }): void {
    const resolve = this.waiting!;
    this.waiting = undefined;
    this.sentIds.push(item.id);
    resolve({ value: item.payload, done: false });
  }

  private done(): IteratorResult<Payload> {
    this.ended = true;
    if (!this.closed) {
      this.closed = true;
      this.onClose();
    }
    const result = { value: undefined, done: true } as const;
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.(result);
    return result;
  }

  async next(): Promise<IteratorResult<Payload>> {
    const item = this.items.shift();
    if (item) {
      this.sentIds.push(item.id);
      return { value: item.payload, done: false };
    }
    if (this.ended) return this.done();
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** The transport stopped reading (client gone, stream closed). */
  async return(): Promise<IteratorResult<Payload>> {
    this.items.length = 0;
    return this.done();
  }

  /** Transports end an operation by `return` when it has `throw` too (an async generator's shape). */
  async throw(): Promise<IteratorResult<Payload>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /**
   * For the transports' typings, which expect graphql-js results: graphql-sse serializes what it
   * gets with JSON.stringify and graphql-ws sends what `onNext` returns, so formatted answers pass
   * through as they are.
   */
  asResults(): AsyncGenerator<ExecutionResult> {
    return this as unknown as AsyncGenerator<ExecutionResult>;
  }
}
