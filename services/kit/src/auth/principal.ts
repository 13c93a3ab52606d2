import { forbidden, unauthenticated } from '../errors.js';

export type WorkspaceRole = 'ADMIN' | 'MEMBER';

/** The verified caller: a user and the workspaces they belonged to when the token was issued. */
export interface Principal {
  userId: string;
  workspaces: Readonly<Record<string, WorkspaceRole>>;
}

/** Per-request context every subgraph resolver receives. */
export interface RequestContext {
  principal: Principal | null;
  /** Why the presented token was rejected, reported when a resolver needs a user. */
  authProblem: string | null;
}

export function requireUser(ctx: RequestContext): Principal {
  if (!ctx.principal) throw unauthenticated(ctx.authProblem ?? undefined);
  return ctx.principal;
}

/**
 * Tenant isolation: every read or write names its workspace and passes through here. ADMIN satisfies
 * MEMBER; a workspace the caller does not belong to is refused with FORBIDDEN.
 */
export function requireWorkspace(ctx: RequestContext, workspaceId: string, role: WorkspaceRole = 'MEMBER'): Principal {
  const principal = requireUser(ctx);
  const held = principal.workspaces[workspaceId];
  if (!held) throw forbidden('You are not a member of this workspace.');
  if (role === 'ADMIN' && held !== 'ADMIN') throw forbidden('Only workspace admins may do this.');
  return principal;
}
