import type { Model } from 'mongoose';
import { ConflictError, isDuplicateKey } from './errors';

/**
 * Appends one record under a unique key. Losing to an earlier or concurrent insert is CONFLICT
 * naming the argument the client can change: FerretDB reports no `keyValue` to derive it from.
 */
export async function insertUnique<T>(
  model: Model<T>,
  doc: object,
  conflict: { message: string; field: string },
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
