import { subgraphCodegen } from '@union-graph/subgraph-kit/codegen';

export default subgraphCodegen({
  mappers: { Member: '../models#MemberDoc', Organization: '../models#OrganizationRef' },
});
