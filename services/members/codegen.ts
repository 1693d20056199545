import { subgraphCodegen } from '@union-graph/subgraph-kit/codegen';

export default subgraphCodegen({
  mappers: {
    Member: '../models#MemberDoc',
    MemberCard: '../models#MemberCardDoc',
    MemberChange: '../models#MemberChangeDoc',
    MembershipApplication: '../models#ApplicationDoc',
    MemberTransfer: '../models#TransferDoc',
    TransferStep: '../models#TransferStepDoc',
    Organization: '../models#OrganizationRef',
    PersonalDataAccess: '../models#PersonalAccessDoc',
  },
});
