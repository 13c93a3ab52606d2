import type { TopicSpec } from '@verbatim/contracts';
import type { Admin } from 'kafkajs';

export const dlqTopic = (topic: string) => `${topic}.dlq`;

/**
 * Resolves once every topic has a leader for each partition. kafkajs's own `waitForLeaders` gives up
 * when the broker briefly answers that a topic it has just created is unknown (seen on a loaded
 * machine), although that error is retriable; here every retriable answer means "not yet".
 */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      if (found.length === topics.length && found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (err) {
      if ((err as { retriable?: boolean }).retriable !== true) throw err;
    }
    if (Date.now() > deadline) throw new Error(`topics still have no leader after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Creates every topic of the contract list and its dead-letter topic; existing ones are left as they are. */
export async function ensureTopics(admin: Admin, topics: readonly TopicSpec[], prefix = '', timeoutMs = 30_000): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const wanted = topics.flatMap((t) => [
    { topic: prefix + t.name, numPartitions: t.partitions, configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }] },
    { topic: prefix + dlqTopic(t.name), numPartitions: 1, configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }] },
  ]);
  const missing = wanted.filter((t) => !existing.has(t.topic));
  if (missing.length) {
    // kafkajs's own wait (its default) gives up on the first 'unknown topic' answer: ours instead.
    await admin.createTopics({ topics: missing.map((t) => ({ ...t, replicationFactor: 1 })), waitForLeaders: false });
    await waitForLeaders(admin, missing.map((t) => t.topic), timeoutMs);
  }
  return missing.map((t) => t.topic);
}
