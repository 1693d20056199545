#!/usr/bin/env node
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readSubgraphSdl } from '@union-graph/subgraph-kit';
import { checkSubgraph } from './check';
import { composeSupergraph } from './compose';
import { REPO_ROOT, SUPERGRAPH_FILE } from './subgraphs';

/**
 * `compose`          writes gateway/supergraph.graphql from the subgraphs' schemas
 * `compose --check`  fails when it is out of date with them (`npm test` runs this)
 * `check`            composes one subgraph's candidate schema with the others: composition errors,
 *                    types without a cache hint and breaking changes fail it
 */
const USAGE = `usage:
  supergraph compose [--check]
  supergraph check --schema <subgraph folder> --name <subgraph>`;

class UsageError extends Error {}

const supergraphPath = relative(REPO_ROOT, SUPERGRAPH_FILE);

function compose(check: boolean): void {
  const sdl = composeSupergraph();
  if (!check) {
    writeFileSync(SUPERGRAPH_FILE, sdl);
    console.log(`wrote ${supergraphPath}`);
  } else if (readFileSync(SUPERGRAPH_FILE, 'utf8') !== sdl) {
    console.error(`${supergraphPath} is out of date with the subgraph schemas: run \`npm run compose\``);
    process.exitCode = 1;
  } else console.log(`${supergraphPath} is up to date`);
}

function check(schema: string | undefined, name: string | undefined): void {
  if (!schema || !name) throw new UsageError(USAGE);
  // A subgraph's folder; its schema.graphql is accepted too (the folder is what is read).
  const path = resolve(process.env.INIT_CWD ?? '.', schema);
  const result = checkSubgraph(name, readSubgraphSdl(path.endsWith('.graphql') ? dirname(path) : path));
  for (const e of result.compositionErrors) console.error(`composition error: ${e.trim()}`);
  for (const u of result.uncacheable) console.error(`uncacheable: ${u}`);
  for (const c of result.breaking) console.error(`breaking (${c.type}): ${c.description}`);
  for (const c of result.dangerous) console.warn(`dangerous (${c.type}): ${c.description}`);
  if (result.compositionErrors.length || result.uncacheable.length || result.breaking.length)
    process.exitCode = 1;
  else console.log(`${name}: composes, every type has a cache hint, no breaking changes`);
}

function run([command, ...args]: string[]): void {
  const { values } = parseArgs({
    args,
    options: { check: { type: 'boolean' }, schema: { type: 'string' }, name: { type: 'string' } },
  });
  if (command === 'compose') compose(values.check ?? false);
  else if (command === 'check') check(values.schema, values.name);
  else throw new UsageError(USAGE);
}

// Expected failures (composition errors, unreadable schemas, usage) are one message, no stack.
try {
  run(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
