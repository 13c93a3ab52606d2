import type { ResponseAnonymized } from '@verbatim/contracts';
import { subjectKey } from '../model/subject.repository.js';
import type { ReportingDeps } from './deps.js';

/** Adds (or refreshes) one anonymized response in the corpus; redelivery is harmless. */
export async function storeAnonymizedResponse(deps: Pick<ReportingDeps, 'corpus' | 'subjects'>, event: ResponseAnonymized, now = new Date()): Promise<void> {
  // A response anonymized before its respondent's erasure but delivered after it must not come back.
  if (await deps.subjects.isErased(subjectKey(event.workspaceId, event.respondentId))) return;
  await deps.corpus.upsert(
    {
      _id: event.responseId,
      workspaceId: event.workspaceId,
      datasetId: event.datasetId,
      datasetVersion: event.datasetVersion,
      respondentId: event.respondentId,
      pseudonym: event.pseudonym,
      text: event.anonymizedText,
      language: event.language,
      submittedAt: new Date(event.submittedAt),
    },
    now,
  );
}
