import { idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/** While a move is open its `openKey` is this constant: one open move in the whole tree at a time. */
export const OPEN_MOVE_KEY = 'open';

/**
 * The intent of a move, written before any path changes: the old and new path prefixes of the
 * moved organization are all a re-run needs to finish rewriting the subtree.
 */
export interface OrgMoveDoc {
  _id: string;
  organizationId: string;
  fromParentId: string;
  toParentId: string;
  oldPrefix: string[];
  newPrefix: string[];
  /** OPEN_MOVE_KEY while open, the move's own id once done (unique: FerretDB has no partial indexes). */
  openKey: string;
  done: boolean;
  moved: number;
  requestedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const orgMoveSchema = new Schema<OrgMoveDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true },
    fromParentId: { type: String, required: true },
    toParentId: { type: String, required: true },
    oldPrefix: { type: [String], required: true },
    newPrefix: { type: [String], required: true },
    openKey: { type: String, required: true, unique: true },
    done: { type: Boolean, required: true, default: false },
    moved: { type: Number, required: true, default: 0 },
    requestedBy: { type: String, required: true },
  },
  { collection: 'org_moves', timestamps: true, versionKey: false },
);

export function orgMoveModel(conn: Connection) {
  return conn.model<OrgMoveDoc>('OrgMove', orgMoveSchema);
}

/**
 * A moved node's new document, written before the old one is deleted: FerretDB rewrites a
 * document per update (about 50 ms each here) but deletes and inserts in bulk, so a move swaps
 * documents batch by batch, and a crash between delete and insert is repaired from here.
 */
export interface OrgMoveNodeDoc {
  _id: string;
  moveId: string;
  doc: Record<string, unknown> & { _id: string };
}

export const orgMoveNodeSchema = new Schema<OrgMoveNodeDoc>(
  {
    _id: { type: String, required: true },
    moveId: { type: String, required: true, index: true },
    doc: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'org_move_nodes', versionKey: false },
);

export function orgMoveNodeModel(conn: Connection) {
  return conn.model<OrgMoveNodeDoc>('OrgMoveNode', orgMoveNodeSchema);
}
