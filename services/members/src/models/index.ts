import type { Connection } from 'mongoose';
import { memberModel } from './member';

export type { MemberDoc } from './member';
export { COUNTED_STATUSES } from './member';

/** An Organization entity as this subgraph sees it: just the key. */
export interface OrganizationRef {
  id: string;
}

export function createModels(conn: Connection) {
  return { Member: memberModel(conn) };
}

export type Models = ReturnType<typeof createModels>;
