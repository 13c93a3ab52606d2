import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CONSENT_CHANGED as TOPIC, type ConsentChanged } from '@verbatim/contracts';
import kafkajs from 'kafkajs';
import mongoose, { Schema, type Connection } from 'mongoose';
import { pino } from 'pino';
import {
  createEventBus,
  createOutboxRelay,
  createProcessedEventStore,
  ensureTopics,
  loadEventContracts,
  outboxOnCreate,
  outboxSchemaFields,
  type EventBus,
  type EventEnvelope,
} from '../src/index.js';
import { testInfra, uniqueName, waitFor } from '../src/testing/index.js';

const infra = testInfra();
const log = pino({ level: 'silent' });
const contracts = loadEventContracts();
const prefix = `${uniqueName('kit')}.`;
const payload = (consentId: string): ConsentChanged => ({
  consentId,
  workspaceId: '3f2b8a1e-0c6d-4f7e-9a51-2d7c1b9e4a10',
  subjectType: 'RESPONDENT',
  subjectId: '9d1c3a7b-52e4-4b8f-a6d0-7e3f1c2b5a94',
  purpose: 'ANALYSIS',
  status: 'GRANTED',
});

let conn: Connection;
let producerBus: EventBus;
let consumerBus: EventBus;
const handled: EventEnvelope[] = [];
let failNext = 0;

beforeAll(async () => {
  conn = await mongoose.createConnection(infra.mongoUrlFor(uniqueName('kit'))).asPromise();
  producerBus = createEventBus({ service: 'consent', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  await ensureTopics(producerBus.admin(), contracts.topics, prefix);
  consumerBus = createEventBus({ service: 'reporting', brokers: infra.brokers, contracts, log, topicPrefix: prefix, maxAttempts: 2 });
  await consumerBus.consume(
    {
      [TOPIC]: async (event) => {
        if (failNext > 0) {
          failNext--;
          throw new Error('simulated handler failure');
        }
        handled.push(event);
      },
    },
    createProcessedEventStore(conn),
  );
});

afterAll(async () => {
  await consumerBus?.stop();
  await producerBus?.stop();
  await conn?.dropDatabase();
  await conn?.close();
});

async function readDlq(): Promise<Array<{ value: string; headers: Record<string, string> }>> {
  const kafka = new kafkajs.Kafka({ brokers: infra.brokers, logLevel: kafkajs.logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('dlq-reader') });
  const out: Array<{ value: string; headers: Record<string, string> }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic: `${prefix}${TOPIC}.dlq`, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
      out.push({ value: message.value?.toString() ?? '', headers });
    },
  });
  return Object.assign(out, { disconnect: () => consumer.disconnect() });
}

describe('event bus on a real Kafka 4 broker', () => {
  test('a published event reaches the consumer group once, validated against its contract', async () => {
    const sent = await producerBus.publish(TOPIC, 'subject-1', payload('0b6f5a4e-8d2c-4e1a-9f3b-6c7d8e9f0a1b'));
    const got = await waitFor(async () => handled.find((e) => e.id === sent.id), { what: 'delivery' });
    expect(got.payload).toEqual(sent.payload);
    expect(got.source).toBe('consent');
    expect(got.type).toBe('consent.consent-changed');
  });

  test('publishing a payload that breaks the contract is refused before it reaches Kafka', async () => {
    await expect(producerBus.publish(TOPIC, 's', { ...payload('0b6f5a4e-8d2c-4e1a-9f3b-6c7d8e9f0a1b'), consentId: 'not-a-uuid' })).rejects.toThrow(/breaks its contract/);
  });

  test('the same event delivered twice is handled once', async () => {
    const env = producerBus.envelope(TOPIC, 'subject-2', payload('1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f'));
    await producerBus.publishEnvelope(TOPIC, 'subject-2', env);
    await producerBus.publishEnvelope(TOPIC, 'subject-2', env);
    const marker = await producerBus.publish(TOPIC, 'subject-2', payload('2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a'));
    await waitFor(async () => handled.find((e) => e.id === marker.id), { what: 'marker' });
    expect(handled.filter((e) => e.id === env.id)).toHaveLength(1);
  });

  test('a malformed message and a message whose handler keeps failing go to the dead-letter topic without blocking the partition', async () => {
    const kafka = new kafkajs.Kafka({ brokers: infra.brokers, logLevel: kafkajs.logLevel.NOTHING });
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({ topic: prefix + TOPIC, messages: [{ key: 'subject-3', value: '{not json' }] });
    await raw.disconnect();
    failNext = 2;
    const failing = await producerBus.publish(TOPIC, 'subject-3', payload('3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b'));
    const after = await producerBus.publish(TOPIC, 'subject-3', payload('4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b8c'));
    await waitFor(async () => handled.find((e) => e.id === after.id), { what: 'the message after the failures' });
    expect(handled.find((e) => e.id === failing.id)).toBeUndefined();
    const dlq = (await readDlq()) as Array<{ value: string; headers: Record<string, string> }> & { disconnect(): Promise<void> };
    await waitFor(async () => dlq.length >= 2, { what: 'two dead letters' });
    await dlq.disconnect();
    const codes = dlq.map((m) => m.headers['x-dlq-reason-code']).sort();
    expect(codes).toEqual(['CONTRACT_VIOLATION', 'HANDLER_FAILED']);
    expect(dlq.find((m) => m.headers['x-dlq-reason-code'] === 'HANDLER_FAILED')?.value).toContain(failing.id);
  });

  test('the outbox relay publishes events written inside a document and clears them', async () => {
    const Thing = conn.model('Thing', new Schema({ _id: String, ...outboxSchemaFields }, { versionKey: false }));
    const relay = createOutboxRelay({ models: [Thing], publisher: producerBus, log, intervalMs: 50 });
    const env = producerBus.envelope(TOPIC, 'subject-4', payload('5a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c9d'));
    await Thing.create({ _id: 'thing-1', ...outboxOnCreate([{ topic: TOPIC, key: 'subject-4', envelope: env }]) });
    relay.start();
    await waitFor(async () => handled.find((e) => e.id === env.id), { what: 'outbox delivery' });
    await waitFor(async () => (await Thing.findById('thing-1').lean())?.outboxPending === false, { what: 'outbox cleared' });
    await relay.stop();
    expect((await Thing.findById('thing-1').lean())?.outbox).toEqual([]);
  });
});
