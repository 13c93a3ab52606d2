import { RESPONSE_RECEIVED } from '@verbatim/contracts';
import type { EventHandlers } from '@verbatim/kit';
import { anonymizeResponse } from '../domain/anonymize-response.js';
import type { AnonymizerDeps } from '../domain/deps.js';

/** A handler that throws is retried, then dead-lettered by the kit's bus. */
export function responseHandlers(deps: AnonymizerDeps): EventHandlers {
  return {
    [RESPONSE_RECEIVED]: async (event) => {
      await anonymizeResponse(deps, event);
    },
  };
}
