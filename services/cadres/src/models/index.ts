import { orgDirectoryModel } from '@union-graph/subgraph-kit';
import type { Connection } from 'mongoose';
import { cadreModel } from './cadre';
import { contractWorkerModels } from './contract-worker';
import { electionModels } from './election';
import { contractFilingModel } from './filing';
import { supportModels } from './support';
import { trainingModel } from './training';

export * from './cadre';
export * from './contract-worker';
export * from './election';
export * from './filing';
export * from './support';
export * from './training';

export function createModels(conn: Connection) {
  return {
    Cadre: cadreModel(conn),
    ...electionModels(conn),
    Training: trainingModel(conn),
    ContractFiling: contractFilingModel(conn),
    ...contractWorkerModels(conn),
    ...supportModels(conn),
    /** The organization directory the kit keeps from org events: read for subtree reports. */
    OrgDirectory: orgDirectoryModel(conn),
  };
}

export type Models = ReturnType<typeof createModels>;
