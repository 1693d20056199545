import { loadById, loadManyBy, loadOneBy, type Scope } from '@union-graph/subgraph-kit';
import type { Models } from './models';

/** No loader reads the scope: the statistics read model loads through them too, for no caller. */
export function createLoaders(models: Models, _scope?: Scope) {
  return {
    organization: loadById(models.Organization),
    childrenOf: loadManyBy(models.Organization, 'parentId', { sort: { name: 1 } }),
    hostUnit: loadById(models.HostUnit),
    coverageOfUnit: loadOneBy(models.Coverage, 'unitId'),
    coveragesOfOrg: loadManyBy(models.Coverage, 'organizationId', { sort: { slotKey: 1 } }),
    committeesOfOrg: loadManyBy(models.CommitteeTerm, 'organizationId', { sort: { termStart: -1 } }),
    registryCount: loadById(models.RegistryCount),
    /** R5: the sources' evidence snapshots of a union (one per source at most). */
    evidenceOfOrg: loadManyBy(models.SixHavesEvidence, 'organizationId'),
    assessmentsOfOrg: loadManyBy(models.SixHavesAssessment, 'organizationId', { sort: { year: -1 } }),
    reviewsOfOrg: loadManyBy(models.AnnualReview, 'organizationId', { sort: { heldOn: -1 } }),
    conversionsOfOrg: loadManyBy(models.OrgConversion, 'organizationId', { sort: { convertedOn: -1 } }),
    meeting: loadById(models.MembersMeeting),
    meetingsOfOrg: loadManyBy(models.MembersMeeting, 'organizationId', { sort: { heldOn: -1, _id: 1 } }),
    delegate: loadById(models.StandingDelegate),
    delegatesOfOrg: loadManyBy(models.StandingDelegate, 'organizationId', {
      sort: { termStart: -1, _id: 1 },
    }),
    delegatesOfMeeting: loadManyBy(models.StandingDelegate, 'electedAtId'),
    contactsOfDelegate: loadManyBy(models.DelegateContact, 'delegateId', {
      sort: { contactedOn: -1, _id: 1 },
    }),
    disclosuresOfOrg: loadManyBy(models.UnionDisclosure, 'organizationId', {
      sort: { disclosedOn: -1, _id: 1 },
    }),
    liaisonPoint: loadById(models.LiaisonPoint),
    liaisonPointsOfOrg: loadManyBy(models.LiaisonPoint, 'organizationId', { sort: { since: 1, _id: 1 } }),
    visitsOfPoint: loadManyBy(models.LiaisonVisit, 'pointId', { sort: { visitedOn: -1, _id: 1 } }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
