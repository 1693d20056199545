import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { cacheHintProblems } from '@union-graph/subgraph-kit';
import {
  type BreakingChange,
  type DangerousChange,
  findBreakingChanges,
  findDangerousChanges,
} from 'graphql';
import { CompositionError, composeSupergraph } from './compose';
import { readSubgraphList, SUPERGRAPH_FILE, type SubgraphEntry, subgraphSdl } from './subgraphs';

export interface CheckResult {
  compositionErrors: string[];
  /** Types and root fields left without a cache hint: every query touching them goes uncached. */
  uncacheable: string[];
  breaking: BreakingChange[];
  dangerous: DangerousChange[];
}

export interface CheckOptions {
  /** The supergraph the candidate is compared with; the committed one by default. */
  current?: string;
  /** The other subgraphs and how their SDL is read; the registered ones by default. */
  entries?: SubgraphEntry[];
  sdlOf?: (entry: SubgraphEntry) => string;
}

const apiSchema = (supergraphSdl: string) => Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();

/**
 * Composes a candidate schema for one subgraph with the others, then compares the resulting API
 * with the current supergraph's: removed or retyped fields, new required arguments and the like
 * break clients that were valid yesterday.
 */
export function checkSubgraph(name: string, candidateSdl: string, opts: CheckOptions = {}): CheckResult {
  const entries = [...(opts.entries ?? readSubgraphList())];
  const sdlOf = opts.sdlOf ?? subgraphSdl;
  if (!entries.some((e) => e.name === name))
    entries.push({ name, url: `http://${name}/graphql`, package: '' });
  let next: string;
  try {
    next = composeSupergraph(entries, (e) => (e.name === name ? candidateSdl : sdlOf(e)));
  } catch (e) {
    if (e instanceof CompositionError)
      return {
        compositionErrors: e.message.split('\n').slice(1),
        uncacheable: [],
        breaking: [],
        dangerous: [],
      };
    throw e;
  }
  const before = apiSchema(opts.current ?? readFileSync(SUPERGRAPH_FILE, 'utf8'));
  const after = apiSchema(next);
  return {
    compositionErrors: [],
    uncacheable: cacheHintProblems(candidateSdl),
    breaking: findBreakingChanges(before, after),
    dangerous: findDangerousChanges(before, after),
  };
}
