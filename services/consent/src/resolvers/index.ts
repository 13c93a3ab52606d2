import type { RequestContext, Resolvers } from '@verbatim/kit';
import { consentsOfRespondent, consentsOfUser, recordConsent, withdrawConsent } from '../domain/consents.js';
import type { ConsentDeps } from '../domain/deps.js';
import type { ConsentChange, ConsentDoc } from '../model/consent.schema.js';

/** Thin: every field names its subject and the domain checks the caller against it. */
export function consentResolvers(deps: ConsentDeps): Resolvers {
  return {
    Mutation: {
      recordConsent: (_: unknown, args: { input: unknown }, ctx: RequestContext) => recordConsent(deps, ctx, args.input),
      withdrawConsent: (_: unknown, args: { id: unknown }, ctx: RequestContext) => withdrawConsent(deps, ctx, args.id),
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
      grantedAt: (c: ConsentDoc) => c.grantedAt.toISOString(),
      withdrawnAt: (c: ConsentDoc) => c.withdrawnAt?.toISOString() ?? null,
      history: (c: ConsentDoc) => c.history,
    },
    ConsentChange: {
      at: (h: ConsentChange) => new Date(h.at).toISOString(),
    },
  } as Resolvers;
}
