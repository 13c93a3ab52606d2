import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { here, readJson, type TopicEntry } from './contract-sources.js';

/**
 * Writes asyncapi.json, the AsyncAPI 3 description of every Kafka topic (and its dead-letter twin), from
 * events/topics.json; each message's payload is the envelope whose `payload` is the topic's JSON Schema,
 * both referenced from events/, never copied. `pnpm asyncapi:generate` runs it; schemas/test/asyncapi.spec.ts
 * parses the committed file with @asyncapi/parser and fails when it differs from what this returns.
 */

export const asyncApiFile = new URL('asyncapi.json', here);


/** `rights.request-opened.v1` -> `rightsRequestOpenedV1`: AsyncAPI ids are plain words. */
const idOf = (topic: string) => topic.replace(/[.-]+(\w)/g, (_, c: string) => c.toUpperCase());

const JSON_SCHEMA_DRAFT_07 = 'application/schema+json;version=draft-07';

export function generateAsyncApi(): string {
  const { topics } = readJson<{ topics: TopicEntry[] }>('events/topics.json');
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const topic of topics) {
    const id = idOf(topic.name);
    const { title } = readJson<{ title?: string }>(`events/${topic.schema}`);
    messages[topic.payloadType] = {
      name: topic.payloadType,
      title: title ?? topic.payloadType,
      summary: `The envelope of ${topic.name}; its payload is events/${topic.schema}.`,
      contentType: 'application/json',
      payload: {
        schemaFormat: JSON_SCHEMA_DRAFT_07,
        schema: {
          allOf: [{ $ref: './events/envelope.schema.json' }, { type: 'object', properties: { payload: { $ref: `./events/${topic.schema}` } } }],
        },
      },
      bindings: {
        kafka: {
          key: { type: 'string', description: 'The envelope subjectId: one subject\'s events stay ordered on one partition.' },
          bindingVersion: '0.5.0',
        },
      },
    };
    const messageRef = { $ref: `#/components/messages/${topic.payloadType}` };
    const description = [
      `Produced by ${topic.producer}; consumed by ${topic.consumers.join(', ')}.`,
      topic.personalData ? 'Carries personal data.' : 'Carries no personal data beyond ids.',
      topic.why ?? '',
    ].filter(Boolean).join(' ');
    const kafkaChannel = (partitions: number) => ({ kafka: { partitions, topicConfiguration: { 'retention.ms': topic.retentionMs }, bindingVersion: '0.5.0' } });
    channels[id] = {
      address: topic.name,
      title: topic.name,
      description,
      messages: { [topic.payloadType]: messageRef },
      bindings: kafkaChannel(topic.partitions),
    };
    channels[`${id}Dlq`] = {
      address: `${topic.name}.dlq`,
      title: `${topic.name}.dlq`,
      description: `Dead-letter twin of ${topic.name}: its messages a consumer could not handle after its retries, unchanged, with the same retention.`,
      messages: { [topic.payloadType]: messageRef },
      bindings: kafkaChannel(topic.partitions),
    };
    operations[`send${id[0]!.toUpperCase()}${id.slice(1)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: `${topic.producer} publishes ${topic.name}.`,
      messages: [{ $ref: `#/channels/${id}/messages/${topic.payloadType}` }],
    };
    operations[`receive${id[0]!.toUpperCase()}${id.slice(1)}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      summary: `${topic.consumers.join(', ')} consume${topic.consumers.length > 1 ? '' : 's'} ${topic.name}.`,
      messages: [{ $ref: `#/channels/${id}/messages/${topic.payloadType}` }],
    };
  }
  const document = {
    asyncapi: '3.0.0',
    info: {
      title: 'Verbatim events',
      version: '1.0.0',
      description:
        'Every Kafka topic of Verbatim, generated from schemas/events/topics.json by `pnpm asyncapi:generate`. Every message is the ' +
        'envelope of events/envelope.schema.json (keyed by its subjectId) whose payload is the topic\'s JSON Schema in events/. ' +
        'Rights proofs: each rights.request-acknowledged.v1 carries the holder\'s signed receipt, and rights.request-completed.v1 the ' +
        'completion certificate; both are EdDSA JWS verifiable with the keys every service publishes at /.well-known/proof-keys.json ' +
        '(see examples/compliance-consumer).',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'The broker of the local stack (`npm start`); topic names may carry a deployment prefix (KAFKA_TOPIC_PREFIX).',
      },
    },
    channels,
    operations,
    components: { messages },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--write')) {
  writeFileSync(asyncApiFile, generateAsyncApi());
  process.stdout.write(`wrote ${fileURLToPath(asyncApiFile)}\n`);
}
