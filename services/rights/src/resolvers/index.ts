import type { RightsKind } from '@verbatim/contracts';
import type { RequestContext, Resolvers } from '@verbatim/kit';
import type { AcknowledgementDoc } from '../domain/acknowledgements.js';
import type { RightsDeps } from '../domain/deps.js';
import { accessAnswer, type AnswerSection } from '../domain/access-answer.js';
import { openErasure } from '../domain/erasure.js';
import { openObjection, recordOverridingGround } from '../domain/objection.js';
import { openPortability, portabilityOutcome } from '../domain/portability.js';
import { openRectification } from '../domain/rectification.js';
import { getRequest, openRequest, requestsOfUser, requestsOfWorkspace } from '../domain/requests.js';
import type { RightsRequestDoc } from '../model/request.schema.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Thin: the domain checks the caller (requester, or ADMIN of the request's workspace). */
export function rightsResolvers(deps: RightsDeps): Resolvers {
  const open = (kind: RightsKind) => (_: unknown, args: { input: unknown }, ctx: RequestContext) => openRequest(deps, ctx, kind, args.input);
  return {
    Query: {
      rightsRequest: (_: unknown, args: { id: unknown }, ctx: RequestContext) => getRequest(deps, ctx, args.id),
      accessAnswer: (_: unknown, args: { requestId: unknown }, ctx: RequestContext) => accessAnswer(deps, ctx, args.requestId),
      portabilityOutcome: (_: unknown, args: { requestId: unknown }, ctx: RequestContext) => portabilityOutcome(deps, ctx, args.requestId),
    },
    Mutation: {
      requestErasure: (_: unknown, args: { input: unknown }, ctx: RequestContext) => openErasure(deps, ctx, args.input),
      requestRestriction: open('RESTRICTION'),
      liftRestriction: open('LIFT_RESTRICTION'),
      requestAccess: open('ACCESS'),
      requestRectification: (_: unknown, args: { input: unknown }, ctx: RequestContext) => openRectification(deps, ctx, args.input),
      requestPortability: (_: unknown, args: { input: unknown }, ctx: RequestContext) => openPortability(deps, ctx, args.input),
      requestObjection: (_: unknown, args: { input: unknown }, ctx: RequestContext) => openObjection(deps, ctx, args.input),
      recordOverridingGround: (_: unknown, args: { input: unknown }, ctx: RequestContext) => recordOverridingGround(deps, ctx, args.input),
    },
    User: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      rightsRequests: (u: { id: string }, _: unknown, ctx: RequestContext) => requestsOfUser(deps, ctx, u.id),
    },
    Workspace: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      rightsRequests: (w: { id: string }, _: unknown, ctx: RequestContext) => requestsOfWorkspace(deps, ctx, w.id),
    },
    RightsRequest: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => getRequest(deps, ctx, ref.id),
      id: (r: RightsRequestDoc) => r._id,
      // Completed only once the completion event has left the outbox: from then on the stored proof holds
      // no subject id at all, so a caller who sees COMPLETED can check that nothing names the person.
      status: (r: RightsRequestDoc) => (r.status !== 'IN_PROGRESS' && r.outboxPending ? 'IN_PROGRESS' : r.status),
      subjectId: (r: RightsRequestDoc) => r.subjectId ?? null,
      requestedAt: (r: RightsRequestDoc) => iso(r.requestedAt),
      dueAt: (r: RightsRequestDoc) => iso(r.dueAt),
      completedAt: (r: RightsRequestDoc) => iso(r.completedAt),
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
    },
  } as Resolvers;
}
