import kafkajs from 'kafkajs';
import type { EventEnvelope } from '../kafka/envelope.js';
import { testInfra, uniqueName, waitFor } from './infra.js';

/** Records every event of some topics, read from the beginning by a consumer group of its own. */
export interface EventObserver {
  readonly events: readonly EventEnvelope<any>[];
  /** The first recorded event that matches, once it has arrived. */
  waitFor(match: (event: EventEnvelope<any>) => boolean, what?: string): Promise<EventEnvelope<any>>;
  stop(): Promise<void>;
}

/**
 * Its own group (not a service's), so it never takes partitions from the service under test; no dedup
 * and no contract check: it shows what really went on the topic.
 */
export async function observeTopics(prefix: string, topics: string[]): Promise<EventObserver> {
  const kafka = new kafkajs.Kafka({ clientId: 'test-observer', brokers: testInfra().brokers, logLevel: kafkajs.logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName(`${prefix}observer`) });
  const events: EventEnvelope<any>[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: topics.map((t) => prefix + t), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      events.push(JSON.parse(message.value?.toString('utf8') ?? 'null') as EventEnvelope<any>);
    },
  });
  return {
    events,
    waitFor: (match, what = `an event on ${topics.join(', ')}`) => waitFor(async () => events.find(match), { what }),
    stop: () => consumer.disconnect(),
  };
}
