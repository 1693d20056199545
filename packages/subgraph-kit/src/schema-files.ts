import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The schema files of a subgraph package, in a fixed order: `schema.graphql`, or for a schema
 * split by area every `schema/*.graphql` by name. Compose, checks, codegen and the server all
 * read a subgraph's schema through this, so a split schema is one schema everywhere.
 */
export function subgraphSchemaFiles(packageDir: string): string[] {
  const single = join(packageDir, 'schema.graphql');
  if (existsSync(single)) return [single];
  const folder = join(packageDir, 'schema');
  if (!existsSync(folder)) throw new Error(`${packageDir} has neither schema.graphql nor schema/*.graphql`);
  return readdirSync(folder)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => join(folder, f));
}

/** A subgraph's own SDL (all its schema files), without the kit's shared definitions. */
export function readOwnSdl(packageDir: string): string {
  return subgraphSchemaFiles(packageDir)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}
