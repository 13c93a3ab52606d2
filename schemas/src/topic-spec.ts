import type { Topic } from './generated.js';

/** One entry of events/topics.json, as the kit creates and validates topics from it. */
export interface TopicSpec {
  name: Topic;
  /** The payload's JSON Schema, a file name in events/ (see payloadSchemaFile). */
  schema: string;
  producer: string;
  consumers: readonly string[];
  partitions: number;
  retentionMs: number;
  personalData: boolean;
}
