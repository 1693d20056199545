import { loadById, loadCountBy, loadManyBy, type Scope } from '@union-graph/subgraph-kit';
import { type Models, SERVING } from './models';

export function createLoaders(models: Models, _scope: Scope) {
  const serving = { status: SERVING };
  return {
    cadre: loadById(models.Cadre),
    cadresByOrganization: loadManyBy(models.Cadre, 'organizationId', { sort: { position: 1, termStart: 1 } }),
    /** Serving cadres per union: chair, vice-chairs, the cadres page and hasElectedChair share it. */
    servingByOrganization: loadManyBy(models.Cadre, 'organizationId', {
      filter: serving,
      sort: { termStart: 1 },
    }),
    fullTimeStaffCount: loadCountBy(models.Cadre, 'organizationId', { ...serving, fullTime: true }),
    positionsByMember: loadManyBy(models.Cadre, 'memberId', { sort: { termStart: -1 } }),
    cadresByElection: loadManyBy(models.Cadre, 'electionId'),
    election: loadById(models.Election),
    electionResult: loadById(models.ElectionResult),
    training: loadById(models.Training),
    contractFiling: loadById(models.ContractFiling),
    subsidy: loadById(models.Subsidy),
    rightsCase: loadById(models.RightsCase),
    trainingsByMember: loadManyBy(models.Training, 'memberId', { sort: { completedOn: 1 } }),
    contractWorker: loadById(models.ContractWorker),
    stepsByWorker: loadManyBy(models.ContractWorkerStep, 'workerId', { sort: { on: 1, createdAt: 1 } }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
