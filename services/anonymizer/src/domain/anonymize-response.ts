import { anonymize } from '@verbatim/anonymizer-engine';
import type { EventEnvelope } from '@verbatim/kit';
import type { AnonymizerDeps } from './deps.js';
import { restrictionApplies } from './restriction.js';

export const RESPONSE_ANONYMIZED = 'anonymizer.response-anonymized.v1';

/** Payload of ingestion.response-received.v1 (validated against its contract by the bus). */
export interface ResponseReceived {
  responseId: string;
  workspaceId: string;
  datasetId: string;
  datasetVersion: number;
  respondentId: string;
  text: string;
  knownEntities: { type: 'PERSON' | 'EMAIL'; value: string }[];
  submittedAt: string;
}

export type Outcome = 'ANONYMIZED' | 'SKIPPED_RESTRICTED' | 'SKIPPED_ERASED';

/**
 * Anonymizes one received response and stores it with its response-anonymized event. Idempotent: the
 * same response id replaces the stored document. The respondent id travels on in the event (reporting
 * needs it for erasure) but is never stored here; only its keyed pseudonym is.
 */
export async function anonymizeResponse(deps: AnonymizerDeps, event: EventEnvelope<ResponseReceived>): Promise<Outcome> {
  const p = event.payload;
  const pseudonym = deps.pseudonymOf(p.workspaceId, p.respondentId);
  const subject = await deps.subjects.findById(pseudonym);
  // An erased subject's response still in flight (sent before the erasure) must not come back.
  if (subject?.erasedAt) {
    deps.log.info({ responseId: p.responseId, eventId: event.id }, 'response dropped: respondent erased');
    return 'SKIPPED_ERASED';
  }
  if (restrictionApplies(subject, event.occurredAt)) {
    deps.log.info({ responseId: p.responseId, eventId: event.id }, 'response skipped: respondent restricted');
    return 'SKIPPED_RESTRICTED';
  }
  const result = anonymize(p.text, { knownEntities: p.knownEntities });
  const entityCounts: Record<string, number> = { ...result.counts };
  const anonymizedAt = new Date();
  const envelope = deps.bus.envelope(RESPONSE_ANONYMIZED, p.respondentId, {
    responseId: p.responseId,
    workspaceId: p.workspaceId,
    datasetId: p.datasetId,
    datasetVersion: p.datasetVersion,
    respondentId: p.respondentId,
    pseudonym,
    anonymizedText: result.text,
    language: result.language,
    entityCounts,
    submittedAt: p.submittedAt,
  });
  await deps.anonymized.save(
    p.responseId,
    {
      workspaceId: p.workspaceId,
      datasetId: p.datasetId,
      datasetVersion: p.datasetVersion,
      pseudonym,
      text: result.text,
      language: result.language,
      entityCounts,
      submittedAt: new Date(p.submittedAt),
      anonymizedAt,
    },
    { topic: RESPONSE_ANONYMIZED, key: p.respondentId, envelope },
  );
  deps.relay.kick();
  deps.log.info({ responseId: p.responseId, entities: result.changes.length }, 'response anonymized');
  return 'ANONYMIZED';
}
