import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SubgraphDefinition } from '@union-graph/subgraph-kit';
import { REPO_ROOT, readSubgraphList, type SubgraphEntry } from '@union-graph/supergraph';

type AnyDefinition = SubgraphDefinition<unknown, unknown>;

/** The subgraphs the gateway composes (gateway/subgraphs.json): the benchmark runs them all. */
export const subgraphEntries = (): SubgraphEntry[] => readSubgraphList();

/**
 * A subgraph's definition, loaded from its package only in the process that serves it, so that
 * the process's RSS is that subgraph's alone.
 */
export function loadDefinition(entry: SubgraphEntry): AnyDefinition {
  const exported = createRequire(__filename)(join(REPO_ROOT, entry.package)) as Record<string, unknown>;
  const def = Object.values(exported).find(
    (v): v is AnyDefinition =>
      typeof v === 'object' && v !== null && (v as AnyDefinition).name === entry.name && 'packageDir' in v,
  );
  if (!def) throw new Error(`${entry.package} exports no subgraph definition named ${entry.name}`);
  return def;
}
