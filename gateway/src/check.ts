import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Supergraph } from '@apollo/federation-internals';
import { cacheHintProblems, readSubgraphSdl } from '@union-graph/subgraph-kit';
import {
  type BreakingChange,
  type DangerousChange,
  findBreakingChanges,
  findDangerousChanges,
} from 'graphql';
import { CompositionError, composeSupergraph } from './compose';
import { readSubgraphList, SUPERGRAPH_FILE, subgraphSdl } from './subgraphs';

export interface CheckResult {
  compositionErrors: string[];
  /** Types and root fields left without a cache hint: every query touching them goes uncached. */
  uncacheable: string[];
  breaking: BreakingChange[];
  dangerous: DangerousChange[];
}

const apiSchema = (supergraphSdl: string) => Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();

/**
 * Composes a candidate schema for one subgraph with the others, then compares the resulting API
 * with the current supergraph's: removed or retyped fields, new required arguments and the like
 * break clients that were valid yesterday.
 */
export function checkSubgraph(
  name: string,
  candidateSdl: string,
  current = readFileSync(SUPERGRAPH_FILE, 'utf8'),
): CheckResult {
  const entries = readSubgraphList();
  if (!entries.some((e) => e.name === name))
    entries.push({ name, url: `http://${name}/graphql`, package: '' });
  let next: string;
  try {
    next = composeSupergraph(entries, (e) => (e.name === name ? candidateSdl : subgraphSdl(e)));
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
  const before = apiSchema(current);
  const after = apiSchema(next);
  return {
    compositionErrors: [],
    uncacheable: cacheHintProblems(candidateSdl),
    breaking: findBreakingChanges(before, after),
    dangerous: findDangerousChanges(before, after),
  };
}

function subgraphFolder(path: string): string {
  return path.endsWith('.graphql') ? dirname(path) : path;
}

function main(): void {
  const { values } = parseArgs({ options: { schema: { type: 'string' }, name: { type: 'string' } } });
  if (!values.schema || !values.name)
    throw new Error('usage: npm run check -- --schema <subgraph folder> --name <subgraph>');
  const result = checkSubgraph(
    values.name,
    // A subgraph's folder; its schema.graphql is accepted too (the folder is what is read).
    readSubgraphSdl(subgraphFolder(resolve(process.env.INIT_CWD ?? '.', values.schema))),
  );
  for (const e of result.compositionErrors) console.error(`composition error: ${e.trim()}`);
  for (const u of result.uncacheable) console.error(`uncacheable: ${u}`);
  for (const c of result.breaking) console.error(`breaking (${c.type}): ${c.description}`);
  for (const c of result.dangerous) console.warn(`dangerous (${c.type}): ${c.description}`);
  if (result.compositionErrors.length || result.uncacheable.length || result.breaking.length) process.exit(1);
  console.log(`${values.name}: composes, every type has a cache hint, no breaking changes`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
