import { randomUUID } from 'node:crypto';
import { AppError, badInput, conflict, forbidden, notFound, parseInput, requireUser, requireWorkspace, requireWorkspaceRead, retryOnRevision, REVISION_CHANGED, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { MemberDoc, WorkspaceDoc } from '../model/workspace.schema.js';
import { mayReceiveOptionalMail } from './optional-mail.js';
import { consumeLink, createLink, LINK_TTL_MS, MAIL_LOCALE, readLink } from './account-links.js';
import { getUser } from './accounts.js';
import type { IdentityDeps } from './deps.js';
import { revokeSubjectTokens, type RevocationReason } from './revocation.js';
import { issueAccessToken } from './sessions.js';

const workspaceId = z.uuid('workspaceId must be an id');
const role = z.enum(['ADMIN', 'MEMBER']);
const createWorkspaceInput = z.object({ name: z.string().trim().min(1, 'name is required').max(100, 'name is at most 100 characters') });
const addMemberInput = z.object({ workspaceId, email: z.string().trim().toLowerCase().pipe(z.email('email must be a valid email address')), role });
const inviteInput = addMemberInput;
const acceptInput = z.object({ token: z.string().min(1, 'token is required').max(200) });
const removeInput = z.object({ workspaceId, userId: z.uuid('userId must be an id') });
const changeRoleInput = z.object({ workspaceId, userId: z.uuid('userId must be an id'), role });

/** A fresh access token for the caller's session, listing their workspaces as they are now. */
async function freshToken(deps: IdentityDeps, ctx: RequestContext): Promise<string | null> {
  const principal = requireUser(ctx);
  return principal.sessionId ? (await issueAccessToken(deps, principal.userId, principal.sessionId)).accessToken : null;
}

export async function createWorkspace(deps: IdentityDeps, ctx: RequestContext, raw: unknown) {
  const input = parseInput(createWorkspaceInput, raw);
  const userId = requireUser(ctx).userId;
  await getUser(deps, userId);
  const workspace: WorkspaceDoc = { _id: randomUUID(), name: input.name, createdAt: new Date(), members: [{ userId, role: 'ADMIN' }], rev: 0 };
  await deps.workspaces.insert(workspace);
  return { workspace, accessToken: await freshToken(deps, ctx) };
}

export async function getWorkspace(deps: IdentityDeps, ctx: RequestContext, id: string): Promise<WorkspaceDoc> {
  requireWorkspaceRead(ctx, id);
  const ws = await deps.workspaces.findById(id);
  if (!ws) throw notFound('The workspace');
  return ws;
}

/** Read, change, write if nobody changed the members meanwhile (else read again). */
function changeMembers(deps: IdentityDeps, id: string, change: (ws: WorkspaceDoc) => MemberDoc[]): Promise<WorkspaceDoc> {
  return retryOnRevision('The workspace changed while updating its members; try again.', async () => {
    const ws = await deps.workspaces.findById(id);
    if (!ws) throw notFound('The workspace');
    const members = change(ws);
    if (await deps.workspaces.replaceMembers(ws._id, ws.rev, members)) return { ...ws, members, rev: ws.rev + 1 };
    return REVISION_CHANGED;
  });
}

const lastAdmin = () => new AppError('LAST_ADMIN', 'A workspace must keep at least one ADMIN: make another member ADMIN first.');
const keepsAnAdmin = (members: MemberDoc[]) => members.some((m) => m.role === 'ADMIN');

export async function addMember(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<WorkspaceDoc> {
  const input = parseInput(addMemberInput, raw);
  requireWorkspace(ctx, input.workspaceId, 'ADMIN');
  const user = await deps.users.findByEmail(input.email);
  if (!user) throw badInput('No account uses this email: ask the person to register first.', { fields: [{ field: 'email', problem: 'unknown' }] });
  return changeMembers(deps, input.workspaceId, (ws) => {
    if (ws.members.some((m) => m.userId === user._id)) throw conflict('This user is already a member.');
    return [...ws.members, { userId: user._id, role: input.role }];
  });
}

/** Mails a single-use invitation; whether an account uses the address is not revealed. */
export async function inviteMember(deps: IdentityDeps, ctx: RequestContext, raw: unknown) {
  const input = parseInput(inviteInput, raw);
  const admin = requireWorkspace(ctx, input.workspaceId, 'ADMIN');
  const ws = await getWorkspace(deps, ctx, input.workspaceId);
  const inviter = await getUser(deps, admin.userId);
  const invitationUrl = await createLink(deps, { purpose: 'INVITATION', email: input.email, workspaceId: ws._id, role: input.role, invitedBy: admin.userId });
  // An invitation is not mail the law requires: none to an account that is restricted or objects to
  // COMMUNICATION. The answer is the same, so the inviter learns nothing about the account.
  if (!mayReceiveOptionalMail(await deps.users.findByEmail(input.email))) {
    return { email: input.email, role: input.role, expiresAt: new Date(Date.now() + LINK_TTL_MS.INVITATION).toISOString() };
  }
  await deps.mailer.enqueueMail({
    templateId: 'workspace-invitation',
    locale: MAIL_LOCALE,
    to: input.email,
    variables: { inviterFirstName: inviter.firstName, workspaceName: ws.name, invitationUrl, expiresInDays: LINK_TTL_MS.INVITATION / 86_400_000 },
  });
  return { email: input.email, role: input.role, expiresAt: new Date(Date.now() + LINK_TTL_MS.INVITATION).toISOString() };
}

/** Only the invited address may accept: the signed-in user's email must be the one the link went to. */
export async function acceptInvitation(deps: IdentityDeps, ctx: RequestContext, raw: unknown) {
  const token = parseInput(acceptInput, raw).token;
  const user = await getUser(deps, requireUser(ctx).userId);
  const invitation = await readLink(deps, 'INVITATION', token);
  if (invitation.email !== user.email) throw forbidden('This invitation was sent to another address: sign in with the account of that address.');
  await consumeLink(deps, 'INVITATION', token);
  const workspace = await changeMembers(deps, invitation.workspaceId!, (ws) => {
    if (ws.members.some((m) => m.userId === user._id)) throw conflict('You are already a member of this workspace.');
    return [...ws.members, { userId: user._id, role: invitation.role ?? 'MEMBER' }];
  });
  return { workspace, accessToken: await freshToken(deps, ctx) };
}

/** An ADMIN removes anyone, a member removes themself; the last ADMIN stays. Their tokens stop at once. */
export async function removeMember(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<WorkspaceDoc> {
  const input = parseInput(removeInput, raw);
  const caller = requireWorkspace(ctx, input.workspaceId);
  if (caller.userId !== input.userId) requireWorkspace(ctx, input.workspaceId, 'ADMIN');
  const ws = await changeMembers(deps, input.workspaceId, (current) => {
    if (!current.members.some((m) => m.userId === input.userId)) throw notFound('The member');
    const members = current.members.filter((m) => m.userId !== input.userId);
    if (!keepsAnAdmin(members)) throw lastAdmin();
    return members;
  });
  await endAccessTokens(deps, input.userId, 'MEMBER_REMOVED');
  return ws;
}

export async function changeMemberRole(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<WorkspaceDoc> {
  const input = parseInput(changeRoleInput, raw);
  requireWorkspace(ctx, input.workspaceId, 'ADMIN');
  const ws = await changeMembers(deps, input.workspaceId, (current) => {
    if (!current.members.some((m) => m.userId === input.userId)) throw notFound('The member');
    const members = current.members.map((m) => (m.userId === input.userId ? { ...m, role: input.role } : m));
    if (!keepsAnAdmin(members)) throw lastAdmin();
    return members;
  });
  await endAccessTokens(deps, input.userId, 'ROLE_CHANGED');
  return ws;
}

/**
 * Access tokens list workspace roles, so the member's current ones are refused everywhere; their
 * sessions stay, and a refresh gives a token with the new roles.
 */
const endAccessTokens = (deps: IdentityDeps, userId: string, reason: RevocationReason) => revokeSubjectTokens(deps, userId, reason);

/**
 * Removes a user from every workspace (erasure); returns how many workspaces changed. A workspace that
 * keeps changing throws RevisionConflictError: the erasure is then not acknowledged, and the bus
 * redelivers it, rather than reporting DONE while the user is still a member.
 */
export async function removeFromAllWorkspaces(deps: IdentityDeps, userId: string): Promise<number> {
  let changed = 0;
  for (const ws of await deps.workspaces.findByMember(userId)) {
    const removed = await retryOnRevision(`workspace ${ws._id} kept changing while removing a member; the erasure will be retried`, async () => {
      const current = await deps.workspaces.findById(ws._id);
      // Deleted meanwhile, or the user already left: nothing of theirs is left to remove here.
      if (!current || !current.members.some((m) => m.userId === userId)) return false;
      const members = current.members.filter((m) => m.userId !== userId);
      return (await deps.workspaces.replaceMembers(current._id, current.rev, members)) || REVISION_CHANGED;
    });
    if (removed) changed++;
  }
  return changed;
}
