import { subgraphCodegen } from '@union-graph/subgraph-kit/codegen';

export default subgraphCodegen({
  mappers: { Cadre: '../models#CadreDoc' },
});
