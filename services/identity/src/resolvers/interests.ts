import type { RequestContext } from '@verbatim/kit';
import type { IdentityDeps } from '../domain/deps.js';
import { addInterest, removeInterest, shareInterest, updateInterest } from '../domain/interests.js';
import type { InterestDoc } from '../model/interest.schema.js';

type Input = { input: unknown };

/** A user's interests; what they shared shows on Workspace.sharedInterests (resolvers/index.ts). */
export function interestResolvers(deps: IdentityDeps) {
  return {
    Mutation: {
      addInterest: (_: unknown, args: Input, ctx: RequestContext) => addInterest(deps, ctx, args.input),
      updateInterest: (_: unknown, args: Input, ctx: RequestContext) => updateInterest(deps, ctx, args.input),
      removeInterest: (_: unknown, args: { id: string }, ctx: RequestContext) => removeInterest(deps, ctx, args.id),
      shareInterest: (_: unknown, args: Input, ctx: RequestContext) => shareInterest(deps, ctx, args.input, true),
      unshareInterest: (_: unknown, args: Input, ctx: RequestContext) => shareInterest(deps, ctx, args.input, false),
    },
    Interest: {
      id: (i: InterestDoc) => i._id,
      createdAt: (i: InterestDoc) => i.createdAt.toISOString(),
    },
  };
}
