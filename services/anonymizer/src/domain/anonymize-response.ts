import { RESPONSE_ANONYMIZED, type RESPONSE_RECEIVED } from '@verbatim/contracts';
import type { Envelope } from '@verbatim/kit';
import { anonymizeInDataset } from './dataset-pseudonyms.js';
import type { AnonymizerDeps } from './deps.js';
import { restrictionApplies } from './restriction.js';

export type Outcome = 'ANONYMIZED' | 'SKIPPED_RESTRICTED' | 'SKIPPED_ERASED';

/**
 * Anonymizes one received response and stores it with its response-anonymized event. Idempotent: the
 * same response id replaces the stored document. The respondent id travels on in the event (reporting
 * needs it for erasure) but is never stored here; only its keyed pseudonym is.
 */
export async function anonymizeResponse(deps: AnonymizerDeps, event: Envelope<typeof RESPONSE_RECEIVED>): Promise<Outcome> {
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
  const result = await anonymizeInDataset(deps, { workspaceId: p.workspaceId, datasetId: p.datasetId, subject: pseudonym, text: p.text, knownEntities: p.knownEntities });
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
  const isNew = await deps.anonymized.save(
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
  // Two writes without a transaction: a crash between them leaves the displayed count one short (the
  // redelivery is no longer new). It is a projection for the dashboard; reports read the corpus itself.
  if (isNew) await deps.datasetCounts.add(p.datasetId, p.workspaceId, 1);
  deps.relay.kick({ model: deps.anonymized.model, ids: [p.responseId] });
  deps.log.info({ responseId: p.responseId, entities: result.changes.length }, 'response anonymized');
  return 'ANONYMIZED';
}
