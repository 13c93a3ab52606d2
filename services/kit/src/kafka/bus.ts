import type { PayloadOf, ServiceName, Topic } from '@verbatim/contracts';
import kafkajs, { type Consumer, type KafkaMessage, type Producer, type Admin, type LogEntry } from 'kafkajs';
import type { Logger } from '../logger.js';
import type { ProcessedEventStore } from '../mongo/processed-events.js';
import { ContractViolation, type EventContracts } from './contracts.js';
import { createEnvelope, type Envelope, type EventEnvelope } from './envelope.js';
import { dlqTopic } from './topics.js';

const { Kafka, logLevel, Partitioners } = kafkajs;

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

export interface EventBus {
  /** Validates against the topic's contract, then produces, keyed by subject id. */
  publish<T extends Topic>(topic: T, subjectId: string, payload: PayloadOf<T>): Promise<Envelope<T>>;
  publishEnvelope(topic: Topic, key: string, envelope: EventEnvelope): Promise<void>;
  /** Builds a validated envelope without producing it (for the outbox). */
  envelope<T extends Topic>(topic: T, subjectId: string, payload: PayloadOf<T>): Envelope<T>;
  /** One consumer group named after the service; handlers keyed by topic name. */
  consume(handlers: EventHandlers, store: ProcessedEventStore): Promise<void>;
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
  /** Attempts before a failing message goes to the dead-letter topic. */
  maxAttempts?: number;
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
  const maxAttempts = options.maxAttempts ?? 4;
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
  let adminClient: Admin | undefined;

  const connectProducer = () => (producerConnected ??= producer.connect());

  async function send(topic: string, key: string, envelope: EventEnvelope): Promise<void> {
    await connectProducer();
    await producer.send({ topic: prefix + topic, acks: -1, messages: [{ key, value: JSON.stringify(envelope) }] });
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
    async consume(handlers, store) {
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
        eachMessage: async ({ topic: fullTopic, partition, message, heartbeat }) => {
          // Subscribed to exactly the handlers' topics, and the payload is validated below before the call.
          const topic = fullTopic.slice(prefix.length) as Topic;
          const handler = handlers[topic] as (event: EventEnvelope, ctx: HandlerContext) => Promise<void>;
          const commit = () => c.commitOffsets([{ topic: fullTopic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
          let event: EventEnvelope;
          try {
            const parsed: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
            contracts.validate(topic, parsed);
            event = parsed as EventEnvelope;
          } catch (err) {
            const reason = err instanceof ContractViolation ? err.problems : 'not valid JSON';
            await deadLetter(topic, message, partition, reason, 'CONTRACT_VIOLATION');
            await commit();
            return;
          }
          if (await store.seen(service, event.id)) {
            await commit();
            return;
          }
          for (let attempt = 1; ; attempt++) {
            try {
              await handler(event, { topic, partition, offset: message.offset, heartbeat });
              break;
            } catch (err) {
              if (attempt >= maxAttempts) {
                log.error({ err, topic, partition, offset: message.offset, eventId: event.id }, 'handler failed; dead-lettering');
                // If this write fails the error propagates and the offset stays uncommitted.
                await deadLetter(topic, message, partition, err instanceof Error ? err.message : 'handler failed', 'HANDLER_FAILED');
                await commit();
                return;
              }
              log.warn({ err, topic, attempt, eventId: event.id }, 'handler failed; retrying');
              await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
              await heartbeat();
            }
          }
          await store.mark(service, event.id, topic);
          await commit();
        },
      });
    },
    admin() {
      return (adminClient ??= kafka.admin());
    },
    ready() {
      return consumer ? consumerReady : true;
    },
    async stop() {
      if (consumer) await consumer.disconnect();
      if (producerConnected) await producer.disconnect();
      if (adminClient) await adminClient.disconnect();
    },
  };
}
