import { fileURLToPath } from 'node:url';
import { TOPIC_SPECS, type SubgraphName, type Topic } from './generated.js';

/** Absolute paths of the contract files, so no importer climbs the tree to find them. */
const file = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

export const sdlFile = (name: SubgraphName): string => file(`${name}.graphql`);
export const supergraphFile = file('supergraph.graphql');
export const envelopeSchemaFile = file('events/envelope.schema.json');

/** The payload schema of a topic, the file events/topics.json names for it. */
export function payloadSchemaFile(topic: Topic): string {
  const spec = TOPIC_SPECS.find((t) => t.name === topic);
  if (!spec) throw new Error(`${topic} is not in events/topics.json`);
  return file(`events/${spec.schema}`);
}
