import { runSubgraph } from '@union-graph/subgraph-kit';
import { organizationsSubgraph } from './subgraph';

void runSubgraph(organizationsSubgraph, 4001);
