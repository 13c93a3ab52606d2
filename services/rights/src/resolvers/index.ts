import { buildProcessingRegister, loadDataMap, registeredSubprocessors, type RightsKind } from '@verbatim/contracts';
import { requirePlatformRole, type RequestContext, type Resolvers } from '@verbatim/kit';
import type { AcknowledgementDoc } from '../domain/acknowledgements.js';
import type { RightsDeps } from '../domain/deps.js';
import { accessAnswer, type AnswerSection } from '../domain/access-answer.js';
import { auditLogOf, platformAuditLog } from '../domain/audit-log.js';
import type { AuditLogDoc } from '../model/audit-log.repository.js';
import { openErasure } from '../domain/erasure.js';
import { openObjection, recordOverridingGround } from '../domain/objection.js';
import { openPortability, portabilityOutcome } from '../domain/portability.js';
import { openRectification } from '../domain/rectification.js';
import { extendDeadline } from '../domain/extension.js';
import { auditOfWorkspace, holdsOfWorkspace, liftLegalHold, placeLegalHold } from '../domain/legal-hold.js';
import { acceptRepetitive, chargeFee, refuseRequest } from '../domain/repetition.js';
import { openRequest, readRequest, requestsOfRespondent, requestsOfUser, requestsOfWorkspace, respondentRequestQueue } from '../domain/requests.js';
import { retryTask } from '../domain/retry.js';
import type { TaskDoc } from '../domain/tasks.js';
import type { AuditDoc } from '../model/audit.schema.js';
import type { LegalHoldDoc } from '../model/legal-hold.schema.js';
import { originOf, type RightsRequestDoc } from '../model/request.schema.js';

type Args = Record<string, unknown>;

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Thin: the domain checks the caller (requester, or ADMIN of the request's workspace). */
export function rightsResolvers(deps: RightsDeps): Resolvers {
  const open = (kind: RightsKind) => (_: unknown, args: { input: unknown }, ctx: RequestContext) => openRequest(deps, ctx, kind, args.input);
  return {
    Query: {
      rightsArchive: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) => deps.readArchive(ctx, args),
      rightsRequest: (_: unknown, args: { id: unknown }, ctx: RequestContext) => readRequest(deps, ctx, args.id),
      accessAnswer: (_: unknown, args: { requestId: unknown }, ctx: RequestContext) => accessAnswer(deps, ctx, args.requestId),
      portabilityOutcome: (_: unknown, args: { requestId: unknown }, ctx: RequestContext) => portabilityOutcome(deps, ctx, args.requestId),
      myRespondentRightsRequests: (_: unknown, __: unknown, ctx: RequestContext) => requestsOfRespondent(deps, ctx),
      respondentRightsQueue: (_: unknown, args: Args, ctx: RequestContext) => respondentRequestQueue(deps, ctx, args),
      subprocessorRegistry: () => registeredSubprocessors(),
      platformAuditLog: (_: unknown, args: { first?: unknown; before?: unknown; accessGrantId?: unknown }, ctx: RequestContext) => platformAuditLog(deps, ctx, args),
      processingRegister: (_: unknown, __: unknown, ctx: RequestContext) => {
        requirePlatformRole(ctx, 'DPO');
        return buildProcessingRegister(loadDataMap(), registeredSubprocessors());
      },
    },
    Mutation: {
      requestErasure: (_: unknown, args: { input: unknown }, ctx: RequestContext) => openErasure(deps, ctx, args.input),
      requestRestriction: open('RESTRICTION'),
      liftRestriction: open('LIFT_RESTRICTION'),
      requestAccess: open('ACCESS'),
      requestRectification: (_: unknown, args: { input: unknown }, ctx: RequestContext) => openRectification(deps, ctx, args.input),
      retryRightsTask: (_: unknown, args: Args, ctx: RequestContext) => retryTask(deps, ctx, args),
      extendRightsDeadline: (_: unknown, args: { input: unknown }, ctx: RequestContext) => extendDeadline(deps, ctx, args.input),
      refuseRightsRequest: (_: unknown, args: { input: unknown }, ctx: RequestContext) => refuseRequest(deps, ctx, args.input),
      chargeRightsRequestFee: (_: unknown, args: { input: unknown }, ctx: RequestContext) => chargeFee(deps, ctx, args.input),
      acceptRepetitiveRightsRequest: (_: unknown, args: { requestId: unknown }, ctx: RequestContext) => acceptRepetitive(deps, ctx, args.requestId),
      placeLegalHold: (_: unknown, args: { input: unknown }, ctx: RequestContext) => placeLegalHold(deps, ctx, args.input),
      liftLegalHold: (_: unknown, args: { holdId: unknown }, ctx: RequestContext) => liftLegalHold(deps, ctx, args.holdId),
      requestPortability: (_: unknown, args: { input: unknown }, ctx: RequestContext) => openPortability(deps, ctx, args.input),
      requestObjection: (_: unknown, args: { input: unknown }, ctx: RequestContext) => openObjection(deps, ctx, args.input),
      recordOverridingGround: (_: unknown, args: { input: unknown }, ctx: RequestContext) => recordOverridingGround(deps, ctx, args.input),
    },
    User: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      rightsRequests: (u: { id: string }, args: Args, ctx: RequestContext) => requestsOfUser(deps, ctx, u.id, args),
    },
    Workspace: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      rightsRequests: (w: { id: string }, args: Args, ctx: RequestContext) => requestsOfWorkspace(deps, ctx, w.id, args),
      legalHolds: (w: { id: string }, _: unknown, ctx: RequestContext) => holdsOfWorkspace(deps, ctx, w.id),
      rightsAudit: (w: { id: string }, _: unknown, ctx: RequestContext) => auditOfWorkspace(deps, ctx, w.id),
      auditLog: (w: { id: string }, args: { first?: unknown; before?: unknown }, ctx: RequestContext) => auditLogOf(deps, ctx, w.id, args),
    },
    AuditEntry: {
      id: (e: AuditLogDoc) => e._id,
      at: (e: AuditLogDoc) => iso(e.at),
    },
    RightsRequest: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => readRequest(deps, ctx, ref.id),
      id: (r: RightsRequestDoc) => r._id,
      // Completed only once the completion event has left the outbox: from then on the stored proof holds
      // no subject id at all, so a caller who sees COMPLETED can check that nothing names the person.
      status: (r: RightsRequestDoc) => ((r.status === 'COMPLETED' || r.status === 'NOT_FOUND') && r.outboxPending ? 'IN_PROGRESS' : r.status),
      subjectId: (r: RightsRequestDoc) => r.subjectId ?? null,
      origin: (r: RightsRequestDoc) => originOf(r),
      requestedAt: (r: RightsRequestDoc) => iso(r.requestedAt),
      dueAt: (r: RightsRequestDoc) => iso(r.dueAt),
      completedAt: (r: RightsRequestDoc) => iso(r.completedAt),
      // Like status: shown once the completion has left the outbox.
      certificate: (r: RightsRequestDoc) => (r.outboxPending ? null : r.certificate ?? null),
      overdueAt: (r: RightsRequestDoc) => iso(r.overdueAt),
      tasks: (r: RightsRequestDoc) => r.tasks ?? [],
      holdReason: (r: RightsRequestDoc) => r.holdReason ?? null,
      legalHoldId: (r: RightsRequestDoc) => r.legalHoldId ?? null,
      contactEmail: (r: RightsRequestDoc) => r.contactEmail ?? null,
      repetition: (r: RightsRequestDoc) => r.repetition ?? null,
      extension: (r: RightsRequestDoc) => (r.extension ? { ...r.extension, previousDueAt: iso(r.extension.previousDueAt), extendedAt: iso(r.extension.extendedAt) } : null),
      refusal: (r: RightsRequestDoc) => (r.refusal ? { justification: r.refusal.justification, refusedAt: iso(r.refusal.refusedAt), refusedBy: r.refusal.refusedBy } : null),
      fee: (r: RightsRequestDoc) => (r.fee ? { ...r.fee, chargedAt: iso(r.fee.chargedAt) } : null),
    },
    RightsTask: {
      askedAt: (t: TaskDoc) => iso(t.askedAt),
      answeredAt: (t: TaskDoc) => iso(t.answeredAt),
      updatedAt: (t: TaskDoc) => iso(t.updatedAt),
    },
    LegalHold: {
      id: (h: LegalHoldDoc) => h._id,
      placedAt: (h: LegalHoldDoc) => iso(h.placedAt),
      liftedAt: (h: LegalHoldDoc) => iso(h.liftedAt),
      subjectId: (h: LegalHoldDoc) => h.subjectId ?? null,
    },
    RightsAuditEntry: {
      id: (a: AuditDoc) => a._id,
      at: (a: AuditDoc) => iso(a.at),
      subjectId: (a: AuditDoc) => a.subjectId ?? null,
    },
    AccessSection: {
      receivedAt: (s: AnswerSection) => iso(s.receivedAt),
    },
    AccessCollection: {
      documents: (c: { documents: object[] }) => c.documents.map((d) => JSON.stringify(d)),
    },
    OverridingGround: {
      decidedAt: (g: { decidedAt: Date }) => iso(g.decidedAt),
    },
    PortabilityOutcome: {
      expiresAt: (o: { expiresAt: Date | null }) => iso(o.expiresAt),
    },
    TransmissionReceipt: {
      at: (t: { at: Date }) => iso(t.at),
    },
    Acknowledgement: {
      executedAt: (a: AcknowledgementDoc) => iso(a.executedAt),
      receipt: (a: AcknowledgementDoc) => a.receipt ?? null,
    },
  } as Resolvers;
}
