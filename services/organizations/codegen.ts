import { subgraphCodegen } from '@union-graph/subgraph-kit/codegen';

export default subgraphCodegen({
  mappers: {
    Organization: '../models#OrganizationDoc',
    HostUnit: '../models#HostUnitDoc',
    CommitteeTerm: '../models#CommitteeTermDoc',
    SixHavesAssessment: '../models#SixHavesAssessmentDoc',
    AnnualReview: '../models#AnnualReviewDoc',
    OrganizationMove: '../models#OrgMoveDoc',
    CommitteeCheck: '../domain/reports/committees#CommitteeCheckRow',
    GeneralUnionCandidate: '../domain/reports/coverage#GeneralUnionCandidateRow',
  },
});
