import { type AppendOnce, appendOnce, findAppended, type Message } from '@union-graph/subgraph-kit';
import type { Model } from 'mongoose';
import type { Context } from '../context';

/**
 * A mutation's client idempotency key: the mutation's name, the key (optional) and what the client
 * asked for without the key (a repeat with other input is CONFLICT on `idempotencyKey`).
 */
export interface Once {
  mutation: string;
  key?: string | null;
  input: unknown;
}

/** Splits a mutation's input object into what it asks for and its idempotency key. */
export function keyed<I extends { idempotencyKey?: string | null }>(
  mutation: string,
  { idempotencyKey, ...input }: I,
): [Omit<I, 'idempotencyKey'>, Once] {
  return [input, { mutation, key: idempotencyKey, input }];
}

export interface AppendRecord {
  /** CONFLICT naming the argument to change when the record's natural unique key is taken. */
  conflict?: { message: Message; field: string };
  /** The record's id when no key is given (default: a new id). */
  id?: string;
}

function appendOptions(
  ctx: Context,
  once: Once | undefined,
  { conflict, id }: AppendRecord = {},
): AppendOnce {
  return {
    callerId: ctx.caller.id,
    mutation: once?.mutation ?? '',
    key: once?.key,
    input: once?.input,
    conflict,
    id,
  };
}

/**
 * With a key the caller already used for this mutation: the record it appended (CONFLICT on
 * `idempotencyKey` when the input differs), else null. Called before any check, since a repeat
 * must answer as the first call did even when the same request would now be refused (the home
 * exists, the step was taken).
 */
export async function earlierAppend<T extends { _id: string }>(
  ctx: Context,
  model: Model<T>,
  once: Once | undefined,
): Promise<T | null> {
  return once ? findAppended(model, appendOptions(ctx, once)) : null;
}

/**
 * Appends a new record through `appendOnce`: with a key, at most once per caller, mutation and key.
 * `created` is false when a repeat (or a concurrent twin) found the original: publish nothing then.
 */
export function appendRecord<T extends { _id: string }>(
  ctx: Context,
  model: Model<T>,
  doc: object,
  once: Once | undefined,
  options: AppendRecord = {},
): Promise<{ doc: T; created: boolean }> {
  return appendOnce<T>(model, doc as Omit<T, '_id'>, appendOptions(ctx, once, options));
}
