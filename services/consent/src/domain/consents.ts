import { randomUUID } from 'node:crypto';
import { activeGrantFor, badInput, forbidden, notFound, outboxOnCreate, parseInput, requireRespondent, requireUser, requireWorkspace, requireWorkspaceRead, retryOnRevision, REVISION_CHANGED, type Principal, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import { consentChangedEntry } from '../events/publish.js';
import { COLLECTION_METHODS, CONSENT_PURPOSES, type ConsentChange, type ConsentDoc } from '../model/consent.schema.js';
import type { ConsentDeps } from './deps.js';
import { evidenceInput, toEvidence } from './evidence.js';

const collectedAt = z.iso
  .datetime({ offset: true, message: 'collectedAt must be an ISO 8601 date-time' })
  .nullish()
  .transform((v) => (v ? new Date(v) : null));

export const recordConsentInput = z.object({
  workspaceId: z.uuid('workspaceId must be an id'),
  subjectType: z.enum(['RESPONDENT', 'USER']),
  subjectId: z.uuid('subjectId must be an id'),
  purpose: z.enum(CONSENT_PURPOSES),
  source: z.string().trim().min(1, 'source is required').max(200, 'source is at most 200 characters'),
  method: z.enum(COLLECTION_METHODS),
  evidence: evidenceInput,
  noticeVersion: z.number().int('noticeVersion must be an integer').min(0, 'noticeVersion must be 0 or more').nullish().transform((v) => v ?? null),
  collectedAt,
});

export const withdrawConsentInput = z
  .object({
    method: z.enum(COLLECTION_METHODS),
    evidence: evidenceInput.nullish().transform((v) => v ?? null),
    collectedAt,
  })
  .nullish()
  .transform((v) => v ?? { method: 'API' as const, evidence: null, collectedAt: null });

const consentId = z.uuid('id must be a consent id');

/** A user may speak for themself only; respondents' consents are recorded by their workspace's members. */
function assertMaySpeakFor(principal: Principal, consent: Pick<ConsentDoc, 'subjectType' | 'subjectId'>) {
  if (consent.subjectType === 'USER' && consent.subjectId !== principal.userId) {
    throw forbidden('A USER consent can only be recorded or withdrawn by that user; use RESPONDENT for a customer.');
  }
}

/** When the person acted: never in the future (a clock error would date a consent after its use). */
function when(given: Date | null, now: Date): Date {
  if (!given) return now;
  if (given.getTime() > now.getTime() + 60_000) throw badInput('collectedAt is in the future: give the time the person acted.', { fields: [{ field: 'collectedAt', problem: 'in the future' }] });
  return given;
}

/**
 * The notice version a consent is given under: the one the client names, or the workspace's newest.
 * A named version that a later notice changed for this purpose is refused: the person saw outdated terms.
 */
async function noticeVersionFor(deps: ConsentDeps, input: z.infer<typeof recordConsentInput>): Promise<number> {
  const latest = (await deps.notices.latest(input.workspaceId))?.version ?? 0;
  if (input.noticeVersion === null) return latest;
  if (input.noticeVersion > latest) throw badInput(`noticeVersion ${input.noticeVersion} was never published; the workspace's newest notice is version ${latest}.`, { fields: [{ field: 'noticeVersion', problem: 'unknown version' }] });
  const changed = await deps.notices.changedSince(input.workspaceId, input.purpose, input.noticeVersion);
  if (changed) {
    throw badInput(`Notice version ${changed.version} changed the terms of ${input.purpose} after version ${input.noticeVersion}: show the current notice and collect consent again.`, {
      fields: [{ field: 'noticeVersion', problem: 'outdated for this purpose' }],
    });
  }
  return input.noticeVersion;
}

/** Records consent as GRANTED with its evidence: creates the record, or renews an existing one (withdrawn, outdated or not). */
export async function recordConsent(deps: ConsentDeps, ctx: RequestContext, raw: unknown): Promise<ConsentDoc> {
  requireUser(ctx);
  const input = parseInput(recordConsentInput, raw);
  const principal = requireWorkspace(ctx, input.workspaceId);
  assertMaySpeakFor(principal, input);
  const noticeVersion = await noticeVersionFor(deps, input);
  const evidence = toEvidence(input.evidence);

  return retryOnRevision('The consent changed while recording it; try again.', async () => {
    const now = new Date();
    const at = when(input.collectedAt, now);
    const change: ConsentChange = { status: 'GRANTED', source: input.source, at, method: input.method, evidence, noticeVersion, by: principal.userId };
    const standing = { status: 'GRANTED' as const, source: input.source, method: input.method, evidence, noticeVersion, collectedBy: principal.userId, collectedAt: at, grantedAt: now, withdrawnAt: null, outdatedAt: null };
    const existing = await deps.consents.findByKey(input.workspaceId, input.subjectType, input.subjectId, input.purpose);
    if (!existing) {
      const key = { _id: randomUUID(), workspaceId: input.workspaceId, subjectType: input.subjectType, subjectId: input.subjectId, purpose: input.purpose };
      const doc: ConsentDoc = { ...key, ...standing, history: [change], rev: 0, ...outboxOnCreate([consentChangedEntry(deps.bus, key, 'GRANTED')]) };
      // A concurrent first recording wins the unique index; this attempt then renews the record it created.
      if ((await deps.consents.insert(doc)) === 'duplicate') return REVISION_CHANGED;
      return changed(deps, doc);
    }
    if (await deps.consents.applyChange(existing._id, existing.rev, standing, change, [consentChangedEntry(deps.bus, existing, 'GRANTED')])) {
      return changed(deps, { ...existing, ...standing, history: [...existing.history, change], rev: existing.rev + 1 });
    }
    return REVISION_CHANGED;
  });
}

/**
 * Withdraws a consent; withdrawing one already withdrawn changes nothing and emits nothing. Evidence is
 * recorded when given but never required: withdrawing must be as easy as consenting (GDPR Art. 7(3)).
 */
export async function withdrawConsent(deps: ConsentDeps, ctx: RequestContext, rawId: unknown, rawInput: unknown): Promise<ConsentDoc> {
  const withdrawer = whoWithdraws(ctx);
  const id = parseInput(consentId, rawId);
  const input = parseInput(withdrawConsentInput, rawInput);
  const evidence = input.evidence ? toEvidence(input.evidence) : null;
  return retryOnRevision('The consent changed while withdrawing it; try again.', async () => {
    const existing = await deps.consents.findById(id);
    if (!existing) throw notFound('The consent');
    withdrawer.check(existing);
    if (existing.status === 'WITHDRAWN') return existing;
    const now = new Date();
    const change: ConsentChange = { status: 'WITHDRAWN', source: existing.source, at: when(input.collectedAt, now), method: input.method, evidence, noticeVersion: existing.noticeVersion, by: withdrawer.by };
    const set = { status: 'WITHDRAWN' as const, withdrawnAt: now };
    if (await deps.consents.applyChange(existing._id, existing.rev, set, change, [consentChangedEntry(deps.bus, existing, 'WITHDRAWN')])) {
      return changed(deps, { ...existing, ...set, history: [...existing.history, change], rev: existing.rev + 1 });
    }
    return REVISION_CHANGED;
  });
}

/**
 * Who may withdraw a consent: a member of its workspace (for a respondent's, or a user for their own), or the
 * respondent themself through their session on the workspace's privacy page, for their own consents only.
 */
function whoWithdraws(ctx: RequestContext): { by: string; check(consent: ConsentDoc): void } {
  if (ctx.respondent && !ctx.principal) {
    const { respondentId, workspaceId } = requireRespondent(ctx);
    return {
      by: respondentId,
      check(consent) {
        // Another person's consent is unknown to a respondent, not forbidden: it says nothing about who exists.
        if (consent.subjectType !== 'RESPONDENT' || consent.subjectId !== respondentId || consent.workspaceId !== workspaceId) throw notFound('The consent');
      },
    };
  }
  const principal = requireUser(ctx);
  return {
    by: principal.userId,
    check(consent) {
      requireWorkspace(ctx, consent.workspaceId);
      assertMaySpeakFor(principal, consent);
    },
  };
}

/** The respondent of this session: their consents in their workspace. */
export async function consentsOfSessionRespondent(deps: ConsentDeps, ctx: RequestContext): Promise<ConsentDoc[]> {
  const { respondentId, workspaceId } = requireRespondent(ctx);
  return deps.consents.findBySubject('RESPONDENT', respondentId, [workspaceId]);
}

export function changed(deps: Pick<ConsentDeps, 'relay' | 'consents' | 'log'>, doc: ConsentDoc): ConsentDoc {
  deps.relay.kick({ model: deps.consents.model, ids: [doc._id] });
  deps.log.info({ consentId: doc._id, workspaceId: doc.workspaceId, purpose: doc.purpose, status: doc.status }, 'consent changed');
  return doc;
}

/** A user's own consents, in every workspace. */
export async function consentsOfUser(deps: ConsentDeps, ctx: RequestContext, userId: string): Promise<ConsentDoc[]> {
  if (requireUser(ctx).userId !== userId) throw forbidden('You can only read your own consents.');
  return deps.consents.findBySubject('USER', userId);
}

/** A respondent's consents, limited to the workspaces the caller belongs to (tenant isolation). */
export async function consentsOfRespondent(deps: ConsentDeps, ctx: RequestContext, respondentId: string): Promise<ConsentDoc[]> {
  const principal = requireUser(ctx);
  // Staff read the respondents of the one workspace their access grant opens, if it still does.
  const grant = principal.accessGrant ? activeGrantFor(principal, principal.accessGrant.workspaceId) : undefined;
  const workspaceIds = [...Object.keys(principal.workspaces), ...(grant ? [grant.workspaceId] : [])];
  if (!workspaceIds.length) return [];
  return deps.consents.findBySubject('RESPONDENT', respondentId, workspaceIds);
}

/**
 * A consent the caller may read: a respondent's to members of its workspace, a user's to that user.
 * Another workspace's consent is FORBIDDEN, as for every workspace resource.
 */
export async function readableConsent(deps: ConsentDeps, ctx: RequestContext, rawId: unknown): Promise<ConsentDoc> {
  const principal = requireUser(ctx);
  const id = parseInput(consentId, rawId);
  const consent = await deps.consents.findById(id);
  if (!consent) throw notFound('The consent');
  if (consent.subjectType === 'USER') {
    if (consent.subjectId !== principal.userId) throw forbidden('A user\'s consent can only be read by that user.');
    return consent;
  }
  requireWorkspaceRead(ctx, consent.workspaceId);
  return consent;
}

const renewalQuery = z.object({
  workspaceId: z.uuid('workspaceId must be an id'),
  purpose: z.enum(CONSENT_PURPOSES).nullish().transform((v) => v ?? null),
  first: z.number().int().min(1, 'first must be between 1 and 500').max(500, 'first must be between 1 and 500'),
});

/** Who must be asked again: the workspace's consents outdated by a newer notice. */
export async function consentsToRenew(deps: ConsentDeps, ctx: RequestContext, raw: unknown): Promise<ConsentDoc[]> {
  const q = parseInput(renewalQuery, raw);
  requireWorkspaceRead(ctx, q.workspaceId);
  return deps.consents.findOutdated(q.workspaceId, q.purpose, q.first);
}
