import { forbidden, requireUser, type RequestContext, type Resolvers } from '@verbatim/kit';
import type { UserDoc } from '../model/user.schema.js';
import type { WorkspaceDoc } from '../model/workspace.schema.js';
import { getUser, issueToken, login, register } from '../domain/accounts.js';
import type { IdentityDeps } from '../domain/deps.js';
import { addMember, createWorkspace, getWorkspace } from '../domain/workspaces.js';

/** Thin: authenticate, then call the domain. Users are visible to themselves only. */
export function identityResolvers(deps: IdentityDeps): Resolvers {
  const self = async (ctx: RequestContext, id: string) => {
    if (requireUser(ctx).userId !== id) throw forbidden('You can only read your own account.');
    return getUser(deps, id);
  };
  return {
    Query: {
      me: (_: unknown, __: unknown, ctx: RequestContext) => getUser(deps, requireUser(ctx).userId),
      workspace: (_: unknown, args: { id: string }, ctx: RequestContext) => getWorkspace(deps, ctx, args.id),
    },
    Mutation: {
      register: (_: unknown, args: { input: unknown }) => register(deps, args.input),
      login: (_: unknown, args: { input: unknown }) => login(deps, args.input),
      refreshToken: async (_: unknown, __: unknown, ctx: RequestContext) => issueToken(deps, await getUser(deps, requireUser(ctx).userId)),
      createWorkspace: (_: unknown, args: { input: unknown }, ctx: RequestContext) => createWorkspace(deps, requireUser(ctx).userId, args.input),
      addWorkspaceMember: (_: unknown, args: { input: unknown }, ctx: RequestContext) => addMember(deps, ctx, args.input),
    },
    User: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => self(ctx, ref.id),
      id: (u: UserDoc) => u._id,
      createdAt: (u: UserDoc) => u.createdAt.toISOString(),
      memberships: async (u: UserDoc) =>
        (await deps.workspaces.findByMember(u._id)).map((ws) => ({ workspace: ws, role: ws.members.find((m) => m.userId === u._id)?.role })),
    },
    Workspace: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => getWorkspace(deps, ctx, ref.id),
      id: (w: WorkspaceDoc) => w._id,
      createdAt: (w: WorkspaceDoc) => w.createdAt.toISOString(),
      myRole: (w: WorkspaceDoc, _: unknown, ctx: RequestContext) => w.members.find((m) => m.userId === requireUser(ctx).userId)?.role ?? 'MEMBER',
      members: async (w: WorkspaceDoc) => {
        const users = new Map((await deps.users.findByIds(w.members.map((m) => m.userId))).map((u) => [u._id, u]));
        return w.members.flatMap((m) => {
          const u = users.get(m.userId);
          return u ? [{ userId: u._id, firstName: u.firstName, role: m.role }] : [];
        });
      },
    },
  } as Resolvers;
}
