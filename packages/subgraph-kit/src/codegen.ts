import type { CodegenConfig } from '@graphql-codegen/cli';
import { readOwnSdl, subgraphSchemaFiles } from './schema-files';

/**
 * The one GraphQL Code Generator setup every subgraph uses: typed resolvers from its
 * schema (`schema.graphql` or `schema/*.graphql`, plus the kit's shared definitions), with federation support, the subgraph's own
 * context type and mappers from GraphQL types to its stored documents.
 */
export function subgraphCodegen({ mappers = {} }: { mappers?: Record<string, string> } = {}): CodegenConfig {
  // Connection types are built by the kit's paginate helpers (with a lazy totalCount): map them all.
  const connections = [...readOwnSdl('.').matchAll(/\btype (\w+Connection)\b/g)].map((m) => m[1]!);
  const connectionMappers = Object.fromEntries(
    connections.map((name) => [name, '@union-graph/subgraph-kit#AnyConnection']),
  );
  return {
    overwrite: true,
    silent: true,
    schema: [require.resolve('@union-graph/subgraph-kit/common.graphql'), ...subgraphSchemaFiles('.')],
    generates: {
      'src/__generated__/resolvers-types.ts': {
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useTypeImports: true,
          useIndexSignature: true,
          contextType: '../context#Context',
          mappers: { ...connectionMappers, ...mappers },
          enumsAsTypes: true,
          scalars: { DateTime: 'Date | string', Date: 'Date | string', Fen: 'number' },
          avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
          maybeValue: 'T | null | undefined',
        },
      },
    },
  };
}
