import { randomUUID } from 'node:crypto';
import { badInput, conflict, notFound, parseInput, requireWorkspace, retryOnRevision, REVISION_CHANGED, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { WorkspaceDoc } from '../model/workspace.schema.js';
import { issueToken, getUser } from './accounts.js';
import type { IdentityDeps } from './deps.js';

const createWorkspaceInput = z.object({ name: z.string().trim().min(1, 'name is required').max(100, 'name is at most 100 characters') });
const addMemberInput = z.object({
  workspaceId: z.uuid('workspaceId must be an id'),
  email: z.string().trim().toLowerCase().pipe(z.email('email must be a valid email address')),
  role: z.enum(['ADMIN', 'MEMBER']),
});

export async function createWorkspace(deps: IdentityDeps, userId: string, raw: unknown) {
  const input = parseInput(createWorkspaceInput, raw);
  const user = await getUser(deps, userId);
  const workspace: WorkspaceDoc = { _id: randomUUID(), name: input.name, createdAt: new Date(), members: [{ userId, role: 'ADMIN' }], rev: 0 };
  await deps.workspaces.insert(workspace);
  const { accessToken } = await issueToken(deps, user);
  return { workspace, accessToken };
}

export async function getWorkspace(deps: IdentityDeps, ctx: RequestContext, id: string): Promise<WorkspaceDoc> {
  requireWorkspace(ctx, id);
  const ws = await deps.workspaces.findById(id);
  if (!ws) throw notFound('The workspace');
  return ws;
}

export async function addMember(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<WorkspaceDoc> {
  const input = parseInput(addMemberInput, raw);
  requireWorkspace(ctx, input.workspaceId, 'ADMIN');
  const user = await deps.users.findByEmail(input.email);
  if (!user) throw badInput('No account uses this email: ask the person to register first.', { fields: [{ field: 'email', problem: 'unknown' }] });
  return retryOnRevision('The workspace changed while adding the member; try again.', async () => {
    const ws = await deps.workspaces.findById(input.workspaceId);
    if (!ws) throw notFound('The workspace');
    if (ws.members.some((m) => m.userId === user._id)) throw conflict('This user is already a member.');
    const members = [...ws.members, { userId: user._id, role: input.role }];
    if (await deps.workspaces.replaceMembers(ws._id, ws.rev, members)) return { ...ws, members, rev: ws.rev + 1 };
    return REVISION_CHANGED;
  });
}

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
