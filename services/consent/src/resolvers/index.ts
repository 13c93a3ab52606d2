import type { RequestContext, Resolvers } from '@verbatim/kit';
import { consentsOfRespondent, consentsOfSessionRespondent, consentsOfUser, consentsToRenew, readableConsent, recordConsent, withdrawConsent } from '../domain/consents.js';
import type { ConsentDeps } from '../domain/deps.js';
import { noticesOf, publishConsentNotice } from '../domain/notices.js';
import { issueReceipt, type ConsentReceipt } from '../domain/receipts.js';
import type { ConsentChange, ConsentDoc } from '../model/consent.schema.js';
import type { ConsentNoticeDoc } from '../model/notice.schema.js';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Thin: every field names its subject and the domain checks the caller against it. */
export function consentResolvers(deps: ConsentDeps): Resolvers {
  return {
    Query: {
      consentArchive: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) => deps.readArchive(ctx, args),
      consentReceipt: async (_: unknown, args: { consentId: unknown }, ctx: RequestContext) => issueReceipt(deps, await readableConsent(deps, ctx, args.consentId)),
      consentsToRenew: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) => consentsToRenew(deps, ctx, args),
      consentNotices: (_: unknown, args: { workspaceId: string }, ctx: RequestContext) => noticesOf(deps, ctx, args.workspaceId),
      myRespondentConsents: (_: unknown, __: unknown, ctx: RequestContext) => consentsOfSessionRespondent(deps, ctx),
    },
    Mutation: {
      recordConsent: (_: unknown, args: { input: unknown }, ctx: RequestContext) => recordConsent(deps, ctx, args.input),
      withdrawConsent: (_: unknown, args: { id: unknown; input?: unknown }, ctx: RequestContext) => withdrawConsent(deps, ctx, args.id, args.input),
      publishConsentNotice: (_: unknown, args: { input: unknown }, ctx: RequestContext) => publishConsentNotice(deps, ctx, args.input),
    },
    User: {
      // The reference carries only the id; the fields below check the caller.
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      consents: (u: { id: string }, _: unknown, ctx: RequestContext) => consentsOfUser(deps, ctx, u.id),
    },
    Respondent: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      consents: (r: { id: string }, _: unknown, ctx: RequestContext) => consentsOfRespondent(deps, ctx, r.id),
    },
    Consent: {
      id: (c: ConsentDoc) => c._id,
      method: (c: ConsentDoc) => c.method ?? null,
      evidence: (c: ConsentDoc) => c.evidence ?? null,
      noticeVersion: (c: ConsentDoc) => c.noticeVersion ?? 0,
      collectedBy: (c: ConsentDoc) => c.collectedBy ?? null,
      collectedAt: (c: ConsentDoc) => iso(c.collectedAt),
      grantedAt: (c: ConsentDoc) => c.grantedAt.toISOString(),
      withdrawnAt: (c: ConsentDoc) => iso(c.withdrawnAt),
      outdatedAt: (c: ConsentDoc) => iso(c.outdatedAt),
      history: (c: ConsentDoc) => c.history,
      // Readable wherever the consent is: the resolvers that return consents checked the caller.
      receipt: (c: ConsentDoc) => issueReceipt(deps, c),
    },
    ConsentChange: {
      at: (h: ConsentChange) => new Date(h.at).toISOString(),
      method: (h: ConsentChange) => h.method ?? null,
      evidence: (h: ConsentChange) => h.evidence ?? null,
      noticeVersion: (h: ConsentChange) => h.noticeVersion ?? 0,
      by: (h: ConsentChange) => h.by ?? null,
    },
    ConsentReceipt: {
      record: (r: ConsentReceipt) => JSON.stringify(r.record),
    },
    ConsentNotice: {
      id: (n: ConsentNoticeDoc) => n._id,
      publishedAt: (n: ConsentNoticeDoc) => n.publishedAt.toISOString(),
    },
  } as Resolvers;
}
