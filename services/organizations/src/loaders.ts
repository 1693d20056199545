import { loadById, loadManyBy, loadOneBy, type Scope } from '@union-graph/subgraph-kit';
import type { Models } from './models';

export function createLoaders(models: Models, _scope: Scope) {
  return {
    organization: loadById(models.Organization),
    childrenOf: loadManyBy(models.Organization, 'parentId', { sort: { name: 1 } }),
    hostUnit: loadById(models.HostUnit),
    coverageOfUnit: loadOneBy(models.Coverage, 'unitId'),
    coveragesOfOrg: loadManyBy(models.Coverage, 'organizationId', { sort: { slotKey: 1 } }),
    committeesOfOrg: loadManyBy(models.CommitteeTerm, 'organizationId', { sort: { termStart: -1 } }),
    assessmentsOfOrg: loadManyBy(models.SixHavesAssessment, 'organizationId', { sort: { year: -1 } }),
    reviewsOfOrg: loadManyBy(models.AnnualReview, 'organizationId', { sort: { heldOn: -1 } }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
