import { loadById, loadCountBy, loadManyBy, loadOneBy, type Scope } from '@union-graph/subgraph-kit';
import type { Models } from './models';

export function createLoaders(models: Models, _scope: Scope) {
  const active = { status: 'ACTIVE' };
  const newestFirst = { sort: { year: -1 as const, kind: 1 as const } };
  return {
    card: loadById(models.BenefitCard),
    activeCardByMember: loadOneBy(models.BenefitCard, 'memberId', { filter: active }),
    activeCardCount: loadCountBy(models.BenefitCard, 'organizationId', active),
    honor: loadById(models.Honor),
    honorsByOrganization: loadManyBy(models.Honor, 'organizationId', newestFirst),
    honorsByMember: loadManyBy(models.Honor, 'memberId', newestFirst),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
