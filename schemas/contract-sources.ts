import { readFileSync } from 'node:fs';

/** What the generators (generate.ts, asyncapi.ts) read from the JSON contracts beside this file. */
export const here = new URL('./', import.meta.url);

/** One entry of events/topics.json as written there. */
export interface TopicEntry {
  name: string;
  constant: string;
  payloadType: string;
  schema: string;
  producer: string;
  consumers: string[];
  partitions: number;
  retentionMs: number;
  personalData: boolean;
  why?: string;
}

/** A JSON file of the contracts, by its path relative to schemas/. */
export const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, here), 'utf8')) as T;
