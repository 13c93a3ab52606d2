import { readFileSync } from 'node:fs';
import { envelopeSchemaFile, payloadSchemaFile, TOPIC_SPECS, type Topic, type TopicSpec } from '@verbatim/contracts';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { EventEnvelope } from './envelope.js';

export class ContractViolation extends Error {
  constructor(readonly topic: string, readonly problems: string) {
    super(`event on ${topic} breaks its contract: ${problems}`);
    this.name = 'ContractViolation';
  }
}

export interface EventContracts {
  topics: readonly TopicSpec[];
  /** Throws ContractViolation when the envelope or its payload does not match the topic's schema. */
  validate(topic: string, envelope: unknown): asserts envelope is EventEnvelope;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const readJson = (file: string): object => JSON.parse(readFileSync(file, 'utf8')) as object;

/** Compiles the JSON Schemas of @verbatim/contracts, the single home of the event contracts. */
export function loadEventContracts(): EventContracts {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const envelope = ajv.compile(readJson(envelopeSchemaFile));
  const payloads = new Map<string, ValidateFunction>();
  for (const t of TOPIC_SPECS) payloads.set(t.name, ajv.compile(readJson(payloadSchemaFile(t.name))));

  return {
    topics: TOPIC_SPECS,
    validate(topic, value): asserts value is EventEnvelope {
      const payload = payloads.get(topic as Topic);
      if (!payload) throw new ContractViolation(topic, 'unknown topic');
      if (!envelope(value)) throw new ContractViolation(topic, ajv.errorsText(envelope.errors));
      if (!payload((value as EventEnvelope).payload)) throw new ContractViolation(topic, ajv.errorsText(payload.errors));
    },
  };
}
