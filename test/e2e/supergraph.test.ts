import { readFileSync } from 'node:fs';
import { composeSupergraph } from '@union-graph/gateway/compose';
import { SUPERGRAPH_FILE } from '@union-graph/gateway/subgraphs';

describe('the committed supergraph', () => {
  it('is what the subgraph schemas compose to (run `npm run compose` after a schema change)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });
});
