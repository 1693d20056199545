import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { type GraphQLSchema, printSchema } from 'graphql';

/** The committed supergraph `npm run compose` writes: what the gateway serves. */
export const SUPERGRAPH_FILE = join(__dirname, '..', '..', '..', 'gateway', 'supergraph.graphql');

/** Where the operations live, one folder per app named as its tokens' `client` claim. */
export const DOCUMENTS_DIR = join(__dirname, '..', 'documents');

/**
 * The schema frontends see: the supergraph less federation's own types and directives, so the
 * generated types and the document checks know only what a client may ask.
 */
export function apiSchema(): GraphQLSchema {
  return Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
}

export const apiSchemaSdl = (): string => printSchema(apiSchema());
