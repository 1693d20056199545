import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';
import { apiSchemaSdl } from './src/api-schema';
import { documentHash } from './src/hash';

/**
 * GraphQL Code Generator's client preset over the gateway's API schema: typed documents for every
 * operation under documents/, and `persisted-documents.json` (hash → body) that the build turns
 * into the gateway's manifest. Hashes are bare sha256 hex of the body, the gateway's ids.
 * `__typename` goes into every selection before hashing: Apollo Client's and urql's normalized
 * caches need it, and a trusted-only client cannot add it to what it sends by hash.
 */
const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  schema: apiSchemaSdl(),
  documents: ['documents/**/*.graphql'],
  generates: {
    'src/__generated__/': {
      preset: 'client',
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: documentHash },
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          Date: { input: 'string', output: 'string' },
          DateTime: { input: 'string', output: 'string' },
          Fen: { input: 'number', output: 'number' },
        },
      },
    },
  },
};

export default config;
