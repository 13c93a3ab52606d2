import type { RequestContext } from '@verbatim/kit';
import { accessTokenForGrant, approveAccessGrant, denyAccessGrant, myAccessGrants, openBreakGlassAccess, requestAccessGrant, revokeAccessGrant, workspaceAccessGrants } from '../domain/access-grants.js';
import type { IdentityDeps } from '../domain/deps.js';
import { effectiveStatus, type AccessGrantDoc } from '../model/access-grant.schema.js';

type Input = { input: unknown };
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Staff access grants (need-to-know): thin over domain/access-grants.ts. */
export function accessGrantResolvers(deps: IdentityDeps) {
  return {
    Query: {
      workspaceAccessGrants: (_: unknown, args: { workspaceId: unknown; status?: unknown }, ctx: RequestContext) => workspaceAccessGrants(deps, ctx, args.workspaceId, args.status),
      myAccessGrants: (_: unknown, args: { status?: unknown }, ctx: RequestContext) => myAccessGrants(deps, ctx, args.status),
    },
    Mutation: {
      requestAccessGrant: (_: unknown, args: Input, ctx: RequestContext) => requestAccessGrant(deps, ctx, args.input),
      approveAccessGrant: (_: unknown, args: Input, ctx: RequestContext) => approveAccessGrant(deps, ctx, args.input),
      denyAccessGrant: (_: unknown, args: Input, ctx: RequestContext) => denyAccessGrant(deps, ctx, args.input),
      revokeAccessGrant: (_: unknown, args: Input, ctx: RequestContext) => revokeAccessGrant(deps, ctx, args.input),
      openBreakGlassAccess: (_: unknown, args: Input, ctx: RequestContext) => openBreakGlassAccess(deps, ctx, args.input),
      accessTokenForGrant: (_: unknown, args: { grantId: unknown }, ctx: RequestContext) => accessTokenForGrant(deps, ctx, args.grantId),
    },
    AccessGrant: {
      id: (g: AccessGrantDoc) => g._id,
      status: (g: AccessGrantDoc) => effectiveStatus(g),
      requestedAt: (g: AccessGrantDoc) => g.requestedAt.toISOString(),
      decidedAt: (g: AccessGrantDoc) => iso(g.decidedAt),
      startsAt: (g: AccessGrantDoc) => iso(g.startsAt),
      endsAt: (g: AccessGrantDoc) => iso(g.endsAt),
      revokedAt: (g: AccessGrantDoc) => iso(g.revokedAt),
    },
  };
}
