import { runSubgraph } from '@union-graph/subgraph-kit';
import { guangdongSubgraph } from './subgraph';

void runSubgraph(guangdongSubgraph, 4101);
