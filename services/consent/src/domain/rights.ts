import { accessStrategy, type AccessFinder, type EventBus, type RightsCoverage, type RightsStrategies } from '@verbatim/kit';
import type { ConsentRepository } from '../model/consent.repository.js';

/**
 * Erasure deletes the subject's consent records, history included. A respondent request names its
 * workspace, and only that workspace's records go: one tenant cannot erase another's. Restriction
 * changes nothing here (a consent record is not processing of the person's data), yet is acknowledged.
 */
export function consentRightsStrategies(deps: { consents: ConsentRepository }, bus: Pick<EventBus, 'publish'>): RightsStrategies {
  const consents: AccessFinder = (req) => deps.consents.findBySubject(req.subjectType, req.subjectId, req.subjectType === 'RESPONDENT' && req.workspaceId ? [req.workspaceId] : undefined);
  return {
    ACCESS: accessStrategy({ service: 'consent', bus, finders: { USER: { consents }, RESPONDENT: { consents } } }),
    async ERASURE(req) {
      const scope = req.subjectType === 'RESPONDENT' ? req.workspaceId : undefined;
      const deleted = await deps.consents.deleteBySubject(req.subjectType, req.subjectId, scope);
      return [{ collection: 'consents', action: 'DELETED', count: deleted }];
    },
    RESTRICTION: async () => [],
    LIFT_RESTRICTION: async () => [],
  };
}

const CONSENT_FIELDS = ['consents.purpose', 'consents.status', 'consents.source', 'consents.grantedAt', 'consents.withdrawnAt', 'consents.history'];

/** The data-map fields these strategies handle, per right (checked by test/data-map-coverage.spec.ts). */
export const consentRightsCoverage: RightsCoverage = { ACCESS: CONSENT_FIELDS, RECTIFICATION: [], ERASURE: CONSENT_FIELDS };
