/**
 * pnpm --filter @verbatim/example-compliance-consumer start, with KAFKA_BROKERS (default 127.0.0.1:9092),
 * KAFKA_TOPIC_PREFIX, and SERVICE_URLS, a JSON object of every service's base URL (default: the services
 * of `npm start`, 127.0.0.1:4001-4006). Prints one JSON line per completed rights request.
 */
import { startComplianceConsumer } from './consumer.js';

const HOLDERS = ['identity', 'ingestion', 'anonymizer', 'reporting', 'consent'];
const defaultUrls = Object.fromEntries([...HOLDERS, 'rights'].map((s, i) => [s, `http://127.0.0.1:${4001 + i}`]));

const consumer = await startComplianceConsumer({
  brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  topicPrefix: process.env['KAFKA_TOPIC_PREFIX'] ?? '',
  groupId: process.env['GROUP_ID'] ?? 'compliance-consumer',
  serviceUrls: process.env['SERVICE_URLS'] ? (JSON.parse(process.env['SERVICE_URLS']) as Record<string, string>) : defaultUrls,
  holders: HOLDERS,
  onVerdict: (verdict) => {
    process.stdout.write(`${JSON.stringify(verdict)}\n`);
  },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void consumer.stop().then(() => process.exit(0)));
