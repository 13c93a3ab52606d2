import { CONSENT_CHANGED, RESPONSE_ANONYMIZED } from '@verbatim/contracts';
import type { EventHandlers } from '@verbatim/kit';
import { applyConsentChange } from '../domain/consents.js';
import { storeAnonymizedResponse } from '../domain/corpus.js';
import type { ReportingDeps } from '../domain/deps.js';

/** { topic: handler } for the bus; the rights handler is added by the kit from the rights strategies. */
export function reportingHandlers(deps: ReportingDeps): EventHandlers {
  const log = deps.log.child({ component: 'events' });
  return {
    [RESPONSE_ANONYMIZED]: async (event) => {
      const payload = event.payload;
      await storeAnonymizedResponse(deps, payload);
      log.debug({ eventId: event.id, responseId: payload.responseId, datasetId: payload.datasetId }, 'anonymized response stored');
    },
    [CONSENT_CHANGED]: async (event) => {
      const payload = event.payload;
      const flag = await applyConsentChange(deps, payload);
      if (flag) log.info({ eventId: event.id, consentId: payload.consentId, flag, status: payload.status }, 'respondent consent applied');
    },
  };
}
