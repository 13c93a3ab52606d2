import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PersistedQueryOptions } from '@apollo/server';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';

/** The partner operations, one per file; the manifest is built from them (`pnpm trusted-documents`). */
export const PARTNER_DOCUMENTS_DIR = fileURLToPath(new URL('../trusted-documents/partner', import.meta.url));
export const PARTNER_MANIFEST_FILE = fileURLToPath(new URL('../trusted-documents/partner.json', import.meta.url));

/** Apollo's persisted-query manifest format, which Apollo Client, Rover and GraphOS also read and write. */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: Array<{ id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }>;
}

/** An operation's id is the sha256 (hex) of its exact text, as in Apollo's automatic persisted queries. */
export const documentHash = (body: string) => createHash('sha256').update(body).digest('hex');

/** Builds the manifest from a folder of .graphql files, each holding exactly one named operation. */
export function buildManifest(dir: string = PARTNER_DOCUMENTS_DIR): PersistedQueryManifest {
  const operations = readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => {
      const document = parse(readFileSync(`${dir}/${name}`, 'utf8'));
      const definitions = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const operation = definitions[0];
      if (definitions.length !== 1 || !operation?.name) throw new Error(`${name}: a trusted document holds exactly one named operation`);
      const body = print(document);
      return { id: documentHash(body), name: operation.name.value, type: operation.operation, body };
    });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export const serializeManifest = (manifest: PersistedQueryManifest) => `${JSON.stringify(manifest, null, 2)}\n`;

/** The registered operations, by hash. */
export interface TrustedDocuments {
  has(hash: string): boolean;
  /** For Apollo's persisted queries: a read-only cache, so a caller can send a registered operation by hash alone. */
  cache: NonNullable<PersistedQueryOptions['cache']>;
  size: number;
}

export function loadTrustedDocuments(file: string): TrustedDocuments {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as PersistedQueryManifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1) throw new Error(`${file} is not a persisted-query manifest (version 1)`);
  const byHash = new Map<string, string>();
  for (const op of manifest.operations) {
    if (documentHash(op.body) !== op.id) throw new Error(`${file}: the id of ${op.name} is not the sha256 of its body; rebuild the manifest`);
    byHash.set(op.id, op.body);
  }
  // Apollo prefixes its keys ("apq:<hash>"); the hash is the key's last 64 characters. Writes (a
  // caller registering a new operation) are ignored: only the manifest registers operations.
  const hashOf = (key: string) => /[0-9a-f]{64}$/.exec(key)?.[0] ?? '';
  return {
    has: (hash) => byHash.has(hash),
    size: byHash.size,
    cache: {
      get: async (key) => byHash.get(hashOf(key)),
      set: async () => undefined,
      delete: async () => undefined,
    },
  };
}
