import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readSubgraphList, type SubgraphEntry, subgraphSdl } from './subgraphs';

export class CompositionError extends Error {}

/** Composes the supergraph from the subgraphs' schema files; throws with the composer's messages. */
export function composeSupergraph(
  entries: SubgraphEntry[] = readSubgraphList(),
  sdlOf: (entry: SubgraphEntry) => string = subgraphSdl,
): string {
  const result = composeServices(
    entries.map((e) => ({ name: e.name, url: e.url, typeDefs: parse(sdlOf(e)) })),
  );
  if (result.errors) {
    throw new CompositionError(
      `composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}
