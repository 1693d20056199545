import { ConflictError } from '@union-graph/subgraph-kit';
import type { Model } from 'mongoose';

export function isDuplicateKey(e: unknown): boolean {
  return (e as { code?: number } | null)?.code === 11000;
}

/**
 * Inserts one document under a unique key: losing to a concurrent or earlier insert is CONFLICT,
 * naming the argument the client can change (FerretDB reports no `keyValue` to derive it from).
 */
export async function insertOnce<T>(
  model: Model<T>,
  doc: object,
  conflict: string,
  field: string,
): Promise<T> {
  try {
    return (await model.create(doc)).toObject() as T;
  } catch (e) {
    if (isDuplicateKey(e)) throw new ConflictError(conflict, { field });
    throw e;
  }
}
