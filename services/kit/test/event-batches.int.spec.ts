import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CONSENT_CHANGED as TOPIC, type ConsentChanged } from '@verbatim/contracts';
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

// Batches end to end: the relay publishes many documents' events per pass, the consumer takes whole
// batches, keeps each key's order, retries a transient failure without dead-lettering, and dedups in bulk.
const infra = testInfra();
const log = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
const contracts = loadEventContracts();
const prefix = `${uniqueName('kitbatch')}.`;
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const payload = (n: number, subject: number): ConsentChanged => ({
  consentId: uuid(n),
  workspaceId: '3f2b8a1e-0c6d-4f7e-9a51-2d7c1b9e4a10',
  subjectType: 'RESPONDENT',
  subjectId: uuid(1_000_000 + subject),
  purpose: 'ANALYSIS',
  status: 'GRANTED',
});

let conn: Connection;
let producerBus: EventBus;
let consumerBus: EventBus;
const handled: EventEnvelope[] = [];
/** Event ids whose handler throws this many more times (a transient outage, as the handler sees it). */
const failures = new Map<string, number>();

beforeAll(async () => {
  conn = await mongoose.createConnection(infra.mongoUrlFor(uniqueName('kitbatch'))).asPromise();
  producerBus = createEventBus({ service: 'consent', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  await ensureTopics(producerBus.admin(), contracts.topics, prefix);
  consumerBus = createEventBus({ service: 'reporting', brokers: infra.brokers, contracts, log, topicPrefix: prefix });
  await consumerBus.consume(
    {
      [TOPIC]: async (event) => {
        const left = failures.get(event.id) ?? 0;
        if (left > 0) {
          failures.set(event.id, left - 1);
          throw new Error('database unavailable');
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

describe('batches on the real broker and database', () => {
  test('the relay publishes a thousand documents in a few passes and each key keeps its order', async () => {
    const Item = conn.model('BatchItem', new Schema({ _id: String, ...outboxSchemaFields }, { versionKey: false }));
    const envelopes = Array.from({ length: 1_000 }, (_, i) => producerBus.envelope(TOPIC, `subject-${i % 20}`, payload(i, i % 20)));
    await Item.insertMany(
      envelopes.map((envelope, i) => ({ _id: `item-${String(i).padStart(4, '0')}`, ...outboxOnCreate([{ topic: TOPIC, key: `subject-${i % 20}`, envelope }]) })),
    );
    const relay = createOutboxRelay({ models: [Item], publisher: producerBus, log });
    relay.start();
    const ids = new Set(envelopes.map((e) => e.id));
    await waitFor(async () => handled.filter((e) => ids.has(e.id)).length === 1_000, { what: '1,000 events', timeoutMs: 60_000 });
    await relay.stop();
    expect(await Item.countDocuments({ outboxPending: true })).toBe(0);
    for (let subject = 0; subject < 20; subject++) {
      const sent = envelopes.filter((_, i) => i % 20 === subject).map((e) => e.id);
      const got = handled.filter((e) => e.subjectId === `subject-${subject}` && ids.has(e.id)).map((e) => e.id);
      expect(got).toEqual(sent);
    }
  });

  test('a handler that fails for a while is retried, not dead-lettered, and events after it on the same key wait for it', async () => {
    const first = producerBus.envelope(TOPIC, 'subject-x', payload(5_001, 77));
    const second = producerBus.envelope(TOPIC, 'subject-x', payload(5_002, 77));
    failures.set(first.id, 3);
    await producerBus.publishEnvelopes([
      { topic: TOPIC, key: 'subject-x', envelope: first },
      { topic: TOPIC, key: 'subject-x', envelope: second },
    ]);
    await waitFor(async () => handled.some((e) => e.id === second.id), { what: 'the second event', timeoutMs: 30_000 });
    expect(failures.get(first.id)).toBe(0);
    const order = handled.filter((e) => e.id === first.id || e.id === second.id).map((e) => e.id);
    expect(order).toEqual([first.id, second.id]);
  });

  test('events redelivered in one batch are handled once', async () => {
    const env = producerBus.envelope(TOPIC, 'subject-y', payload(6_001, 78));
    const marker = producerBus.envelope(TOPIC, 'subject-y', payload(6_002, 78));
    const entry = { topic: TOPIC, key: 'subject-y', envelope: env } as const;
    await producerBus.publishEnvelopes([entry, entry, entry, { topic: TOPIC, key: 'subject-y', envelope: marker }]);
    await waitFor(async () => handled.some((e) => e.id === marker.id), { what: 'marker' });
    expect(handled.filter((e) => e.id === env.id)).toHaveLength(1);
  });

  test('a kick naming the written documents relays just those; a kick without ids searches the collection', async () => {
    const Note = conn.model('BatchNote', new Schema({ _id: String, ...outboxSchemaFields }, { versionKey: false }));
    const relay = createOutboxRelay({ models: [Note], publisher: producerBus, log, intervalMs: 3_600_000 });
    relay.start();
    await relay.settled();
    const unnamed = producerBus.envelope(TOPIC, 'subject-z', payload(7_001, 79));
    const named = producerBus.envelope(TOPIC, 'subject-w', payload(7_002, 80));
    await Note.create({ _id: 'unnamed', ...outboxOnCreate([{ topic: TOPIC, key: 'subject-z', envelope: unnamed }]) });
    await Note.create({ _id: 'named', ...outboxOnCreate([{ topic: TOPIC, key: 'subject-w', envelope: named }]) });
    relay.kick({ model: Note, ids: ['named'] });
    await waitFor(async () => handled.some((e) => e.id === named.id), { what: 'the named document' });
    await relay.settled();
    expect((await Note.findById('unnamed').lean())?.outboxPending).toBe(true);
    relay.kick();
    await waitFor(async () => handled.some((e) => e.id === unnamed.id), { what: 'the searched document' });
    await relay.stop();
  });
});
