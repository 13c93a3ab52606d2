import type { Admin } from 'kafkajs';
import type { TopicSpec } from '@verbatim/contracts';

export const dlqTopic = (topic: string) => `${topic}.dlq`;

/** Creates every topic of the contract list and its dead-letter topic; existing ones are left as they are. */
export async function ensureTopics(admin: Admin, topics: readonly TopicSpec[], prefix = ''): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const wanted = topics.flatMap((t) => [
    { topic: prefix + t.name, numPartitions: t.partitions, configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }] },
    { topic: prefix + dlqTopic(t.name), numPartitions: 1, configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }] },
  ]);
  const missing = wanted.filter((t) => !existing.has(t.topic));
  if (missing.length) {
    await admin.createTopics({ topics: missing.map((t) => ({ ...t, replicationFactor: 1 })), waitForLeaders: true });
  }
  return missing.map((t) => t.topic);
}
