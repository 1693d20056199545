import { subgraphCodegen } from '@union-graph/subgraph-kit/codegen';

export default subgraphCodegen({
  mappers: { Organization: '../models#OrganizationDoc' },
});
