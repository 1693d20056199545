import {
  type AppendOnce,
  appendOnce,
  BadUserInputError,
  ConflictError,
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
 * the checks now trip over (the member already holds the position, the worker has exited). Replays
 * the append with a `probe` whose unique key is already held, so it can insert nothing: the
 * original comes back for the same input, CONFLICT on `idempotencyKey` for other input, and a
 * request never appended gets the checks' `refusal`.
 */
export async function replay<T extends { _id: string }>(
  model: Model<T>,
  probe: Omit<T, '_id'>,
  once: Once,
  refusal: unknown,
): Promise<T> {
  if (once.key == null) throw refusal;
  let earlier: { doc: T; created: boolean };
  try {
    earlier = await appendOnce(model, probe, once);
  } catch (e) {
    if (e instanceof ConflictError && e.extensions.field === 'idempotencyKey') throw e;
    throw refusal;
  }
  if (earlier.created) {
    // The held key was gone after all: take the probe back out (a whole record only this call knows).
    await model.deleteOne({ _id: earlier.doc._id });
    throw refusal;
  }
  return earlier.doc;
}

/** Refusals a retry can meet because of its own earlier success. */
export function isRefusal(e: unknown): boolean {
  return e instanceof ConflictError || e instanceof BadUserInputError;
}
