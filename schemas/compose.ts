import { writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphSdl, SUBGRAPHS, supergraphFile } from './src/index.js';

/** Composes the committed SDL files; URLs are placeholders, the gateway maps names to real URLs. */
export function composeSupergraph(): { supergraphSdl: string } | { errors: string[] } {
  const result = composeServices(
    SUBGRAPHS.map((name) => ({
      name,
      url: `http://${name}.invalid/graphql`,
      typeDefs: parse(subgraphSdl(name)),
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
  process.stdout.write(`wrote ${supergraphFile}\n`);
}
