import { runSubgraph } from '@union-graph/subgraph-kit';
import { cadresSubgraph } from './subgraph';

void runSubgraph(cadresSubgraph, 4003);
