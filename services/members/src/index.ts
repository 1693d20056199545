import { runSubgraph } from '@union-graph/subgraph-kit';
import { membersSubgraph } from './subgraph';

void runSubgraph(membersSubgraph, 4002);
