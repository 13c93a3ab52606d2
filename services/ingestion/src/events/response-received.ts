import { RESPONSE_RECEIVED, type ResponseReceived } from '@verbatim/contracts';
import type { EventBus, OutboxEntry } from '@verbatim/kit';
import type { RespondentDoc } from '../model/respondent.schema.js';
import type { ResponseDoc } from '../model/response.schema.js';

/** Builds (and validates against its contract) the event that hands a response to the anonymizer. */
export function responseReceivedEntry(bus: Pick<EventBus, 'envelope'>, response: ResponseDoc, respondent: RespondentDoc): OutboxEntry<typeof RESPONSE_RECEIVED> {
  const knownEntities: ResponseReceived['knownEntities'] = [];
  if (respondent.name) knownEntities.push({ type: 'PERSON', value: respondent.name });
  if (respondent.email) knownEntities.push({ type: 'EMAIL', value: respondent.email });
  // Keyed by respondent: one person's events stay in order on one partition.
  const envelope = bus.envelope(RESPONSE_RECEIVED, respondent._id, {
    responseId: response._id,
    workspaceId: response.workspaceId,
    datasetId: response.datasetId,
    datasetVersion: response.datasetVersion,
    respondentId: respondent._id,
    text: response.text,
    knownEntities,
    submittedAt: response.submittedAt.toISOString(),
  });
  return { topic: RESPONSE_RECEIVED, key: respondent._id, envelope };
}
