import { RIGHTS_OPENED, SUBJECT_REQUEST_RECEIVED, type HolderName, type RightsRequestOpened } from '@verbatim/contracts';
import type { ObjectionPurpose } from '@verbatim/contracts';
import type { OutboxEntry } from '@verbatim/kit';
import type { RequestChange } from '../model/request.repository.js';
import type { RightsRequestDoc } from '../model/request.schema.js';
import type { RightsDeps } from './deps.js';
import { subjectDigest } from './digest.js';
import { newTasks } from './tasks.js';

/**
 * rights.request-opened.v1 for a request: to every holder, or (a re-ask, a retry) to `holders` only.
 * Built from the stored request, so asking again sends what was asked first (a rectification's correction too).
 */
export function openedEntry(deps: Pick<RightsDeps, 'bus' | 'digestKey'>, request: RightsRequestDoc, holders?: readonly string[]): OutboxEntry {
  const subjectId = request.subjectId!;
  const payload: RightsRequestOpened = {
    requestId: request._id,
    kind: request.kind,
    subjectType: request.subjectType,
    subjectId,
    workspaceId: request.workspaceId,
    // Lets each holder's signed receipt name the subject without its id (see domain/receipts.ts).
    subjectDigest: subjectDigest(deps.digestKey, request.subjectType, subjectId),
    ...(request.correction ? { correction: request.correction } : {}),
    // An objection's purposes (or the one an overriding ground lets continue), from the stored request.
    ...(request.kind === 'OBJECTION' && request.objectionPurposes?.length
      ? { objection: { purposes: request.objectionPurposes as [ObjectionPurpose, ...ObjectionPurpose[]], overridden: Boolean(request.overridingGround) } }
      : {}),
    ...(holders?.length ? { holders: holders as [HolderName, ...HolderName[]] } : {}),
  };
  return { topic: RIGHTS_OPENED, key: subjectId, envelope: deps.bus.envelope(RIGHTS_OPENED, subjectId, payload) };
}

/** The change that sends a request that was ON_HOLD to every holder: IN_PROGRESS, a fresh task per holder, the opened event. */
export function dispatchChange(deps: Pick<RightsDeps, 'bus' | 'digestKey'>, request: RightsRequestDoc, now: Date): RequestChange {
  return {
    set: { status: 'IN_PROGRESS', holdReason: null, legalHoldId: null, tasks: newTasks(request.expectedServices, now) },
    events: [openedEntry(deps, request)],
  };
}

/** rights.subject-request-received.v1: a respondent asked themself; identity mails the workspace's ADMINs. */
export function subjectRequestEntry(deps: Pick<RightsDeps, 'bus'>, request: RightsRequestDoc): OutboxEntry {
  const payload = { requestId: request._id, kind: request.kind, workspaceId: request.workspaceId!, requestedAt: request.requestedAt.toISOString() };
  // Keyed by the request (the aggregate), never by the respondent: identity needs no one's id to mail the ADMINs.
  return { topic: SUBJECT_REQUEST_RECEIVED, key: request._id, envelope: deps.bus.envelope(SUBJECT_REQUEST_RECEIVED, request._id, payload) };
}
