import type { EventHandler } from '@verbatim/kit';
import { applyConsentChange, type ConsentChanged } from '../domain/consents.js';
import { storeAnonymizedResponse, type ResponseAnonymized } from '../domain/corpus.js';
import type { ReportingDeps } from '../domain/deps.js';
import { CONSENT_CHANGED, RESPONSE_ANONYMIZED } from './topics.js';

/** { topic: handler } for the bus; the rights handler is added by the kit from the rights strategies. */
export function reportingHandlers(deps: ReportingDeps): Record<string, EventHandler> {
  const log = deps.log.child({ component: 'events' });
  return {
    [RESPONSE_ANONYMIZED]: async (event) => {
      const payload = event.payload as ResponseAnonymized;
      await storeAnonymizedResponse(deps, payload);
      log.debug({ eventId: event.id, responseId: payload.responseId, datasetId: payload.datasetId }, 'anonymized response stored');
    },
    [CONSENT_CHANGED]: async (event) => {
      const payload = event.payload as ConsentChanged;
      const flag = await applyConsentChange(deps, payload);
      if (flag) log.info({ eventId: event.id, consentId: payload.consentId, flag, status: payload.status }, 'respondent consent applied');
    },
  };
}
