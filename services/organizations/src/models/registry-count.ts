import { type Connection, Schema } from 'mongoose';

/**
 * R14: a union's counts in the members subgraph's real-name registry, kept from its
 * `RegistryCount` events (organizations never reads the members database). `version` is the
 * snapshot's: an older or repeated snapshot never replaces a newer one.
 */
export interface RegistryCountDoc {
  /** The union's id. */
  _id: string;
  members: number;
  femaleMembers: number;
  version: number;
}

const registryCountSchema = new Schema<RegistryCountDoc>(
  {
    _id: { type: String, required: true },
    members: { type: Number, required: true, min: 0 },
    femaleMembers: { type: Number, required: true, min: 0 },
    version: { type: Number, required: true },
  },
  { collection: 'registry_counts', versionKey: false },
);

export function registryCountModel(conn: Connection) {
  return conn.model<RegistryCountDoc>('RegistryCount', registryCountSchema);
}
