import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OperationDefinitionNode, parse } from 'graphql';
import persisted from './__generated__/persisted-documents.json';
import { documentHash } from './hash';
import { CLIENT_NAME } from './index';

/** The gateway's format (gateway/src/trusted-documents.ts), as Apollo's tools write it. */
export interface ApolloManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }[];
}

const PACKAGE_DIR = join(__dirname, '..');
/** The registry production gateways load: committed, mounted by compose and Kubernetes. */
export const REGISTRY_DIR = join(PACKAGE_DIR, '..', '..', 'deploy', 'trusted-documents');

export const clientVersion = (): string =>
  (JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;

export const manifestFileName = (version = clientVersion()) => `${CLIENT_NAME}@${version}.json`;

/**
 * The client preset's `persisted-documents.json` (hash → body) in the gateway's format. Each id is
 * checked against its body: a manifest the gateway would reject must fail the build instead.
 */
export function toApolloManifest(documents: Record<string, string> = persisted): ApolloManifest {
  const operations = Object.entries(documents).map(([id, body]) => {
    if (id !== documentHash(body)) throw new Error(`persisted document ${id} is not sha256 of its body`);
    const [operation, ...more] = parse(body).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
    );
    if (!operation?.name || more.length > 0)
      throw new Error(`persisted document ${id} must hold exactly one named operation`);
    return { id, name: operation.name.value, type: operation.operation, body };
  });
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

const serialize = (manifest: ApolloManifest) => `${JSON.stringify(manifest, null, 2)}\n`;

/** Writes this version's manifest under dist/trusted-documents/ (the build's last step). */
export function writeManifest(): string {
  const dir = join(PACKAGE_DIR, 'dist', 'trusted-documents');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, manifestFileName());
  writeFileSync(file, serialize(toApolloManifest()));
  return file;
}

/**
 * Registers the built manifest with the deployments: copies it into deploy/trusted-documents/.
 * A registered version is never rewritten, since dashboards of that version still send those
 * hashes: changed documents need a new version.
 */
export function registerManifest(registry = REGISTRY_DIR): string {
  const built = writeManifest();
  const target = join(registry, manifestFileName());
  if (existsSync(target) && readFileSync(target, 'utf8') !== readFileSync(built, 'utf8'))
    throw new Error(
      `${manifestFileName()} is registered with other documents: raise the version in packages/client/package.json`,
    );
  const clientsFile = join(registry, 'clients.json');
  const clients = JSON.parse(readFileSync(clientsFile, 'utf8')) as Record<string, { trustedOnly: boolean }>;
  if (!clients[CLIENT_NAME]) {
    clients[CLIENT_NAME] = { trustedOnly: true };
    writeFileSync(clientsFile, `${JSON.stringify(clients, null, 2)}\n`);
  }
  copyFileSync(built, target);
  return target;
}

if (require.main === module) {
  const command = process.argv[2];
  if (command === 'write') console.log(`manifest: ${writeManifest()}`);
  else if (command === 'register') {
    const file = registerManifest();
    console.log(`registered: ${file}`);
    console.log(
      'mount it: deploy/trusted-documents/kustomization.yaml and the gateway volume (deploy/README.md)',
    );
  } else {
    console.error('usage: node dist/manifest.js write|register');
    process.exit(1);
  }
}
