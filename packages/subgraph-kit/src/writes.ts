import { createHash } from 'node:crypto';
import type { Model, Schema } from 'mongoose';
import { BadUserInputError, ConflictError, isDuplicateKey } from './errors';
import type { Message } from './messages';
import { newId } from './mongo';
import { kitText } from './texts';

/**
 * Appends one record under a unique key. Losing to an earlier or concurrent insert is CONFLICT
 * naming the argument the client can change: FerretDB reports no `keyValue` to derive it from.
 */
export async function insertUnique<T>(
  model: Model<T>,
  doc: object,
  conflict: { message: Message; field: string },
): Promise<T> {
  try {
    return (await model.create(doc)).toObject() as T;
  } catch (e) {
    if (isDuplicateKey(e)) throw new ConflictError(conflict.message, { field: conflict.field });
    throw e;
  }
}

/**
 * Appends a record whose key makes a repeat harmless (an archive entry, a step of a resumable
 * change): a duplicate means the record is already there. True when this call inserted it.
 */
export async function insertIfAbsent<T>(model: Model<T>, doc: object): Promise<boolean> {
  try {
    await model.create(doc);
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/**
 * Inserts many records in one unordered command; those a unique key refuses (taken meanwhile by
 * another writer) are left out, the rest inserted (MongoDB and FerretDB 1.24 both go on past a
 * refused insert). Returns the indexes of `docs` refused. An import's thousands of rows then cost
 * a command, not a round trip each.
 */
export async function insertUnlessTaken<T>(model: Model<T>, docs: readonly T[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await model.insertMany(docs, { ordered: false });
    return new Set();
  } catch (e) {
    const errors = (e as { writeErrors?: { index: number; err?: unknown }[] }).writeErrors;
    if (!errors?.length || !errors.every((w) => isDuplicateKey(w) || isDuplicateKey(w.err))) throw e;
    return new Set(errors.map((w) => w.index));
  }
}

/**
 * The stored fingerprint of the request that appended a record under a client's idempotency key
 * (see appendOnce); add it to the schema of every model appended that way.
 */
export function idempotentRecords(schema: Schema): void {
  schema.add({ requestHash: String });
}

export interface AppendOnce {
  /** The caller (its id scopes the key: two clients' keys never collide). */
  callerId: string;
  /** The mutation's name: one key may be used for different mutations. */
  mutation: string;
  /** The client's optional idempotency key. */
  key?: string | null;
  /** What the client asked for; a repeat with other input is CONFLICT. */
  input: unknown;
  /** The record's id when no key is given (default: a new id). */
  id?: string;
  conflict?: { message: Message; field: string };
}

const KEY_PATTERN = /^[\w.:-]{1,128}$/;

/** Refuses a malformed idempotency key (BAD_USER_INPUT), for a check before other writes. */
export function requireIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new BadUserInputError(kitText('idempotencyKeyFormat'), 'idempotencyKey');
}

function fingerprint(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('base64url');
}

/** JSON with object keys sorted, so the same input always gives the same fingerprint. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/**
 * The id a record appended under an idempotency key gets: a retry can look for it before it
 * re-runs checks that the first attempt's own record would now fail.
 */
export function idempotentId(callerId: string, mutation: string, key: string): string {
  return `k${fingerprint([callerId, mutation, key]).slice(0, 32)}`;
}

/**
 * Appends a record; with an idempotency key, at most once per caller, mutation and key. The record's
 * id derives from the three, so the insert under its unique `_id` is what decides (no transaction
 * needed): a repeat with the same input returns the original (`created: false`, so the caller
 * publishes nothing again), a repeat with other input is CONFLICT on `idempotencyKey`.
 */
export async function appendOnce<T extends { _id: string }>(
  model: Model<T>,
  doc: Omit<T, '_id'>,
  opts: AppendOnce,
): Promise<{ doc: T; created: boolean }> {
  if (opts.key === undefined || opts.key === null) {
    const record = { ...doc, _id: opts.id ?? newId() };
    const created = opts.conflict
      ? await insertUnique(model, record, opts.conflict)
      : await createLean(model, record);
    return { doc: created as T, created: true };
  }
  requireIdempotencyKey(opts.key);
  const _id = idempotentId(opts.callerId, opts.mutation, opts.key);
  const requestHash = fingerprint(opts.input);
  try {
    return { doc: await createLean(model, { ...doc, _id, requestHash }), created: true };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const earlier = await model.findById(_id).lean<T & { requestHash?: string }>();
    // The same unique key, taken by another record (a natural key such as "one per union"):
    if (!earlier || earlier.requestHash === undefined) {
      if (opts.conflict) throw new ConflictError(opts.conflict.message, { field: opts.conflict.field });
      throw e;
    }
    if (earlier.requestHash !== requestHash)
      throw new ConflictError(kitText('idempotencyKeyReused'), { field: 'idempotencyKey' });
    return { doc: earlier, created: false };
  }
}

/**
 * The record an earlier call appended under this caller's key for this mutation, or null (no key,
 * or never appended); CONFLICT on `idempotencyKey` when that call asked for something else. A
 * keyed retry looks here before re-running checks that its own first record would now fail (the
 * member already applied, the worker already left), so it answers as the first call did.
 */
export async function findAppended<T extends { _id: string }>(
  model: Model<T>,
  opts: Pick<AppendOnce, 'callerId' | 'mutation' | 'key' | 'input'>,
): Promise<T | null> {
  if (opts.key === undefined || opts.key === null) return null;
  requireIdempotencyKey(opts.key);
  const earlier = await model
    .findById(idempotentId(opts.callerId, opts.mutation, opts.key))
    .lean<T & { requestHash?: string }>();
  if (!earlier) return null;
  if (earlier.requestHash !== fingerprint(opts.input))
    throw new ConflictError(kitText('idempotencyKeyReused'), { field: 'idempotencyKey' });
  return earlier;
}

async function createLean<T>(model: Model<T>, doc: object): Promise<T> {
  return (await model.create(doc)).toObject() as T;
}
