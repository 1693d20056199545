import { subgraphCodegen } from '@union-graph/subgraph-kit/codegen';

export default subgraphCodegen({
  mappers: {
    Organization: '../models#OrganizationDoc',
    HostUnit: '../models#HostUnitDoc',
    CommitteeTerm: '../models#CommitteeTermDoc',
    SixHavesAssessment: '../models#SixHavesAssessmentDoc',
    SixHavesEvidence: '../domain/six-haves-evidence#SixHavesEvidenceRow',
    SixHavesEvidenceItem: '../domain/six-haves-evidence#EvidenceItem',
    SixHavesRecord: '../domain/six-haves-evidence#EvidenceRecord',
    SixHavesDisagreement: '../domain/six-haves-evidence#Disagreement',
    SixHavesDisagreementRegion: '../domain/reports/six-haves#DisagreementRegionRow',
    AnnualReview: '../models#AnnualReviewDoc',
    OrganizationMove: '../models#OrgMoveDoc',
    OrganizationConversion: '../models#OrgConversionDoc',
    MembersMeeting: '../models#MembersMeetingDoc',
    StandingDelegate: '../models#StandingDelegateDoc',
    DelegateContact: '../models#DelegateContactDoc',
    UnionDisclosure: '../models#UnionDisclosureDoc',
    LiaisonPoint: '../models#LiaisonPointDoc',
    LiaisonVisit: '../models#LiaisonVisitDoc',
    RegionFinding: '../domain/reports/findings#RegionFindingRow',
    CommitteeCheck: '../domain/reports/committees#CommitteeCheckRow',
    GeneralUnionCandidate: '../domain/reports/coverage#GeneralUnionCandidateRow',
  },
});
