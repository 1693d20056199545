import { subgraphCodegen } from '@union-graph/subgraph-kit/codegen';

export default subgraphCodegen({
  mappers: {
    GdBenefitCard: '../models#BenefitCardDoc',
    GdHonor: '../models#HonorDoc',
    Organization: '../models#EntityKey',
    Member: '../models#EntityKey',
  },
});
