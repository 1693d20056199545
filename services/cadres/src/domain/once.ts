import {
  type AppendOnce,
  BadUserInputError,
  ConflictError,
  findAppended,
  requireIdempotencyKey,
} from '@union-graph/subgraph-kit';
import type { Model } from 'mongoose';
import type { Context } from '../context';

/** What `appendOnce` needs of a request besides the record: caller, mutation, key, input. */
export type Once = Omit<AppendOnce, 'id' | 'conflict'>;

/** The request's idempotency scope: its input without the key is what a repeat must match. */
export function onceFor<I extends { idempotencyKey?: string | null }>(
  ctx: Context,
  mutation: string,
  input: I,
): Once {
  const { idempotencyKey: key, ...rest } = input;
  // Checked before a write that ends or changes anything else first.
  if (key != null) requireIdempotencyKey(key);
  return { callerId: ctx.caller.id, mutation, key, input: rest };
}

/**
 * A keyed request the checks refuse may be the retry of one that succeeded: its own record is what
 * the checks now trip over (the member already holds the position, the worker has exited). The
 * original comes back for the same input, CONFLICT on `idempotencyKey` for other input, and a
 * request never appended gets the checks' `refusal`.
 */
export async function replay<T extends { _id: string }>(
  model: Model<T>,
  once: Once,
  refusal: unknown,
): Promise<T> {
  const earlier = await findAppended(model, once);
  if (!earlier) throw refusal;
  return earlier;
}

/** Refusals a retry can meet because of its own earlier success. */
export function isRefusal(e: unknown): boolean {
  return e instanceof ConflictError || e instanceof BadUserInputError;
}
