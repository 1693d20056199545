import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readSubgraphSdl } from '@union-graph/subgraph-kit';

/** The subgraph list (name → URL → source folder) that composition and `npm start` share. */
export interface SubgraphEntry {
  name: string;
  url: string;
  package: string;
}

export const GATEWAY_DIR = resolve(__dirname, '..');
export const REPO_ROOT = resolve(GATEWAY_DIR, '..');
export const SUBGRAPHS_FILE = join(GATEWAY_DIR, 'subgraphs.json');
export const SUPERGRAPH_FILE = join(GATEWAY_DIR, 'supergraph.graphql');

export function readSubgraphList(file = SUBGRAPHS_FILE): SubgraphEntry[] {
  return JSON.parse(readFileSync(file, 'utf8')) as SubgraphEntry[];
}

export function subgraphSdl(entry: SubgraphEntry): string {
  return readSubgraphSdl(join(REPO_ROOT, entry.package));
}
