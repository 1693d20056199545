import { subgraphCodegen } from '@union-graph/subgraph-kit/codegen';

export default subgraphCodegen({
  mappers: { FundAccount: '../models#FundAccountDoc' },
});
