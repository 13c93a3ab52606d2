import { AppError } from '../errors.js';
import { requireCaller, requireWorkspace, requireWorkspaceScope, type AccessGrantClaim, type ApiScope, type Principal, type RequestContext, type WorkspaceRole } from './principal.js';

/** The stable code of a staff read refused for want of an active access grant to the workspace. */
export const ACCESS_GRANT_REQUIRED = 'ACCESS_GRANT_REQUIRED';

/** The grant that opens `workspaceId` to this staff principal now, or undefined. */
export function activeGrantFor(principal: Principal, workspaceId: string, now = Date.now()): AccessGrantClaim | undefined {
  const grant = principal.accessGrant;
  if (!grant || principal.client || !principal.platformRoles.length) return undefined;
  return grant.workspaceId === workspaceId && grant.endsAt > now ? grant : undefined;
}

/** Whether the principal reads this workspace as staff under a grant (not as one of its members). */
export const readsUnderGrant = (principal: Principal | null | undefined, workspaceId: string): AccessGrantClaim | undefined =>
  principal && !principal.workspaces[workspaceId] ? activeGrantFor(principal, workspaceId) : undefined;

export interface WorkspaceReadOptions {
  /** The role a member needs (ADMIN for the workspace's rights requests, holds, audit log); default MEMBER. */
  role?: WorkspaceRole;
  /** An API client of the workspace may read with this scope (members always may). */
  scope?: ApiScope;
}

/**
 * Reads of a workspace's personal data: its members (with `role`, or API clients with `scope`), or platform
 * staff whose token carries an active access grant to this workspace (need-to-know; whatever role the read
 * needs, a grant opens reads only: writes keep requireWorkspace). Staff without one, or with one expired,
 * revoked or of another workspace, get ACCESS_GRANT_REQUIRED; anyone else FORBIDDEN as before.
 */
export function requireWorkspaceRead(ctx: RequestContext, workspaceId: string, options: WorkspaceReadOptions = {}): Principal {
  const principal = requireCaller(ctx);
  if (principal.workspaces[workspaceId] || principal.client) {
    return options.scope ? requireWorkspaceScope(ctx, workspaceId, options.scope) : requireWorkspace(ctx, workspaceId, options.role);
  }
  if (activeGrantFor(principal, workspaceId)) return principal;
  if (principal.platformRoles.length) {
    const expired = principal.accessGrant?.workspaceId === workspaceId;
    throw new AppError(
      ACCESS_GRANT_REQUIRED,
      expired
        ? 'Your access grant to this workspace has ended: request a new one (requestAccessGrant), then a token for it (accessTokenForGrant).'
        : 'Staff read a workspace only under an active access grant: request one (requestAccessGrant), have a workspace ADMIN approve it, then ask for a token for it (accessTokenForGrant).',
      { workspaceId },
    );
  }
  return requireWorkspace(ctx, workspaceId, options.role);
}
