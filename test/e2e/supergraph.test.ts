import { readFileSync } from 'node:fs';
import { cacheHintProblems } from '@union-graph/subgraph-kit';
import { composeSupergraph, readSubgraphList, SUPERGRAPH_FILE, subgraphSdl } from '@union-graph/supergraph';

describe('the committed supergraph', () => {
  it('is what the subgraph schemas compose to (run `npm run compose` after a schema change)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });

  it.each(readSubgraphList().map((e) => [e.name, e] as const))(
    '%s gives every type and root field a cache hint, so the gateway can cache what touches it',
    (_, entry) => {
      expect(cacheHintProblems(subgraphSdl(entry))).toEqual([]);
    },
  );
});
