import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readSubgraphList, SUPERGRAPH_FILE, type SubgraphEntry, subgraphSdl } from './subgraphs';

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

function main(): void {
  const check = process.argv.includes('--check');
  const sdl = composeSupergraph();
  if (check) {
    const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
    if (committed !== sdl) {
      console.error(
        'gateway/supergraph.graphql is out of date with the subgraph schemas: run `npm run compose`',
      );
      process.exit(1);
    }
    console.log('gateway/supergraph.graphql is up to date');
    return;
  }
  writeFileSync(SUPERGRAPH_FILE, sdl);
  console.log(`wrote ${SUPERGRAPH_FILE}`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
