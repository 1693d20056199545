import { runSubgraph } from '@union-graph/subgraph-kit';
import { fundsSubgraph } from './subgraph';

void runSubgraph(fundsSubgraph, 4004);
