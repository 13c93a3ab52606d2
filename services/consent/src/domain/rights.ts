import type { RightsStrategies } from '@verbatim/kit';
import type { ConsentRepository } from '../model/consent.repository.js';

/**
 * Erasure deletes the subject's consent records, history included. A respondent request names its
 * workspace, and only that workspace's records go: one tenant cannot erase another's. Restriction
 * changes nothing here (a consent record is not processing of the person's data), yet is acknowledged.
 */
export function consentRightsStrategies(deps: { consents: ConsentRepository }): RightsStrategies {
  return {
    async ERASURE(req) {
      const scope = req.subjectType === 'RESPONDENT' ? req.workspaceId : undefined;
      const deleted = await deps.consents.deleteBySubject(req.subjectType, req.subjectId, scope);
      return [{ collection: 'consents', action: 'DELETED', count: deleted }];
    },
    RESTRICTION: async () => [],
    LIFT_RESTRICTION: async () => [],
  };
}
