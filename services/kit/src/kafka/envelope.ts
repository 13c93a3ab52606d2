import { randomUUID } from 'node:crypto';
import type { PayloadOf, ServiceName, Topic } from '@verbatim/contracts';

/** What travels on every topic. Payloads carry ids; only the topics marked personalData carry more. */
export interface EventEnvelope<P = Record<string, unknown>> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  source: ServiceName;
  subjectId: string;
  payload: P;
}

/** The envelope of one topic, its payload typed by the contract. */
export type Envelope<T extends Topic> = EventEnvelope<PayloadOf<T>>;

/** `ingestion.response-received.v1` -> type `ingestion.response-received`, version 1. */
export function createEnvelope<T extends Topic>(topic: T, source: ServiceName, subjectId: string, payload: PayloadOf<T>): Envelope<T> {
  const match = /^(.*)\.v(\d+)$/.exec(topic);
  if (!match) throw new Error(`topic ${topic} does not end with .v<N>`);
  return {
    id: randomUUID(),
    type: match[1]!,
    version: Number(match[2]),
    occurredAt: new Date().toISOString(),
    source,
    subjectId,
    payload,
  };
}
