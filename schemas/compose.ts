import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** The subgraphs, in composition order; each name is also its SDL file and its service folder. */
export const subgraphNames = ['identity', 'ingestion', 'anonymizer', 'reporting', 'consent', 'rights'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

const here = new URL('./', import.meta.url);
export const supergraphFile = new URL('supergraph.graphql', here);

/** Composes the committed SDL files; URLs are placeholders, the gateway maps names to real URLs. */
export function composeSupergraph(): { supergraphSdl: string } | { errors: string[] } {
  const result = composeServices(
    subgraphNames.map((name) => ({
      name,
      url: `http://${name}.invalid/graphql`,
      typeDefs: parse(readFileSync(new URL(`${name}.graphql`, here), 'utf8')),
    })),
  );
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!) && process.argv.includes('--write')) {
  const result = composeSupergraph();
  if ('errors' in result) {
    process.stderr.write(`composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    process.exit(1);
  }
  writeFileSync(supergraphFile, result.supergraphSdl);
  process.stdout.write(`wrote ${supergraphFile.pathname}\n`);
}
