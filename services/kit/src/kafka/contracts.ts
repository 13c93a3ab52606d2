import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { EventEnvelope } from './envelope.js';

export interface TopicSpec {
  name: string;
  schema: string;
  producer: string;
  consumers: string[];
  partitions: number;
  retentionMs: number;
  personalData: boolean;
}

/** schemas/events, the single home of the event contracts. */
export const eventSchemasDir = new URL('../../../../schemas/events/', import.meta.url);

export class ContractViolation extends Error {
  constructor(readonly topic: string, readonly problems: string) {
    super(`event on ${topic} breaks its contract: ${problems}`);
    this.name = 'ContractViolation';
  }
}

export interface EventContracts {
  topics: TopicSpec[];
  /** Throws ContractViolation when the envelope or its payload does not match the topic's schema. */
  validate(topic: string, envelope: unknown): asserts envelope is EventEnvelope;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, eventSchemasDir), 'utf8'));
}

export function loadEventContracts(): EventContracts {
  const { topics } = readJson('topics.json') as { topics: TopicSpec[] };
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const envelope = ajv.compile(readJson('envelope.schema.json') as object);
  const payloads = new Map<string, ValidateFunction>();
  for (const t of topics) payloads.set(t.name, ajv.compile(readJson(t.schema) as object));

  return {
    topics,
    validate(topic, value): asserts value is EventEnvelope {
      const payload = payloads.get(topic);
      if (!payload) throw new ContractViolation(topic, 'unknown topic');
      if (!envelope(value)) throw new ContractViolation(topic, ajv.errorsText(envelope.errors));
      if (!payload((value as EventEnvelope).payload)) throw new ContractViolation(topic, ajv.errorsText(payload.errors));
    },
  };
}
