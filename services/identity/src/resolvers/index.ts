import { forbidden, requireUser, requireUserAwaitingPolicy, type RequestContext, type Resolvers } from '@verbatim/kit';
import type { PolicyVersionDoc } from '../model/privacy-policy.repository.js';
import { accessGrantResolvers } from './access-grants.js';
import { acknowledgePolicy, noticeDelivery, pendingPolicyVersion, policyHistory, publishPolicy } from '../domain/privacy-policy.js';
import type { AuthResult } from '../domain/sessions.js';
import type { ApiClientDoc } from '../model/api-client.repository.js';
import type { UserDoc } from '../model/user.schema.js';
import type { WorkspaceDoc } from '../model/workspace.schema.js';
import { changePassword, getUser, login, register, requestEmailChange, requestPasswordReset, resetPassword, verifyEmail } from '../domain/accounts.js';
import { createApiClient, listApiClients, revokeApiClient } from '../domain/api-clients.js';
import type { IdentityDeps } from '../domain/deps.js';
import { logout, logoutEverywhere, refreshSession } from '../domain/sessions.js';
import { requestRespondentCode, respondentPortal, verifyRespondentCode } from '../domain/respondent-sessions.js';
import { acceptInvitation, addMember, changeMemberRole, createWorkspace, getWorkspace, inviteMember, removeMember } from '../domain/workspaces.js';
import { threadsOfUser } from '../domain/assistance.js';
import { interestsOfUser, sharedInterestsOf } from '../domain/interests.js';
import { assistanceResolvers } from './assistance.js';
import { interestResolvers } from './interests.js';

type Input = { input: unknown };

/** Thin: authenticate, then call the domain. Users are visible to themselves only. */
export function identityResolvers(deps: IdentityDeps): Resolvers {
  const self = async (ctx: RequestContext, id: string) => {
    if (requireUser(ctx).userId !== id) throw forbidden('You can only read your own account.');
    return getUser(deps, id);
  };
  const assistance = assistanceResolvers(deps);
  const interests = interestResolvers(deps);
  const grants = accessGrantResolvers(deps);
  return {
    ...assistance,
    ...interests,
    Query: {
      ...assistance.Query,
      ...grants.Query,
      me: (_: unknown, __: unknown, ctx: RequestContext) => getUser(deps, requireUserAwaitingPolicy(ctx).userId),
      privacyPolicy: async () => {
        const versions = await policyHistory(deps);
        return { current: versions[0] ?? null, versions };
      },
      privacyPolicyNotices: (_: unknown, args: { version: number }, ctx: RequestContext) => noticeDelivery(deps, ctx, args.version),
      workspace: (_: unknown, args: { id: string }, ctx: RequestContext) => getWorkspace(deps, ctx, args.id),
      respondentPortal: (_: unknown, args: { workspaceId: unknown }) => respondentPortal(deps, args.workspaceId),
    },
    Mutation: {
      ...assistance.Mutation,
      ...interests.Mutation,
      ...grants.Mutation,
      register: (_: unknown, args: Input) => register(deps, args.input),
      requestRespondentCode: (_: unknown, args: Input, ctx: RequestContext) => requestRespondentCode(deps, ctx, args.input),
      verifyRespondentCode: (_: unknown, args: Input) => verifyRespondentCode(deps, args.input),
      login: (_: unknown, args: Input, ctx: RequestContext) => login(deps, ctx, args.input),
      refreshSession: (_: unknown, args: Input) => refreshSession(deps, args.input),
      logout: (_: unknown, __: unknown, ctx: RequestContext) => logout(deps, requireUserAwaitingPolicy(ctx)),
      logoutEverywhere: (_: unknown, __: unknown, ctx: RequestContext) => logoutEverywhere(deps, requireUserAwaitingPolicy(ctx).userId),
      publishPrivacyPolicy: (_: unknown, args: Input, ctx: RequestContext) => publishPolicy(deps, ctx, args.input),
      acknowledgePrivacyPolicy: (_: unknown, args: { version: unknown }, ctx: RequestContext) => acknowledgePolicy(deps, ctx, { version: args.version }),
      verifyEmail: (_: unknown, args: Input) => verifyEmail(deps, args.input),
      requestEmailChange: (_: unknown, args: Input, ctx: RequestContext) => requestEmailChange(deps, requireUser(ctx).userId, args.input),
      changePassword: (_: unknown, args: Input, ctx: RequestContext) => changePassword(deps, requireUser(ctx).userId, args.input),
      requestPasswordReset: (_: unknown, args: Input) => requestPasswordReset(deps, args.input),
      resetPassword: (_: unknown, args: Input) => resetPassword(deps, args.input),
      createWorkspace: (_: unknown, args: Input, ctx: RequestContext) => createWorkspace(deps, ctx, args.input),
      addWorkspaceMember: (_: unknown, args: Input, ctx: RequestContext) => addMember(deps, ctx, args.input),
      inviteWorkspaceMember: (_: unknown, args: Input, ctx: RequestContext) => inviteMember(deps, ctx, args.input),
      acceptInvitation: (_: unknown, args: Input, ctx: RequestContext) => acceptInvitation(deps, ctx, args.input),
      removeWorkspaceMember: (_: unknown, args: Input, ctx: RequestContext) => removeMember(deps, ctx, args.input),
      changeWorkspaceMemberRole: (_: unknown, args: Input, ctx: RequestContext) => changeMemberRole(deps, ctx, args.input),
      createApiClient: (_: unknown, args: Input, ctx: RequestContext) => createApiClient(deps, ctx, args.input),
      revokeApiClient: (_: unknown, args: Input, ctx: RequestContext) => revokeApiClient(deps, ctx, args.input),
    },
    User: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => self(ctx, ref.id),
      id: (u: UserDoc) => u._id,
      createdAt: (u: UserDoc) => u.createdAt.toISOString(),
      emailVerified: (u: UserDoc) => u.emailVerifiedAt !== undefined && u.emailVerifiedAt !== null,
      memberships: async (u: UserDoc) =>
        (await deps.workspaces.findByMember(u._id)).map((ws) => ({ workspace: ws, role: ws.members.find((m) => m.userId === u._id)?.role })),
      // User is only ever resolved for the caller themself (see `self`), so these are their own.
      assistanceThreads: (u: UserDoc) => threadsOfUser(deps, u._id),
      interests: (u: UserDoc) => interestsOfUser(deps, u._id),
    },
    Workspace: {
      __resolveReference: (ref: { id: string }, ctx: RequestContext) => getWorkspace(deps, ctx, ref.id),
      id: (w: WorkspaceDoc) => w._id,
      createdAt: (w: WorkspaceDoc) => w.createdAt.toISOString(),
      myRole: (w: WorkspaceDoc, _: unknown, ctx: RequestContext) => w.members.find((m) => m.userId === requireUser(ctx).userId)?.role ?? 'MEMBER',
      apiClients: (w: WorkspaceDoc, _: unknown, ctx: RequestContext) => listApiClients(deps, ctx, w._id),
      // The workspace was already checked for the caller (getWorkspace: members only).
      sharedInterests: (w: WorkspaceDoc) => sharedInterestsOf(deps, w),
      members: async (w: WorkspaceDoc) => {
        const users = new Map((await deps.users.findByIds(w.members.map((m) => m.userId))).map((u) => [u._id, u]));
        return w.members.flatMap((m) => {
          const u = users.get(m.userId);
          // workspaceId: the audit entry of a read of members goes to this workspace's log.
          return u ? [{ userId: u._id, firstName: u.firstName, role: m.role, workspaceId: w._id }] : [];
        });
      },
    },
    AuthPayload: {
      policyAcknowledgementRequired: (p: AuthResult) => pendingPolicyVersion(deps, p.user),
    },
    PrivacyPolicyVersion: {
      publishedAt: (v: PolicyVersionDoc) => v.publishedAt.toISOString(),
      textEn: (v: PolicyVersionDoc) => v.text.en,
      textFr: (v: PolicyVersionDoc) => v.text.fr,
      summaryEn: (v: PolicyVersionDoc) => v.summary.en,
      summaryFr: (v: PolicyVersionDoc) => v.summary.fr,
    },
    AccessGrant: grants.AccessGrant,
    ApiClient: {
      id: (c: ApiClientDoc) => c._id,
      createdAt: (c: ApiClientDoc) => c.createdAt.toISOString(),
    },
  } as Resolvers;
}
