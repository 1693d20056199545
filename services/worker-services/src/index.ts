import { runSubgraph } from '@union-graph/subgraph-kit';
import { workerServicesSubgraph } from './subgraph';

void runSubgraph(workerServicesSubgraph, 4005);
