import { RIGHTS_COMPLETED, type RightsRequestAcknowledged } from '@verbatim/contracts';
import { retryOnRevision, REVISION_CHANGED, type EventEnvelope } from '@verbatim/kit';
import type { RequestChange } from '../model/request.repository.js';
import type { RightsRequestDoc } from '../model/request.schema.js';
import { isComplete, withAcknowledgement, type AcknowledgementDoc } from './acknowledgements.js';
import { pseudonymizeInAuditLog } from './audit-log.js';
import { issueCertificate } from './certificate.js';
import { subjectDigest } from './digest.js';
import type { RightsDeps } from './deps.js';
import { verifyReceipt } from './receipts.js';
import { RUNNING_STATUSES } from '../model/request.schema.js';
import { withTaskAnswer } from './tasks.js';

/**
 * The holder of the subject's identity (identity for a user, ingestion for a respondent) deletes its
 * record when it knows the subject; tombstones written by others are UPDATED, never DELETED.
 */
const foundNothing = (acks: readonly AcknowledgementDoc[]) => !acks.some((a) => a.counts.some((c) => c.action === 'DELETED' && c.count > 0));

/** Every holder acknowledges at about the same time, so writes on one request are contended: more attempts. */
const ACK_ATTEMPTS = 10;

/** The subject's keyed digest: from its id while the request names it, stored once an erasure removed the id. */
const digestOf = (deps: RightsDeps, request: RightsRequestDoc) =>
  request.subjectId ? subjectDigest(deps.digestKey, request.subjectType, request.subjectId) : request.subjectDigest ?? '';

/**
 * Adds a holder's acknowledgement, as its signed receipt proves it (domain/receipts.ts); a forged,
 * replayed or wrongly signed one is recorded as refused and changes nothing. When the last expected
 * holder has acknowledged, the same write completes the request, queues rights.request-completed.v1
 * with the certificate (domain/certificate.ts) and, for an erasure, replaces the subject id with its
 * keyed digest so the proof no longer names the person.
 */
export async function recordAcknowledgement(deps: RightsDeps, event: EventEnvelope<RightsRequestAcknowledged>): Promise<void> {
  const ack = event.payload;
  // Thrown after the last attempt, so the bus redelivers the message later instead of losing the acknowledgement.
  const conflictMessage = `request ${ack.requestId} kept changing while recording an acknowledgement`;
  return retryOnRevision(conflictMessage, async () => {
    const request = await deps.requests.findById(ack.requestId);
    if (!request) {
      // Nothing to attach it to (another environment's request, or a purged one): retrying cannot help.
      deps.log.warn({ requestId: ack.requestId, service: ack.service }, 'acknowledgement for an unknown request; ignored');
      return;
    }
    if (request.kind !== ack.kind) {
      deps.log.warn({ requestId: ack.requestId, service: ack.service }, 'acknowledgement of another kind than the request; ignored');
      return;
    }
    const digest = digestOf(deps, request);
    const verdict = await verifyReceipt(deps.holderKeys, event, request, digest);
    if (!verdict.accepted) {
      deps.log.warn({ requestId: request._id, source: event.source, service: ack.service, reason: verdict.reason, detail: verdict.detail }, 'acknowledgement refused');
      await deps.refusals.record({
        _id: event.id,
        requestId: request._id,
        source: event.source,
        service: ack.service,
        reason: verdict.reason,
        detail: verdict.detail ?? null,
        refusedAt: new Date(),
      });
      return;
    }
    const now = deps.clock();
    const added = withAcknowledgement(request.expectedServices, request.acknowledgements, verdict.ack);
    // The holder's task follows its latest answer (a FAILED after a retry too), the proof its first DONE.
    const tasks = withTaskAnswer(request.tasks ?? [], request.expectedServices, ack, now);
    if (!added && !tasks) return;
    const acknowledgements = added ?? request.acknowledgements;

    let change: RequestChange = { set: { acknowledgements, ...(tasks ? { tasks } : {}) } };
    const completing = RUNNING_STATUSES.includes(request.status) && isComplete(request.expectedServices, acknowledgements) && request.subjectId;
    if (completing) {
      const subjectId = request.subjectId!;
      const completedAt = now;
      // An erasure that found nothing anywhere is no proof of erasure: the subject was unknown.
      const status = request.kind === 'ERASURE' && foundNothing(acknowledgements) ? 'NOT_FOUND' : 'COMPLETED';
      const certificate = status === 'COMPLETED' ? await issueCertificate(deps.signer, request, acknowledgements, completedAt, digest) : null;
      const completed = deps.bus.envelope(RIGHTS_COMPLETED, subjectId, {
        requestId: request._id,
        kind: request.kind,
        subjectType: request.subjectType,
        subjectId,
        completedAt: completedAt.toISOString(),
        services: request.expectedServices,
        ...(certificate ? { certificate } : {}),
      });
      change = {
        set: {
          acknowledgements,
          ...(tasks ? { tasks } : {}),
          // Only needed while the request ran.
          contactEmail: null,
          correction: null,
          status,
          certificate,
          completedAt,
          durationMs: completedAt.getTime() - new Date(request.requestedAt).getTime(),
          // Frees the subject for a new request of the same kind.
          openKey: `done:${request._id}`,
        },
        events: [{ topic: RIGHTS_COMPLETED, key: subjectId, envelope: completed }],
      };
      if (request.kind === 'ERASURE') {
        // The person's access answers are copies of their data: they go with it (idempotent, before the write).
        await deps.sections.deleteBySubject(request.subjectType, subjectId);
        // The audit log keeps who accessed what, naming the person by digest only (idempotent, before the write).
        await pseudonymizeInAuditLog(deps, request.subjectType, subjectId);
        change.set.subjectDigest = subjectDigest(deps.digestKey, request.subjectType, subjectId);
        // Audit entries and lifted holds name the subject too: the digest stands in for them as well.
        await deps.audit.digestSubject(request.subjectType, subjectId, change.set.subjectDigest);
        await deps.holds.digestSubject(request.subjectType, subjectId, change.set.subjectDigest);
        change.unset = ['subjectId'];
        // A user who erased themself is also the requester: keep no id of theirs in the proof.
        if (request.requestedBy === subjectId) change.set.requestedBy = null;
      }
    }
    if (await deps.requests.update(request._id, request.rev, change)) {
      if (completing) deps.relay.kick({ model: deps.requests.model, ids: [request._id] });
      deps.log.info(
        { requestId: request._id, service: ack.service, outcome: ack.outcome, errorCode: ack.errorCode, acknowledged: acknowledgements.length, completed: Boolean(completing) },
        completing ? 'rights request completed' : 'rights request acknowledged',
      );
      return;
    }
    return REVISION_CHANGED;
  }, { attempts: ACK_ATTEMPTS });
}
