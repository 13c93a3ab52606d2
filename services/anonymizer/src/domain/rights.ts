import type { RightsRequestOpened } from '@verbatim/contracts';
import { accessStrategy, type EventBus, type RightsCoverage, type RightsStrategies } from '@verbatim/kit';
import { eraseFromDatasetTables } from './dataset-pseudonyms.js';
import type { AnonymizerDeps } from './deps.js';

/**
 * The anonymizer knows respondents by pseudonym only; it derives it from the request's workspace and
 * subject id, so a request naming a respondent of another workspace matches nothing here.
 */
export function anonymizerRightsStrategies(deps: AnonymizerDeps, bus: Pick<EventBus, 'publish'>): RightsStrategies {
  const pseudonymOf = (req: RightsRequestOpened) =>
    req.subjectType === 'RESPONDENT' && req.workspaceId ? deps.pseudonymOf(req.workspaceId, req.subjectId) : null;
  return {
    ACCESS: accessStrategy({
      service: 'anonymizer',
      bus,
      finders: {
        RESPONDENT: {
          anonymized_responses: async (req) => {
            const pseudonym = pseudonymOf(req);
            return pseudonym ? deps.anonymized.findByPseudonym(pseudonym) : [];
          },
          subjects: async (req) => {
            const pseudonym = pseudonymOf(req);
            const subject = pseudonym ? await deps.subjects.findById(pseudonym) : null;
            return subject ? [subject] : [];
          },
        },
      },
    }),
    async ERASURE(req) {
      const pseudonym = pseudonymOf(req);
      if (!pseudonym) return [];
      const perDataset = await deps.anonymized.countByDatasetForPseudonym(pseudonym);
      const responses = await deps.anonymized.deleteByPseudonym(pseudonym);
      for (const d of perDataset) await deps.datasetCounts.add(d._id, d.workspaceId, -d.count);
      // The subject record becomes a tombstone (pseudonym and date only) so late events are dropped.
      const subjects = await deps.subjects.markErased(pseudonym, new Date());
      const tables = await eraseFromDatasetTables(deps, pseudonym);
      deps.log.info({ requestId: req.requestId, responses, tables }, 'subject erased');
      return [
        { collection: 'anonymized_responses', action: 'DELETED', count: responses },
        { collection: 'pseudonym_tables', action: 'UPDATED', count: tables },
        { collection: 'subjects', action: 'UPDATED', count: subjects },
      ];
    },
    async RESTRICTION(req) {
      const pseudonym = pseudonymOf(req);
      if (!pseudonym) return [];
      return [{ collection: 'subjects', action: 'RESTRICTED', count: await deps.subjects.restrict(pseudonym, new Date()) }];
    },
    // Only ML_IMPROVEMENT concerns the anonymizer (its texts feed the training export); anonymizing
    // itself protects the person and goes on.
    async OBJECTION(req) {
      const pseudonym = pseudonymOf(req);
      const purposes = (req.objection?.purposes ?? []).filter((p) => p === 'ML_IMPROVEMENT');
      if (!pseudonym || !purposes.length) return [];
      return [{ collection: 'subjects', action: 'UPDATED', count: await deps.subjects.setObjections(pseudonym, purposes, !req.objection!.overridden) }];
    },
    async LIFT_RESTRICTION(req) {
      const pseudonym = pseudonymOf(req);
      if (!pseudonym) return [];
      // Nothing to replay here: ingestion re-forwards all of the respondent's responses on lift.
      return [{ collection: 'subjects', action: 'RESUMED', count: await deps.subjects.lift(pseudonym) }];
    },
  };
}

/** The data-map fields these strategies handle, per right (checked by test/data-map-coverage.spec.ts). */
export const anonymizerRightsCoverage: RightsCoverage = {
  ACCESS: ['anonymized_responses.text', 'anonymized_responses.language', 'anonymized_responses.pseudonym', 'anonymized_responses.entityCounts', 'anonymized_responses.anonymizedAt', 'anonymized_responses.submittedAt', 'subjects.restricted', 'subjects.objections'],
  // Re-anonymized by the pipeline: ingestion's rectification forwards every response again with the corrected identity.
  RECTIFICATION: ['anonymized_responses.text', 'anonymized_responses.language', 'anonymized_responses.entityCounts', 'anonymized_responses.anonymizedAt'],
  ERASURE: ['anonymized_responses.text', 'anonymized_responses.language', 'anonymized_responses.pseudonym', 'anonymized_responses.entityCounts', 'anonymized_responses.anonymizedAt', 'anonymized_responses.submittedAt', 'subjects.restricted', 'subjects.objections'],
};
