import { RIGHTS_ACKNOWLEDGED, type EventHandler } from '@verbatim/kit';
import { recordAcknowledgement, type AcknowledgedPayload } from '../domain/completion.js';
import type { RightsDeps } from '../domain/deps.js';

/** Every topic rights consumes, with its handler. Rights acknowledges nothing itself: it holds the proof. */
export function rightsHandlers(deps: RightsDeps): Record<string, EventHandler> {
  return {
    [RIGHTS_ACKNOWLEDGED]: (event) => recordAcknowledgement(deps, event.payload as AcknowledgedPayload),
  };
}
