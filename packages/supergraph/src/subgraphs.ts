import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readSubgraphSdl } from '@union-graph/subgraph-kit';

/** The subgraph list (name → URL → source folder) that composition and `npm start` share. */
export interface SubgraphEntry {
  name: string;
  url: string;
  /** The subgraph's package folder, relative to the repository root. */
  package: string;
}

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** The gateway deploys the list and the supergraph composed from it; they live with it. */
export const GATEWAY_DIR = join(REPO_ROOT, 'gateway');
export const SUBGRAPHS_FILE = join(GATEWAY_DIR, 'subgraphs.json');
export const SUPERGRAPH_FILE = join(GATEWAY_DIR, 'supergraph.graphql');

export function readSubgraphList(file = SUBGRAPHS_FILE): SubgraphEntry[] {
  return JSON.parse(readFileSync(file, 'utf8')) as SubgraphEntry[];
}

/** A subgraph's SDL as composition sees it: the kit's shared definitions and its schema files. */
export function subgraphSdl(entry: SubgraphEntry): string {
  return readSubgraphSdl(join(REPO_ROOT, entry.package));
}
