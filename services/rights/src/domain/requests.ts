import { randomUUID } from 'node:crypto';
import { HOLDERS, RIGHTS_OPENED, type RightsKind, type RightsRequestOpened, type SubjectType } from '@verbatim/contracts';
import { AppError, conflict, forbidden, notFound, outboxOnCreate, requireUser, requireWorkspace, type RequestContext, parseInput } from '@verbatim/kit';
import { z } from 'zod';
import type { RightsRequestDoc } from '../model/request.schema.js';
import { dueDate } from './deadline.js';
import type { RightsDeps } from './deps.js';


export const rightsRequestInput = z
  .object({
    workspaceId: z.uuid('workspaceId must be a workspace id').nullish(),
    respondentId: z.uuid('respondentId must be a respondent id').nullish(),
  })
  .refine((i) => Boolean(i.workspaceId) === Boolean(i.respondentId), {
    message: 'give both workspaceId and respondentId for a respondent, or neither for a request about yourself',
  });

const requestId = z.uuid('id must be a rights request id');

interface Subject {
  subjectType: SubjectType;
  subjectId: string;
  workspaceId: string | null;
}

export const openKeyOf = (kind: RightsKind, s: Pick<Subject, 'subjectType' | 'subjectId'>) => `${kind}:${s.subjectType}:${s.subjectId}`;

/**
 * Opens a request: the document and its rights.request-opened event are one write. A respondent
 * request needs the workspace's ADMIN; without ids the caller asks about themself.
 */
export async function openRequest(
  deps: RightsDeps,
  ctx: RequestContext,
  kind: RightsKind,
  raw: unknown,
  /** What a kind adds to the event (a rectification's correction) and to the stored request (its statement). */
  extra: { payload?: Pick<RightsRequestOpened, 'correction' | 'objection'>; doc?: Partial<Pick<RightsRequestDoc, 'statement' | 'erasureGround' | 'destination' | 'objectionPurposes' | 'overridingGround'>> } = {},
): Promise<RightsRequestDoc> {
  const principal = requireUser(ctx);
  const input = parseInput(rightsRequestInput, raw);
  let subject: Subject;
  if (input.workspaceId && input.respondentId) {
    requireWorkspace(ctx, input.workspaceId, 'ADMIN');
    subject = { subjectType: 'RESPONDENT', subjectId: input.respondentId, workspaceId: input.workspaceId };
  } else {
    subject = { subjectType: 'USER', subjectId: principal.userId, workspaceId: null };
  }
  const openKey = openKeyOf(kind, subject);

  // Two attempts: the identical request found by the unique index may complete before it is read.
  for (let attempt = 0; attempt < 2; attempt++) {
    const id = randomUUID();
    const requestedAt = new Date();
    const opened = deps.bus.envelope(RIGHTS_OPENED, subject.subjectId, { requestId: id, kind, ...subject, ...extra.payload });
    const doc: RightsRequestDoc = {
      _id: id,
      kind,
      ...subject,
      subjectDigest: null,
      requestedBy: principal.userId,
      requestedAt,
      dueAt: dueDate(requestedAt),
      status: 'IN_PROGRESS',
      // Every holder of personal data must acknowledge; rights itself holds only the proof.
      expectedServices: [...HOLDERS],
      acknowledgements: [],
      completedAt: null,
      durationMs: null,
      openKey,
      rev: 0,
      ...extra.doc,
      ...outboxOnCreate([{ topic: RIGHTS_OPENED, key: subject.subjectId, envelope: opened }]),
    };
    if ((await deps.requests.insert(doc)) === 'inserted') {
      deps.relay.kick({ model: deps.requests.model, ids: [id] });
      deps.log.info({ requestId: id, kind, subjectType: subject.subjectType, workspaceId: subject.workspaceId }, 'rights request opened');
      return doc;
    }
    const existing = await deps.requests.findOpen(openKey);
    if (existing) {
      throw new AppError('CONFLICT', `An identical ${kind} request is already in progress: ${existing._id}. Follow it with rightsRequest(id: "${existing._id}").`, {
        existingRequestId: existing._id,
      });
    }
  }
  throw conflict('An identical request was changing while this one was made; try again.');
}

/** Visible to its requester and to the ADMINs of its workspace; other callers learn nothing about it. */
export async function getRequest(deps: RightsDeps, ctx: RequestContext, rawId: unknown): Promise<RightsRequestDoc> {
  const principal = requireUser(ctx);
  const id = parseInput(requestId, rawId);
  const request = await deps.requests.findById(id);
  if (!request) throw notFound('The rights request');
  if (request.requestedBy === principal.userId) return request;
  if (request.workspaceId) {
    requireWorkspace(ctx, request.workspaceId, 'ADMIN');
    return request;
  }
  throw notFound('The rights request');
}

export async function requestsOfUser(deps: RightsDeps, ctx: RequestContext, userId: string): Promise<RightsRequestDoc[]> {
  if (requireUser(ctx).userId !== userId) throw forbidden('You can only read your own rights requests.');
  return deps.requests.findByRequester(userId);
}

export async function requestsOfWorkspace(deps: RightsDeps, ctx: RequestContext, workspaceId: string): Promise<RightsRequestDoc[]> {
  requireWorkspace(ctx, workspaceId, 'ADMIN');
  return deps.requests.findByWorkspace(workspaceId);
}
