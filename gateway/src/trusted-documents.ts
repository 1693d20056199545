import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Operations a frontend registered: `clients.json` (`{ "<client>": { "trustedOnly": true } }`)
 * and one Apollo persisted-query manifest per client version, `<client>@<version>.json`
 * (`{ "format": "apollo-persisted-query-manifest", "operations": [{ "id", "body", … }] }`).
 * A trusted-only client runs nothing else; every registered version stays runnable.
 */
export interface ClientPolicy {
  trustedOnly: boolean;
}

interface Manifest {
  format: string;
  operations: { id: string; body: string; name?: string }[];
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class TrustedDocuments {
  private readonly documents = new Map<string, Map<string, string>>();

  constructor(
    private readonly clients: Record<string, ClientPolicy> = {},
    manifests: { client: string; manifest: Manifest }[] = [],
  ) {
    for (const { client, manifest } of manifests) {
      if (manifest.format !== 'apollo-persisted-query-manifest')
        throw new Error(`${client}: not an apollo-persisted-query-manifest`);
      const docs = this.documents.get(client) ?? new Map<string, string>();
      for (const op of manifest.operations) {
        // The id must be the body's hash: a manifest cannot smuggle one document in under another's id.
        if (op.id !== sha256(op.body))
          throw new Error(`${client}: operation ${op.name ?? op.id} id is not sha256(body)`);
        docs.set(op.id, op.body);
      }
      this.documents.set(client, docs);
    }
  }

  static fromDirectory(dir: string): TrustedDocuments {
    const clientsFile = join(dir, 'clients.json');
    const clients = existsSync(clientsFile)
      ? (JSON.parse(readFileSync(clientsFile, 'utf8')) as Record<string, ClientPolicy>)
      : {};
    const manifests = readdirSync(dir)
      .filter((f) => /^[^@]+@[^@]+\.json$/.test(f))
      .map((f) => ({
        client: f.slice(0, f.indexOf('@')),
        manifest: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Manifest,
      }));
    return new TrustedDocuments(clients, manifests);
  }

  /** Whether client names are checked at all: only once some client is registered. */
  get registry(): boolean {
    return Object.keys(this.clients).length > 0;
  }

  knows(client: string): boolean {
    return client in this.clients;
  }

  trustedOnly(client: string | undefined): boolean {
    return !!client && !!this.clients[client]?.trustedOnly;
  }

  document(client: string | undefined, hash: string): string | undefined {
    return client ? this.documents.get(client)?.get(hash) : undefined;
  }
}
