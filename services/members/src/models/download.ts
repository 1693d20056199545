import { downloadModel } from '@union-graph/subgraph-kit';
import type { Connection } from 'mongoose';

/**
 * Roster exports waiting to be fetched through `/downloads/members/<id>` (the kit's downloads.ts):
 * the file, its maker and an expiry; expired ones are deleted when read and swept on every export.
 */
export function rosterDownloadModel(conn: Connection) {
  return downloadModel(conn, 'roster_downloads');
}
