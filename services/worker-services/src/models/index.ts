import { orgDirectoryModel } from '@union-graph/subgraph-kit';
import type { Connection } from 'mongoose';
import { createAlertModels } from './alerts';
import { createAssistanceModels } from './assistance';
import { createAwardModels } from './awards';
import { createBargainingModels } from './bargaining';
import { createCenterModels } from './centers';
import { createHomeModels } from './homes';
import { createSectoralModels } from './sectoral';
import { createStepModels } from './steps';

export * from './alerts';
export * from './assistance';
export * from './awards';
export * from './bargaining';
export * from './centers';
export * from './entities';
export * from './homes';
export * from './sectoral';
export * from './steps';

export function createModels(conn: Connection) {
  return {
    ...createHomeModels(conn),
    ...createStepModels(conn),
    ...createAssistanceModels(conn),
    ...createCenterModels(conn),
    ...createAwardModels(conn),
    ...createBargainingModels(conn),
    ...createSectoralModels(conn),
    ...createAlertModels(conn),
    // The org directory the kit keeps from organization events: subtrees and ancestors for reports.
    OrgDirectory: orgDirectoryModel(conn),
  };
}

export type Models = ReturnType<typeof createModels>;
