import { randomUUID } from 'node:crypto';

export type ServiceName = 'identity' | 'ingestion' | 'anonymizer' | 'reporting' | 'consent' | 'rights';

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

/** `ingestion.response-received.v1` -> type `ingestion.response-received`, version 1. */
export function createEnvelope<P extends Record<string, unknown>>(
  topic: string,
  source: ServiceName,
  subjectId: string,
  payload: P,
): EventEnvelope<P> {
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
