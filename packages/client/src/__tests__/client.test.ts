import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DocumentNode, Kind, parse, validate } from 'graphql';
import { CountyOpenLaborAlertsDocument, documentId, LaborAlertRaisedDocument } from '..';
import persisted from '../__generated__/persisted-documents.json';
import { apiSchema, DOCUMENTS_DIR } from '../api-schema';
import { documentHash } from '../hash';
import { clientVersion, manifestFileName, REGISTRY_DIR, toApolloManifest } from '../manifest';

const sources = readdirSync(join(DOCUMENTS_DIR, 'county-dashboard')).map((f) =>
  readFileSync(join(DOCUMENTS_DIR, 'county-dashboard', f), 'utf8'),
);
const written = parse(sources.join('\n'));
const operationNames = written.definitions.flatMap((d) =>
  d.kind === Kind.OPERATION_DEFINITION ? [d.name!.value] : [],
);

describe('the manifest', () => {
  const manifest = toApolloManifest();

  it('holds every operation once, in the gateway format, each id the sha256 of its body', () => {
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.operations.map((o) => o.name)).toEqual([...operationNames].sort());
    expect(operationNames).toHaveLength(6);
    for (const op of manifest.operations) expect(op.id).toBe(documentHash(op.body));
    expect(manifest.operations.find((o) => o.name === 'LaborAlertRaised')?.type).toBe('subscription');
    expect(manifest.operations.find((o) => o.name === 'RaiseLaborAlert')?.type).toBe('mutation');
  });

  it('gives each typed document the id of its registered body', () => {
    const byName = Object.fromEntries(manifest.operations.map((o) => [o.name, o.id]));
    expect(documentId(CountyOpenLaborAlertsDocument)).toBe(byName.CountyOpenLaborAlerts);
    expect(documentId(LaborAlertRaisedDocument)).toBe(byName.LaborAlertRaised);
    expect(() => documentId(parse('{ __typename }'))).toThrow('not a document generated');
  });

  it('refuses a body whose id is not its hash, and a document without one named operation', () => {
    expect(() => toApolloManifest({ ['0'.repeat(64)]: 'query A { __typename }' })).toThrow(
      'is not sha256 of its body',
    );
    const two = 'query A { __typename } query B { __typename }';
    expect(() => toApolloManifest({ [documentHash(two)]: two })).toThrow('exactly one named operation');
  });

  it('is registered for this version exactly as built (changed documents need a new version)', () => {
    const registered = JSON.parse(readFileSync(join(REGISTRY_DIR, manifestFileName()), 'utf8'));
    expect(registered).toEqual(manifest);
    expect(manifestFileName()).toBe(`county-dashboard@${clientVersion()}.json`);
    const clients = JSON.parse(readFileSync(join(REGISTRY_DIR, 'clients.json'), 'utf8'));
    expect(clients['county-dashboard']).toEqual({ trustedOnly: true });
  });
});

describe('the documents', () => {
  const schema = apiSchema();

  it('validate against the supergraph the gateway serves', () => {
    expect(validate(schema, written).map((e) => e.message)).toEqual([]);
    // Each registered body alone, fragments inlined by codegen, validates too.
    for (const body of Object.values(persisted as Record<string, string>))
      expect(validate(schema, parse(body)).map((e) => e.message)).toEqual([]);
  });

  it('are caught when they drift from the schema', () => {
    const drifted: DocumentNode = parse('query X($id: ID!) { laborAlert(id: $id) { salary } }');
    expect(validate(schema, drifted).map((e) => e.message)).toEqual([
      'Cannot query field "salary" on type "LaborAlert".',
    ]);
  });
});

it('types a dashboard’s use of them, and catches its mistakes', () => {
  const tsc = require.resolve('typescript/bin/tsc');
  const fixture = join(__dirname, 'fixtures', 'typed-usage.ts');
  const r = spawnSync(
    process.execPath,
    [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2023', '--skipLibCheck', fixture],
    { encoding: 'utf8' },
  );
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 60_000);
