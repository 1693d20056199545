import { type PersonalAccessDoc, personalAccessModel } from '@union-graph/subgraph-kit';
import type { Connection } from 'mongoose';

/**
 * The personal-data access log (PIPL art. 45): members' own entries, written by the kit at the end
 * of each answer, and the other subgraphs' entries copied from their streams. Append-only.
 */
export type { PersonalAccessDoc };

export function accessLogModel(conn: Connection) {
  return personalAccessModel(conn);
}
