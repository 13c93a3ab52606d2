import kafkajs from 'kafkajs';
import { InvalidCertificate, publishedKeys, verifyCertificate, type CertificateSummary } from './verify.js';

/** The rights topics, as named in schemas/asyncapi.json. */
export const RIGHTS_TOPICS = { opened: 'rights.request-opened.v1', acknowledged: 'rights.request-acknowledged.v1', completed: 'rights.request-completed.v1' } as const;

/** What the consumer concluded about one completed request. */
export interface Verdict {
  requestId: string;
  kind: string;
  valid: boolean;
  /** Why it is not valid (the failed check), or absent. */
  reason?: string;
  certificate?: CertificateSummary;
  /** The holders this consumer saw acknowledge on rights.request-acknowledged.v1 before completion. */
  acknowledgedBy: string[];
}

export interface ComplianceConsumerOptions {
  brokers: string[];
  /** The deployment's topic prefix (KAFKA_TOPIC_PREFIX), if any. */
  topicPrefix?: string;
  groupId: string;
  /** Base URL of every service, whose proof keys are at /.well-known/proof-keys.json under it. */
  serviceUrls: Record<string, string>;
  /** The holders every completed request needs a DONE receipt from. */
  holders: readonly string[];
  onVerdict(verdict: Verdict): void | Promise<void>;
}

interface Envelope {
  id: string;
  source: string;
  payload: Record<string, unknown>;
}

/**
 * Follows the rights topics with a plain kafkajs consumer from the beginning: notes which holder
 * acknowledged which request, and for every completion verifies its certificate against the published
 * keys. Returns a handle to stop it.
 */
export async function startComplianceConsumer(options: ComplianceConsumerOptions): Promise<{ stop(): Promise<void> }> {
  const prefix = options.topicPrefix ?? '';
  const kafka = new kafkajs.Kafka({ clientId: 'compliance-consumer', brokers: options.brokers, logLevel: kafkajs.logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: options.groupId });
  const keysOf = publishedKeys(options.serviceUrls);
  const acknowledged = new Map<string, Set<string>>();
  await consumer.connect();
  await consumer.subscribe({ topics: Object.values(RIGHTS_TOPICS).map((t) => `${prefix}${t}`), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      if (!message.value) return;
      const event = JSON.parse(message.value.toString('utf8')) as Envelope;
      const requestId = String(event.payload['requestId']);
      if (topic === `${prefix}${RIGHTS_TOPICS.acknowledged}`) {
        const seen = acknowledged.get(requestId) ?? new Set<string>();
        seen.add(event.source);
        acknowledged.set(requestId, seen);
        return;
      }
      if (topic !== `${prefix}${RIGHTS_TOPICS.completed}`) return;
      const base = { requestId, kind: String(event.payload['kind']), acknowledgedBy: [...(acknowledged.get(requestId) ?? [])] };
      const certificate = event.payload['certificate'];
      if (typeof certificate !== 'string') {
        await options.onVerdict({ ...base, valid: false, reason: 'no certificate (an erasure that found nothing)' });
        return;
      }
      try {
        await options.onVerdict({ ...base, valid: true, certificate: await verifyCertificate(certificate, keysOf, options.holders) });
      } catch (err) {
        if (!(err instanceof InvalidCertificate)) throw err;
        await options.onVerdict({ ...base, valid: false, reason: err.message });
      }
    },
  });
  return {
    stop: async () => {
      await consumer.disconnect();
    },
  };
}
