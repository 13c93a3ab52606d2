import { AUDIT_ENTRY, RIGHTS_ACCESS_SECTION, RIGHTS_ACKNOWLEDGED, RIGHTS_COMPLETED } from '@verbatim/contracts';
import type { EventHandlers } from '@verbatim/kit';
import { storeAccessSection } from '../domain/access-answer.js';
import { storeAuditEntry } from '../domain/audit-log.js';
import { recordAcknowledgement } from '../domain/completion.js';
import type { RightsDeps } from '../domain/deps.js';
import { onRequestCompleted } from '../domain/portability-transmission.js';

/** Every topic rights consumes, with its handler. Rights acknowledges nothing itself: it holds the proof. */
export function rightsHandlers(deps: RightsDeps): EventHandlers {
  return {
    [RIGHTS_ACKNOWLEDGED]: (event) => recordAcknowledgement(deps, event),
    [RIGHTS_ACCESS_SECTION]: (event) => storeAccessSection(deps, event.payload),
    [AUDIT_ENTRY]: (event) => storeAuditEntry(deps, event.payload),
    // Its own completions: a portability archive for another controller leaves once its request is complete.
    [RIGHTS_COMPLETED]: (event) => onRequestCompleted(deps, event.payload.requestId),
  };
}
