import {
  loadById,
  loadCountBy,
  loadManyBy,
  loadOneBy,
  loadSumsBy,
  type Scope,
} from '@union-graph/subgraph-kit';
import type { Models } from './models';

const newestFirst = { createdAt: -1, _id: 1 } as const;

export function createLoaders(models: Models, _scope: Scope) {
  return {
    home: loadById(models.WorkersHome),
    homeByOrganization: loadOneBy(models.WorkersHome, 'organizationId', {
      filter: { kind: { $ne: 'ONLINE' } },
    }),
    modelTitle: loadById(models.ModelTitle),
    modelTitlesByOrganization: loadManyBy(models.ModelTitle, 'organizationId', { sort: newestFirst }),
    modelTitlesByHome: loadManyBy(models.ModelTitle, 'homeId', { sort: newestFirst }),
    /** Every workflow's recorded steps, oldest first. */
    steps: loadManyBy(models.Step, 'subjectId', { sort: { at: 1, _id: 1 } }),
    survey: loadById(models.Survey),
    latestSurvey: loadOneBy(models.Survey, 'organizationId', { sort: { year: -1, createdAt: -1 } }),
    surveyStats: loadSumsBy(models.SurveyResponse, 'surveyId', { responses: 1, satisfied: 'satisfied' }),
    assistanceCase: loadById(models.AssistanceCase),
    casesByMember: loadManyBy(models.AssistanceCase, 'memberId', { sort: newestFirst }),
    casesByCenter: loadManyBy(models.AssistanceCase, 'centerId', { sort: newestFirst }),
    center: loadById(models.AssistanceCenter),
    centersByOrganization: loadManyBy(models.AssistanceCenter, 'organizationId', { sort: { name: 1 } }),
    benefitProgram: loadById(models.BenefitProgram),
    redemptionCount: loadCountBy(models.BenefitRedemption, 'programId'),
    redemptionsByMember: loadManyBy(models.BenefitRedemption, 'memberId', { sort: newestFirst }),
    purchasedService: loadById(models.PurchasedService),
    competition: loadById(models.Competition),
    awardNomination: loadById(models.AwardNomination),
    competitionEntries: loadManyBy(models.CompetitionEntry, 'competitionId'),
    contract: loadById(models.CollectiveContract),
    contractsByOrganization: loadManyBy(models.CollectiveContract, 'organizationId', {
      sort: { startsOn: -1, _id: 1 },
    }),
    contractRenewal: loadOneBy(models.CollectiveContract, 'renewsId'),
    // §12: the units a sectoral or regional contract lists now, and the contracts listing a unit.
    coveredUnit: loadById(models.CoveredUnit),
    coveredUnitsByContract: loadManyBy(models.CoveredUnit, 'contractId', {
      filter: { removedOn: null },
      sort: { createdAt: 1, _id: 1 },
    }),
    coverageTotals: loadSumsBy(
      models.CoveredUnit,
      'contractId',
      { units: 1, workers: 'workersCovered' },
      { removedOn: null },
    ),
    coverageByUnit: loadManyBy(models.CoveredUnit, 'hostUnitId', {
      filter: { removedOn: null },
      sort: { startsOn: -1, _id: 1 },
    }),
    knownUnit: loadById(models.UnitDirectory),
    congress: loadById(models.WorkersCongress),
    alert: loadById(models.LaborAlert),
    alertsByOrganization: loadManyBy(models.LaborAlert, 'organizationId', { sort: newestFirst }),
    disputeByAlert: loadOneBy(models.CollectiveDispute, 'alertId'),
    dispute: loadById(models.CollectiveDispute),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
