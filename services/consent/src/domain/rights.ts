import type { ActionCount } from '@verbatim/contracts';
import { accessStrategy, type AccessFinder, type EventBus, type RightsCoverage, type RightsStrategies } from '@verbatim/kit';
import type { ConsentDeps } from './deps.js';
import { issueReceipt } from './receipts.js';

/**
 * Access exports each consent with its signed receipt (the person's own proof of what they agreed to).
 * Erasure deletes the subject's consent records, history included, and for a user also removes them as
 * the collector of other people's consents. A respondent request names its workspace, and only that
 * workspace's records go: one tenant cannot erase another's. Restriction changes nothing here (a consent
 * record is not processing of the person's data), yet is acknowledged.
 */
export function consentRightsStrategies(deps: Pick<ConsentDeps, 'consents' | 'signer' | 'digestKey'>, bus: Pick<EventBus, 'publish'>): RightsStrategies {
  const consents: AccessFinder = async (req) => {
    const found = await deps.consents.findBySubject(req.subjectType, req.subjectId, req.subjectType === 'RESPONDENT' && req.workspaceId ? [req.workspaceId] : undefined);
    return Promise.all(found.map(async (c) => ({ ...c, receipt: (await issueReceipt(deps, c)).jws })));
  };
  return {
    ACCESS: accessStrategy({ service: 'consent', bus, finders: { USER: { consents }, RESPONDENT: { consents } } }),
    async ERASURE(req) {
      const scope = req.subjectType === 'RESPONDENT' ? req.workspaceId : undefined;
      const deleted = await deps.consents.deleteBySubject(req.subjectType, req.subjectId, scope);
      const counts: ActionCount[] = [{ collection: 'consents', action: 'DELETED', count: deleted }];
      if (req.subjectType === 'USER') counts.push({ collection: 'consents', action: 'UPDATED', count: await deps.consents.forgetCollector(req.subjectId) });
      return counts;
    },
    RESTRICTION: async () => [],
    LIFT_RESTRICTION: async () => [],
  };
}

const CONSENT_FIELDS = [
  'consents.purpose',
  'consents.status',
  'consents.source',
  'consents.method',
  'consents.evidence',
  'consents.noticeVersion',
  'consents.collectedBy',
  'consents.collectedAt',
  'consents.grantedAt',
  'consents.withdrawnAt',
  'consents.outdatedAt',
  'consents.history',
  'consents.receipt',
];

/** The data-map fields these strategies handle, per right (checked by test/data-map-coverage.spec.ts). */
export const consentRightsCoverage: RightsCoverage = { ACCESS: CONSENT_FIELDS, RECTIFICATION: [], ERASURE: CONSENT_FIELDS };
