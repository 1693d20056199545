import type { Connection } from 'mongoose';
import { organizationModel } from './organization';

export type { OrganizationDoc } from './organization';

export function createModels(conn: Connection) {
  return { Organization: organizationModel(conn) };
}

export type Models = ReturnType<typeof createModels>;
