import { randomUUID } from 'node:crypto';
import { HOLDERS, type RightsKind, type RightsRequestOpened, type SubjectType } from '@verbatim/contracts';
import { AppError, conflict, forbidden, notFound, outboxOnCreate, parseInput, requirePlatformRole, requireRespondent, requireUser, requireWorkspace, requireWorkspaceRead, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { RequestListing } from '../model/request.repository.js';
import { REQUEST_STATUSES, type HoldReason, type RequestOrigin, type RightsRequestDoc } from '../model/request.schema.js';
import { dueDate } from './deadline.js';
import type { RightsDeps } from './deps.js';
import { subjectDigest } from './digest.js';
import { openedEntry, subjectRequestEntry } from './dispatch.js';
import { repetitionOf } from './repetition.js';
import { newTasks } from './tasks.js';

/** Where the subject is told about their request; optional, but an extension, refusal or fee needs it. */
export const contactFields = {
  contactEmail: z.email('contactEmail must be a valid email address').max(320).transform((e) => e.toLowerCase()).nullish(),
  contactLocale: z.enum(['FR', 'EN'], { message: 'contactLocale must be FR or EN' }).nullish(),
};


export const rightsRequestInput = z
  .object({
    workspaceId: z.uuid('workspaceId must be a workspace id').nullish(),
    respondentId: z.uuid('respondentId must be a respondent id').nullish(),
    userId: z.uuid('userId must be a user id').nullish(),
    ...contactFields,
  })
  .refine((i) => Boolean(i.workspaceId) === Boolean(i.respondentId), {
    message: 'give both workspaceId and respondentId for a respondent, or neither for a request about yourself',
  })
  .refine((i) => !(i.userId && i.respondentId), { message: 'give a respondent (workspaceId and respondentId) or a user (userId), not both' });

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
 * It waits ON_HOLD, sent to no holder, when it is an erasure of a subject under a legal hold, or a
 * repetitive respondent request (an ADMIN then refuses it, charges a fee or lets it proceed). A user's
 * repetitive request is flagged but proceeds: no one but the controller itself could decide on it.
 */
export async function openRequest(
  deps: RightsDeps,
  ctx: RequestContext,
  kind: RightsKind,
  raw: unknown,
  /** What a kind adds to the event (a rectification's correction) and to the stored request (its statement). */
  extra: { payload?: Pick<RightsRequestOpened, 'correction' | 'objection'>; doc?: Partial<Pick<RightsRequestDoc, 'statement' | 'erasureGround' | 'destination' | 'objectionPurposes' | 'overridingGround'>> } = {},
): Promise<RightsRequestDoc> {
  const input = parseInput(rightsRequestInput, raw);
  const { subject, requestedBy, origin } = requesterOf(ctx, input);
  const openKey = openKeyOf(kind, subject);

  // Two attempts: the identical request found by the unique index may complete before it is read.
  for (let attempt = 0; attempt < 2; attempt++) {
    const id = randomUUID();
    const requestedAt = deps.clock();
    const repetition = await repetitionOf(deps, kind, subject, requestedAt);
    const hold = kind === 'ERASURE' ? await deps.holds.findActive(subject.subjectType, subject.subjectId) : null;
    const heldFor: HoldReason | null = hold ? 'LEGAL_HOLD' : repetition && subject.workspaceId ? 'REPETITIVE' : null;
    const doc: RightsRequestDoc = {
      _id: id,
      kind,
      ...subject,
      subjectDigest: null,
      requestedBy,
      origin,
      requestedAt,
      dueAt: dueDate(requestedAt),
      status: heldFor ? 'ON_HOLD' : 'IN_PROGRESS',
      // Every holder of personal data must acknowledge; rights itself holds only the proof.
      expectedServices: [...HOLDERS],
      acknowledgements: [],
      tasks: heldFor ? [] : newTasks(HOLDERS, requestedAt),
      holdReason: heldFor,
      legalHoldId: hold?._id ?? null,
      repetition,
      contactEmail: input.contactEmail ?? null,
      contactLocale: input.contactLocale === 'EN' ? 'en' : input.contactLocale === 'FR' ? 'fr' : null,
      correction: extra.payload?.correction ?? null,
      completedAt: null,
      durationMs: null,
      openKey,
      rev: 0,
      ...extra.doc,
    };
    // A respondent's own request is announced to the workspace's ADMINs even while ON_HOLD: they decide on it.
    Object.assign(doc, outboxOnCreate([...(heldFor ? [] : [openedEntry(deps, doc)]), ...(origin === 'RESPONDENT' ? [subjectRequestEntry(deps, doc)] : [])]));
    if ((await deps.requests.insert(doc)) === 'inserted') {
      if (doc.outboxPending) deps.relay.kick({ model: deps.requests.model, ids: [id] });
      deps.log.info({ requestId: id, kind, subjectType: subject.subjectType, workspaceId: subject.workspaceId, origin, heldFor, repetitive: Boolean(repetition) }, 'rights request opened');
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

/**
 * Who a request is about and who asked. A respondent's session asks about that respondent, in their
 * workspace, whatever ids the input names; a user names a respondent (as ADMIN) or asks about themself.
 */
function requesterOf(ctx: RequestContext, input: z.infer<typeof rightsRequestInput>): { subject: Subject; requestedBy: string | null; origin: RequestOrigin } {
  if (ctx.respondent && !ctx.principal) {
    const { respondentId, workspaceId } = requireRespondent(ctx);
    if ((input.workspaceId && input.workspaceId !== workspaceId) || (input.respondentId && input.respondentId !== respondentId)) {
      throw forbidden('A respondent can only make requests about themself, in the workspace whose page they verified their email on.');
    }
    return { subject: { subjectType: 'RESPONDENT', subjectId: respondentId, workspaceId }, requestedBy: null, origin: 'RESPONDENT' };
  }
  const principal = requireUser(ctx);
  if (input.workspaceId && input.respondentId) {
    requireWorkspace(ctx, input.workspaceId, 'ADMIN');
    return { subject: { subjectType: 'RESPONDENT', subjectId: input.respondentId, workspaceId: input.workspaceId }, requestedBy: principal.userId, origin: 'WORKSPACE_ADMIN' };
  }
  if (input.userId && input.userId !== principal.userId) {
    // The controller acting for a user (a request received by mail, lifting a restriction after verification).
    requirePlatformRole(ctx, 'DPO');
    return { subject: { subjectType: 'USER', subjectId: input.userId, workspaceId: null }, requestedBy: principal.userId, origin: 'USER' };
  }
  return { subject: { subjectType: 'USER', subjectId: principal.userId, workspaceId: null }, requestedBy: principal.userId, origin: 'USER' };
}

/** Whether a request is about the respondent of this session: by id, or by digest once an erasure removed the id. */
function isAboutRespondent(deps: RightsDeps, request: RightsRequestDoc, respondentId: string, workspaceId: string): boolean {
  if (request.subjectType !== 'RESPONDENT' || request.workspaceId !== workspaceId) return false;
  return request.subjectId ? request.subjectId === respondentId : request.subjectDigest === subjectDigest(deps.digestKey, 'RESPONDENT', respondentId);
}

/** A request the respondent of this session may follow: one about themself, whoever opened it; NOT_FOUND otherwise. */
async function requestOfRespondent(deps: RightsDeps, ctx: RequestContext, rawId: unknown): Promise<RightsRequestDoc> {
  const { respondentId, workspaceId } = requireRespondent(ctx);
  const request = await deps.requests.findById(parseInput(requestId, rawId));
  if (!request || !isAboutRespondent(deps, request, respondentId, workspaceId)) throw notFound('The rights request');
  return request;
}

/** The respondent of this session: every request about them in their workspace, newest first. */
export async function requestsOfRespondent(deps: RightsDeps, ctx: RequestContext): Promise<RightsRequestDoc[]> {
  const { respondentId, workspaceId } = requireRespondent(ctx);
  return deps.requests.findOfRespondent(workspaceId, respondentId, subjectDigest(deps.digestKey, 'RESPONDENT', respondentId));
}

/** The platform DPO's queue: the requests respondents made themselves, in every workspace. */
export async function respondentRequestQueue(deps: RightsDeps, ctx: RequestContext, listing?: unknown): Promise<RightsRequestDoc[]> {
  requirePlatformRole(ctx, 'DPO');
  return deps.requests.findByOrigin('RESPONDENT', listingOf(listing));
}

/** Visible to its requester and to the ADMINs of its workspace, who may act on it; other callers learn nothing about it. */
export const getRequest = (deps: RightsDeps, ctx: RequestContext, rawId: unknown) => visibleRequest(deps, ctx, rawId, (workspaceId) => requireWorkspace(ctx, workspaceId, 'ADMIN'));

/** For reading only: also to staff whose access grant opens the request's workspace. */
export const readRequest = (deps: RightsDeps, ctx: RequestContext, rawId: unknown) =>
  visibleRequest(deps, ctx, rawId, (workspaceId) => requireWorkspaceRead(ctx, workspaceId, { role: 'ADMIN' }));

async function visibleRequest(deps: RightsDeps, ctx: RequestContext, rawId: unknown, checkWorkspace: (workspaceId: string) => void): Promise<RightsRequestDoc> {
  if (ctx.respondent && !ctx.principal) return requestOfRespondent(deps, ctx, rawId);
  const principal = requireUser(ctx);
  const id = parseInput(requestId, rawId);
  const request = await deps.requests.findById(id);
  if (!request) throw notFound('The rights request');
  if (request.requestedBy === principal.userId) return request;
  // The user a request is about (the DPO may have opened it for them), and the DPO, who answers for the controller.
  if (request.subjectType === 'USER' && request.subjectId === principal.userId) return request;
  if (principal.platformRoles.includes('DPO')) return request;
  if (request.workspaceId) {
    checkWorkspace(request.workspaceId);
    return request;
  }
  throw notFound('The rights request');
}

const listingInput = z.object({
  status: z.enum(REQUEST_STATUSES).nullish(),
  orderBy: z.enum(['REQUESTED_AT_DESC', 'DUE_AT_ASC']).nullish(),
});
const listingOf = (raw: unknown): RequestListing => {
  const { status, orderBy } = parseInput(listingInput, raw ?? {});
  return { status, orderBy: orderBy ?? 'REQUESTED_AT_DESC' };
};

export async function requestsOfUser(deps: RightsDeps, ctx: RequestContext, userId: string, listing?: unknown): Promise<RightsRequestDoc[]> {
  if (requireUser(ctx).userId !== userId) throw forbidden('You can only read your own rights requests.');
  return deps.requests.findByRequester(userId, listingOf(listing));
}

/** ADMIN: the workspace's requests, newest first, or by due date (the next deadline first) with DUE_AT_ASC; optionally of one status. */
export async function requestsOfWorkspace(deps: RightsDeps, ctx: RequestContext, workspaceId: string, listing?: unknown): Promise<RightsRequestDoc[]> {
  requireWorkspaceRead(ctx, workspaceId, { role: 'ADMIN' });
  return deps.requests.findByWorkspace(workspaceId, listingOf(listing));
}
