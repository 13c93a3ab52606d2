import { CONSENT_CHANGED } from '@verbatim/contracts';
import type { EventBus, OutboxEntry } from '@verbatim/kit';
import type { ConsentDoc, ConsentStatus } from '../model/consent.schema.js';

/** The consent-changed event for the outbox: ids and the new status only, keyed by the subject. */
export function consentChangedEntry(
  events: Pick<EventBus, 'envelope'>,
  consent: Pick<ConsentDoc, '_id' | 'workspaceId' | 'subjectType' | 'subjectId' | 'purpose'>,
  status: ConsentStatus,
): OutboxEntry<typeof CONSENT_CHANGED> {
  const envelope = events.envelope(CONSENT_CHANGED, consent.subjectId, {
    consentId: consent._id,
    workspaceId: consent.workspaceId,
    subjectType: consent.subjectType,
    subjectId: consent.subjectId,
    purpose: consent.purpose,
    status,
  });
  return { topic: CONSENT_CHANGED, key: consent.subjectId, envelope };
}
