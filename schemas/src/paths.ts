import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOPIC_SPECS, type SubgraphName, type Topic } from './generated.js';

/** Absolute paths of the contract files, so no importer climbs the tree to find them. */
const file = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

export const sdlFile = (name: SubgraphName): string => file(`${name}.graphql`);
export const supergraphFile = file('supergraph.graphql');
/** The @personalData directive definition, appended to every subgraph's SDL (see subgraphSdl). */
export const personalDataDirectiveFile = file('personal-data.graphql');
/** The generated data map (schemas/data-map.ts) and the policy vocabulary it is checked against. */
export const dataMapFile = file('data-map.json');
export const privacyPolicyFile = file('privacy/policy.json');
/** Every subprocessor (schemas/privacy/subprocessors.json): the gates, the data map's recipients and the register read it. */
export const subprocessorsFile = file('privacy/subprocessors.json');

/** Value types several subgraphs return (@shareable), each defined once: appended to the SDL of every subgraph that names it. */
const sharedTypes = [{ type: 'ArchivedRecord', file: file('archive.graphql') }];

/** A subgraph's SDL as composed and served: its file, the shared value types it names, and the one @personalData definition. */
export function subgraphSdl(name: SubgraphName): string {
  const own = readFileSync(sdlFile(name), 'utf8');
  const shared = sharedTypes.filter(({ type }) => new RegExp(`\\b${type}\\b`).test(own)).map(({ file: f }) => readFileSync(f, 'utf8'));
  return [own, ...shared, readFileSync(personalDataDirectiveFile, 'utf8')].join('\n');
}
export const envelopeSchemaFile = file('events/envelope.schema.json');

/** The payload schema of a topic, the file events/topics.json names for it. */
export function payloadSchemaFile(topic: Topic): string {
  const spec = TOPIC_SPECS.find((t) => t.name === topic);
  if (!spec) throw new Error(`${topic} is not in events/topics.json`);
  return file(`events/${spec.schema}`);
}
