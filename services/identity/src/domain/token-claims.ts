import { pendingPolicyVersion } from './privacy-policy.js';
import type { WorkspaceRole } from '@verbatim/kit';
import type { IdentityDeps } from './deps.js';

export async function workspaceRoles(deps: IdentityDeps, userId: string): Promise<Record<string, WorkspaceRole>> {
  const roles: Record<string, WorkspaceRole> = {};
  for (const ws of await deps.workspaces.findByMember(userId)) {
    const m = ws.members.find((x) => x.userId === userId);
    if (m) roles[ws._id] = m.role;
  }
  return roles;
}

/**
 * The claims of a user's access token besides sub, sid and the standard ones: the one place that says
 * what a token tells the other services about its user (add a claim here, nowhere else).
 */
export async function userTokenClaims(deps: IdentityDeps, userId: string): Promise<Record<string, unknown>> {
  const user = await deps.users.findById(userId);
  const claims: Record<string, unknown> = { ws: await workspaceRoles(deps, userId) };
  if (user?.platformRoles?.length) claims['pr'] = user.platformRoles;
  const pending = user ? await pendingPolicyVersion(deps, user) : null;
  if (pending) claims['pa'] = pending.version;
  return claims;
}
