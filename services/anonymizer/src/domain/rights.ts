import type { RightsStrategies } from '@verbatim/kit';
import type { AnonymizerDeps } from './deps.js';

/** The anonymizer knows respondents by pseudonym only; it derives it from the request's subject id. */
export function anonymizerRightsStrategies(deps: AnonymizerDeps): RightsStrategies {
  return {
    async ERASURE(req) {
      if (req.subjectType !== 'RESPONDENT') return [];
      const pseudonym = deps.pseudonymOf(req.subjectId);
      const responses = await deps.anonymized.deleteByPseudonym(pseudonym);
      const subjects = await deps.subjects.deleteById(pseudonym);
      deps.log.info({ requestId: req.requestId, responses, subjects }, 'subject erased');
      return [
        { collection: 'anonymized_responses', action: 'DELETED', count: responses },
        { collection: 'subjects', action: 'DELETED', count: subjects },
      ];
    },
    async RESTRICTION(req) {
      if (req.subjectType !== 'RESPONDENT') return [];
      return [{ collection: 'subjects', action: 'RESTRICTED', count: await deps.subjects.restrict(deps.pseudonymOf(req.subjectId), new Date()) }];
    },
    async LIFT_RESTRICTION(req) {
      if (req.subjectType !== 'RESPONDENT') return [];
      // Nothing to replay here: ingestion re-forwards all of the respondent's responses on lift.
      return [{ collection: 'subjects', action: 'RESUMED', count: await deps.subjects.lift(deps.pseudonymOf(req.subjectId)) }];
    },
  };
}
