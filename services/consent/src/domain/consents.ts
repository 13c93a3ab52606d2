import { randomUUID } from 'node:crypto';
import { forbidden, notFound, outboxOnCreate, parseInput, requireUser, requireWorkspace, retryOnRevision, REVISION_CHANGED, type Principal, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import { consentChangedEntry } from '../events/publish.js';
import type { ConsentDoc } from '../model/consent.schema.js';
import type { ConsentDeps } from './deps.js';

export const recordConsentInput = z.object({
  workspaceId: z.uuid('workspaceId must be an id'),
  subjectType: z.enum(['RESPONDENT', 'USER']),
  subjectId: z.uuid('subjectId must be an id'),
  purpose: z.enum(['ANALYSIS', 'AI_PROCESSING', 'CONTACT']),
  source: z.string().trim().min(1, 'source is required').max(200, 'source is at most 200 characters'),
});

const consentId = z.uuid('id must be a consent id');

/** A user may speak for themself only; respondents' consents are recorded by their workspace's members. */
function assertMaySpeakFor(principal: Principal, consent: Pick<ConsentDoc, 'subjectType' | 'subjectId'>) {
  if (consent.subjectType === 'USER' && consent.subjectId !== principal.userId) {
    throw forbidden('A USER consent can only be recorded or withdrawn by that user; use RESPONDENT for a customer.');
  }
}

/** Records consent as GRANTED: creates the record, or renews an existing one (withdrawn or not). */
export async function recordConsent(deps: ConsentDeps, ctx: RequestContext, raw: unknown): Promise<ConsentDoc> {
  requireUser(ctx);
  const input = parseInput(recordConsentInput, raw);
  const principal = requireWorkspace(ctx, input.workspaceId);
  assertMaySpeakFor(principal, input);

  return retryOnRevision('The consent changed while recording it; try again.', async () => {
    const now = new Date();
    const change = { status: 'GRANTED' as const, source: input.source, at: now };
    const existing = await deps.consents.findByKey(input.workspaceId, input.subjectType, input.subjectId, input.purpose);
    if (!existing) {
      const key = { _id: randomUUID(), ...input };
      const doc: ConsentDoc = {
        ...key,
        status: 'GRANTED',
        grantedAt: now,
        withdrawnAt: null,
        history: [change],
        rev: 0,
        ...outboxOnCreate([consentChangedEntry(deps.bus, key, 'GRANTED')]),
      };
      // A concurrent first recording wins the unique index; this attempt then renews the record it created.
      if ((await deps.consents.insert(doc)) === 'duplicate') return REVISION_CHANGED;
      return changed(deps, doc);
    }
    const set = { status: 'GRANTED' as const, source: input.source, grantedAt: now, withdrawnAt: null };
    if (await deps.consents.applyChange(existing._id, existing.rev, set, change, [consentChangedEntry(deps.bus, existing, 'GRANTED')])) {
      return changed(deps, { ...existing, ...set, history: [...existing.history, change], rev: existing.rev + 1 });
    }
    return REVISION_CHANGED;
  });
}

/** Withdraws a consent; withdrawing one already withdrawn changes nothing and emits nothing. */
export async function withdrawConsent(deps: ConsentDeps, ctx: RequestContext, rawId: unknown): Promise<ConsentDoc> {
  const principal = requireUser(ctx);
  const id = parseInput(consentId, rawId);
  return retryOnRevision('The consent changed while withdrawing it; try again.', async () => {
    const existing = await deps.consents.findById(id);
    if (!existing) throw notFound('The consent');
    requireWorkspace(ctx, existing.workspaceId);
    assertMaySpeakFor(principal, existing);
    if (existing.status === 'WITHDRAWN') return existing;
    const now = new Date();
    const change = { status: 'WITHDRAWN' as const, source: existing.source, at: now };
    const set = { status: 'WITHDRAWN' as const, withdrawnAt: now };
    if (await deps.consents.applyChange(existing._id, existing.rev, set, change, [consentChangedEntry(deps.bus, existing, 'WITHDRAWN')])) {
      return changed(deps, { ...existing, ...set, history: [...existing.history, change], rev: existing.rev + 1 });
    }
    return REVISION_CHANGED;
  });
}

function changed(deps: ConsentDeps, doc: ConsentDoc): ConsentDoc {
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
  const workspaceIds = Object.keys(requireUser(ctx).workspaces);
  if (!workspaceIds.length) return [];
  return deps.consents.findBySubject('RESPONDENT', respondentId, workspaceIds);
}
