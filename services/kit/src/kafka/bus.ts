import { randomUUID } from 'node:crypto';
import type { PayloadOf, ServiceName, Topic } from '@verbatim/contracts';
import kafkajs, { type Consumer, type KafkaMessage, type Producer, type Admin, type LogEntry } from 'kafkajs';
import type { Logger } from '../logger.js';
import type { OutboxEntry } from '../mongo/outbox.js';
import type { ProcessedEventStore } from '../mongo/processed-events.js';
import { AppError } from '../errors.js';
import { ContractViolation, type EventContracts } from './contracts.js';
import { createEnvelope, type Envelope, type EventEnvelope } from './envelope.js';
import { dlqTopic } from './topics.js';

const { Kafka, logLevel, Partitioners } = kafkajs;

/** Bytes of message values per produce request (under the broker's 1 MiB record-batch limit). */
const BATCH_BYTES = 512 * 1024;
/** Errors that say the event itself is wrong: retrying cannot help (CONFLICT and the rest may pass later). */
const PERMANENT_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'PRECONDITION_FAILED']);
/** An error that says the event itself is wrong, so retrying it cannot help. */
export const isPermanentError = (err: unknown): boolean => err instanceof AppError && PERMANENT_CODES.has(err.code);
/** Every topic has 3 partitions; each is consumed by its own loop. */
const PARTITIONS_IN_PARALLEL = 3;
/** Distinct keys (subjects) of one batch handled at once; each key's events stay in order. */
const KEYS_IN_PARALLEL = 16;

export interface HandlerContext {
  topic: Topic;
  partition: number;
  offset: string;
  heartbeat(): Promise<void>;
}
/** Handles one topic's events, the payload typed by that topic's contract (validated before the call). */
export type EventHandler<T extends Topic> = (event: Envelope<T>, ctx: HandlerContext) => Promise<void>;
/** What a service consumes: a handler per topic. */
export type EventHandlers = { [T in Topic]?: EventHandler<T> };
/**
 * Runs after an event of the topic was given up to its dead-letter topic, so its producer can still
 * be answered (a rights holder answers FAILED); its own failure is logged, never retried.
 */
export type DeadLetterHandlers = { [T in Topic]?: (event: Envelope<T>) => Promise<void> };

export interface EventBus {
  /** Validates against the topic's contract, then produces, keyed by subject id. */
  publish<T extends Topic>(topic: T, subjectId: string, payload: PayloadOf<T>): Promise<Envelope<T>>;
  publishEnvelope(topic: Topic, key: string, envelope: EventEnvelope): Promise<void>;
  /** Validates each, then produces them all in as few requests as the broker's batch size allows. */
  publishEnvelopes(entries: readonly OutboxEntry[]): Promise<void>;
  /** Builds a validated envelope without producing it (for the outbox). */
  envelope<T extends Topic>(topic: T, subjectId: string, payload: PayloadOf<T>): Envelope<T>;
  /** One consumer group named after the service; handlers keyed by topic name. */
  consume(handlers: EventHandlers, store: ProcessedEventStore, deadLetters?: DeadLetterHandlers): Promise<void>;
  /**
   * Every process receives every event of `topic`, from the oldest retained one (a consumer group of
   * its own, never committed): for state each process keeps in memory, such as the token deny list.
   * Resolves once the group has joined; a failing handler is logged and the event skipped.
   */
  broadcast<T extends Topic>(topic: T, handler: (event: Envelope<T>) => void): Promise<void>;
  admin(): Admin;
  ready(): boolean;
  stop(): Promise<void>;
}

export interface EventBusOptions {
  service: ServiceName;
  brokers: string[];
  contracts: EventContracts;
  log: Logger;
  topicPrefix?: string;
  /** Attempts before a failing message goes to the dead-letter topic (whichever of this and the budget comes first). */
  maxAttempts?: number;
  /** How long a failing message is retried before it goes to the dead-letter topic (default 60 s: outlives a database restart). */
  retryBudgetMs?: number;
}

const kafkaLevels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createEventBus(options: EventBusOptions): EventBus {
  const { service, log } = options;
  const contracts: EventContracts = options.contracts;
  const prefix = options.topicPrefix ?? '';
  const maxAttempts = options.maxAttempts ?? 50;
  const retryBudgetMs = options.retryBudgetMs ?? 60_000;
  const kafkaLog = log.child({ component: 'kafka' });
  const kafka = new Kafka({
    clientId: service,
    brokers: options.brokers,
    retry: { retries: 8, initialRetryTime: 200 },
    // kafkajs logs go to the service logger at the same level names; its INFO chatter is demoted.
    logCreator: () => (entry: LogEntry) => {
      const level = kafkaLevels[entry.level] ?? 'debug';
      const { message, ...rest } = entry.log;
      kafkaLog[level === 'info' ? 'debug' : level]({ ...rest, namespace: entry.namespace }, message);
    },
  });
  const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  let producerConnected: Promise<void> | undefined;
  let consumer: Consumer | undefined;
  let consumerReady = false;
  const broadcasts: Consumer[] = [];
  let adminClient: Admin | undefined;

  const connectProducer = () => (producerConnected ??= producer.connect());

  async function send(topic: string, key: string, envelope: EventEnvelope): Promise<void> {
    await connectProducer();
    await producer.send({ topic: prefix + topic, acks: -1, messages: [{ key, value: JSON.stringify(envelope) }] });
  }

  /**
   * A partition's messages of one request form one record batch, which the broker refuses above
   * message.max.bytes (1 MiB by default): requests are cut at BATCH_BYTES of values.
   */
  async function sendMany(entries: readonly OutboxEntry[]): Promise<void> {
    await connectProducer();
    let chunk: Array<{ topic: string; key: string; value: string }> = [];
    let bytes = 0;
    const flush = async () => {
      if (!chunk.length) return;
      const byTopic = new Map<string, Array<{ key: string; value: string }>>();
      for (const { topic, key, value } of chunk) {
        const list = byTopic.get(topic) ?? [];
        list.push({ key, value });
        byTopic.set(topic, list);
      }
      chunk = [];
      bytes = 0;
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic: prefix + topic, messages })) });
    };
    for (const e of entries) {
      const value = JSON.stringify(e.envelope);
      if (bytes + value.length > BATCH_BYTES) await flush();
      chunk.push({ topic: e.topic, key: e.key, value });
      bytes += value.length;
    }
    await flush();
  }

  function envelope<T extends Topic>(topic: T, subjectId: string, payload: PayloadOf<T>): Envelope<T> {
    const env = createEnvelope(topic, service, subjectId, payload);
    contracts.validate(topic, env);
    return env;
  }

  async function deadLetter(topic: string, message: KafkaMessage, partition: number, reason: string, code: string) {
    // The original bytes go unchanged to the DLQ (same retention as the source topic); the reason holds no text.
    await connectProducer();
    await producer.send({
      topic: prefix + dlqTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            'x-dlq-reason-code': code,
            'x-dlq-reason': reason.slice(0, 500),
            'x-dlq-source-partition': String(partition),
            'x-dlq-source-offset': message.offset,
            'x-dlq-consumer': service,
          },
        },
      ],
    });
    log.warn({ topic, partition, offset: message.offset, code }, 'message sent to dead-letter topic');
  }

  /**
   * Runs a handler until it succeeds. An error that says the event itself is wrong fails at once;
   * anything else (a database or broker outage) is retried with backoff for up to
   * RETRY_BUDGET_MS before the message is given up to the dead-letter topic.
   */
  async function handleWithRetries(handler: (event: EventEnvelope, ctx: HandlerContext) => Promise<void>, event: EventEnvelope, ctx: HandlerContext): Promise<string | undefined> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(event, ctx);
        return undefined;
      } catch (err) {
        const permanent = isPermanentError(err);
        if (permanent || attempt >= maxAttempts || Date.now() - started > retryBudgetMs) {
          log.error({ err, topic: ctx.topic, partition: ctx.partition, offset: ctx.offset, eventId: event.id, attempt }, 'handler failed; dead-lettering');
          return err instanceof Error ? err.message : 'handler failed';
        }
        log.warn({ err, topic: ctx.topic, attempt, eventId: event.id }, 'handler failed; retrying');
        const delay = Math.min(5_000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2);
        await new Promise((r) => setTimeout(r, delay));
        await ctx.heartbeat();
      }
    }
  }

  return {
    envelope,
    async publish(topic, subjectId, payload) {
      const env = envelope(topic, subjectId, payload);
      await send(topic, subjectId, env);
      return env;
    },
    async publishEnvelope(topic, key, env) {
      contracts.validate(topic, env);
      await send(topic, key, env);
    },
    async publishEnvelopes(entries) {
      for (const e of entries) contracts.validate(e.topic, e.envelope);
      await sendMany(entries);
    },
    async consume(handlers, store, deadLetters = {}) {
      consumer = kafka.consumer({ groupId: prefix + service, sessionTimeout: 30_000, heartbeatInterval: 3_000, allowAutoTopicCreation: false });
      consumer.on(consumer.events.GROUP_JOIN, () => {
        consumerReady = true;
      });
      consumer.on(consumer.events.CRASH, (e) => {
        consumerReady = false;
        log.error({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
      });
      await consumer.connect();
      await consumer.subscribe({ topics: Object.keys(handlers).map((t) => prefix + t), fromBeginning: true });
      await connectProducer();
      const c = consumer;
      await c.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: PARTITIONS_IN_PARALLEL,
        eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
          // Subscribed to exactly the handlers' topics, and each payload is validated below before the call.
          const topic = batch.topic.slice(prefix.length) as Topic;
          const handler = handlers[topic] as (event: EventEnvelope, ctx: HandlerContext) => Promise<void>;
          const events: Array<{ event: EventEnvelope; message: KafkaMessage }> = [];
          for (const message of batch.messages) {
            try {
              const parsed: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
              contracts.validate(topic, parsed);
              events.push({ event: parsed as EventEnvelope, message });
            } catch (err) {
              const reason = err instanceof ContractViolation ? err.problems : 'not valid JSON';
              await deadLetter(topic, message, batch.partition, reason, 'CONTRACT_VIOLATION');
            }
          }
          const seen = await store.seen(service, events.map((e) => e.event.id));
          // A redelivered event may also repeat within one batch: the first copy is handled, the rest skipped.
          const todo = events.filter((e) => !seen.has(e.event.id) && (seen.add(e.event.id), true));
          // One person's events stay in order (same key, same partition); different keys run side by side.
          const byKey = new Map<string, typeof todo>();
          for (const item of todo) {
            const k = item.message.key?.toString('utf8') ?? '';
            byKey.set(k, [...(byKey.get(k) ?? []), item]);
          }
          const handled: Array<{ id: string; topic: string }> = [];
          const lanes = [...byKey.values()];
          const runLane = async (lane: typeof todo) => {
            for (const { event, message } of lane) {
              if (!isRunning() || isStale()) return;
              const failure = await handleWithRetries(handler, event, { topic, partition: batch.partition, offset: message.offset, heartbeat });
              // If this write fails the error propagates and the batch's offsets stay uncommitted.
              if (failure !== undefined) {
                await deadLetter(topic, message, batch.partition, failure, 'HANDLER_FAILED');
                const onDeadLetter = deadLetters[topic] as ((e: EventEnvelope) => Promise<void>) | undefined;
                await onDeadLetter?.(event).catch((err: unknown) => log.error({ err, topic, partition: batch.partition, offset: message.offset }, 'dead-letter handler failed'));
              }
              handled.push({ id: event.id, topic });
            }
          };
          for (let i = 0; i < lanes.length; i += KEYS_IN_PARALLEL) {
            await Promise.all(lanes.slice(i, i + KEYS_IN_PARALLEL).map(runLane));
            await heartbeat();
          }
          if (!isRunning() || isStale()) return;
          await store.mark(service, handled);
          // Offsets move only after every write of the batch (and any dead letter) is done.
          const last = batch.messages[batch.messages.length - 1];
          if (!last) return;
          await c.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }]);
          // The consumer's own fetch position moves only with resolved offsets.
          resolveOffset(last.offset);
        },
      });
    },
    async broadcast(topic, handler) {
      const listener = kafka.consumer({ groupId: `${prefix}${service}.broadcast.${randomUUID()}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
      broadcasts.push(listener);
      const joined = new Promise<void>((resolve) => listener.on(listener.events.GROUP_JOIN, () => resolve()));
      await listener.connect();
      await listener.subscribe({ topics: [prefix + topic], fromBeginning: true });
      await listener.run({
        autoCommit: false,
        eachMessage: async ({ message, partition }) => {
          try {
            const parsed: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
            contracts.validate(topic, parsed);
            handler(parsed as Envelope<typeof topic>);
          } catch (err) {
            log.error({ err, topic, partition, offset: message.offset }, 'broadcast event skipped');
          }
        },
      });
      await joined;
    },
    admin() {
      return (adminClient ??= kafka.admin());
    },
    ready() {
      return consumer ? consumerReady : true;
    },
    async stop() {
      if (consumer) await consumer.disconnect();
      for (const listener of broadcasts) await listener.disconnect();
      if (producerConnected) await producer.disconnect();
      if (adminClient) await adminClient.disconnect();
    },
  };
}
