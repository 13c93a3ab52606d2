import type { EventEnvelope, EventHandler } from '@verbatim/kit';
import { anonymizeResponse, type ResponseReceived } from '../domain/anonymize-response.js';
import type { AnonymizerDeps } from '../domain/deps.js';

export const RESPONSE_RECEIVED = 'ingestion.response-received.v1';

/** A handler that throws is retried, then dead-lettered by the kit's bus. */
export function responseHandlers(deps: AnonymizerDeps): Record<string, EventHandler> {
  return {
    [RESPONSE_RECEIVED]: async (event) => {
      await anonymizeResponse(deps, event as EventEnvelope<ResponseReceived>);
    },
  };
}
