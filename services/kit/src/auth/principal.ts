import { AppError, forbidden, unauthenticated } from '../errors.js';

export type WorkspaceRole = 'ADMIN' | 'MEMBER';

/**
 * Roles of the platform's own staff, held on the account (not per workspace): SUPPORT answers Assistance
 * threads, DPO runs the privacy office (register, archive, rights queue), PLATFORM_ADMIN manages staff.
 * Staff still read a workspace's personal data only under an access grant (need-to-know).
 */
export const PLATFORM_ROLES = ['SUPPORT', 'DPO', 'PLATFORM_ADMIN'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** A partner's API client acting for one workspace, limited to its scopes (`datasets:write`, ...). */
export interface ClientGrant {
  clientId: string;
  scopes: readonly string[];
}

/**
 * The verified caller: a user and the workspaces they belonged to when the token was issued, or an API
 * client (then `userId` is the client id, `client` is set and its one workspace has the MEMBER role).
 */
export interface Principal {
  userId: string;
  workspaces: Readonly<Record<string, WorkspaceRole>>;
  /** The session (refresh-token family) the token belongs to; absent for API clients. */
  sessionId?: string | undefined;
  client?: ClientGrant | undefined;
  /** The platform staff roles the user held when the token was issued (`pr` claim); empty for everyone else. */
  platformRoles: readonly PlatformRole[];
  /** A substantial privacy-policy version the user has not acknowledged (`pa` claim): nothing else is open to them until they do. */
  policyVersionToAcknowledge?: number | undefined;
  /**
   * The staff access grant the token carries (`ag` claim), unless it was revoked: it lets a staff member read
   * one workspace's personal data until `endsAt` (see requireWorkspaceRead). Never set for API clients.
   */
  accessGrant?: AccessGrantClaim | undefined;
}

/** A time-limited, read-only access of platform staff to one workspace, approved by its ADMIN (or break-glass). */
export interface AccessGrantClaim {
  grantId: string;
  workspaceId: string;
  /** Milliseconds since the epoch; the grant opens nothing from then on, whatever the token's own expiry. */
  endsAt: number;
  /** Why the staff member needs the access (their words), carried into the audit entries of their reads. */
  reason: string;
}

/**
 * A client's customer who proved control of their email with a one-time code (identity's
 * verifyRespondentCode): they act only on themselves, in one workspace. Such a token is never a
 * Principal, so every check made for users and API clients refuses it (UNAUTHENTICATED).
 */
export interface RespondentPrincipal {
  /** The respondent the verified email names in the workspace (an id no one holds when the email is unknown there). */
  respondentId: string;
  workspaceId: string;
}

/** Per-request context every subgraph resolver receives. */
export interface RequestContext {
  principal: Principal | null;
  /** Set instead of principal for a respondent's session token. */
  respondent?: RespondentPrincipal | null | undefined;
  /** Why the presented token was rejected, reported when a resolver needs a user. */
  authProblem: string | null;
  /** The caller's network address as the gateway saw it (x-client-address), for per-address limits. */
  clientAddress?: string | undefined;
}

/** Any authenticated caller, a person or an API client, who has acknowledged the privacy policy in force. */
export function requireCaller(ctx: RequestContext): Principal {
  if (!ctx.principal) throw unauthenticated(ctx.authProblem ?? undefined);
  const version = ctx.principal.policyVersionToAcknowledge;
  if (version !== undefined) {
    throw new AppError('POLICY_ACKNOWLEDGEMENT_REQUIRED', `Version ${version} of the privacy policy changed substantially: read it (privacyPolicy) and acknowledge it (acknowledgePrivacyPolicy) to go on.`, { version });
  }
  return ctx.principal;
}

/** A signed-in person, even one who still has to acknowledge the policy: for reading it, acknowledging it, signing out. */
export function requireUserAwaitingPolicy(ctx: RequestContext): Principal {
  if (!ctx.principal) throw unauthenticated(ctx.authProblem ?? undefined);
  if (ctx.principal.client) throw forbidden('API clients cannot do this: it needs a signed-in user.');
  return ctx.principal;
}

/** A respondent's session (see RespondentPrincipal); users and API clients are refused. */
export function requireRespondent(ctx: RequestContext): RespondentPrincipal {
  if (ctx.respondent) return ctx.respondent;
  if (ctx.principal) throw forbidden('Only a respondent who verified their email on the workspace\'s privacy page may do this.');
  throw unauthenticated(ctx.authProblem ?? 'Verify your email on the workspace\'s privacy page first (requestRespondentCode, then verifyRespondentCode).');
}

/** A signed-in person: API clients act on workspaces only, never as an account. */
export function requireUser(ctx: RequestContext): Principal {
  const principal = requireCaller(ctx);
  if (principal.client) throw forbidden('API clients cannot do this: it needs a signed-in user.');
  return principal;
}

/**
 * Tenant isolation: every read or write names its workspace and passes through here. ADMIN satisfies
 * MEMBER; a workspace the caller does not belong to is refused with FORBIDDEN. API clients are refused
 * here: an operation open to partners says so with requireWorkspaceScope.
 */
export function requireWorkspace(ctx: RequestContext, workspaceId: string, role: WorkspaceRole = 'MEMBER'): Principal {
  const principal = requireUser(ctx);
  return checkRole(principal, workspaceId, role);
}

/** A member of the workspace, or an API client of it that was granted `scope`. */
export function requireWorkspaceScope(ctx: RequestContext, workspaceId: string, scope: ApiScope): Principal {
  const principal = requireCaller(ctx);
  if (principal.client && !principal.client.scopes.includes(scope)) {
    throw forbidden(`This API client lacks the scope ${scope}: ask a workspace admin to grant it, then request a new token.`);
  }
  return checkRole(principal, workspaceId, 'MEMBER');
}

/** A signed-in member of the platform's staff holding `role`. */
export function requirePlatformRole(ctx: RequestContext, role: PlatformRole): Principal {
  const principal = requireUser(ctx);
  if (!principal.platformRoles.includes(role)) throw forbidden(`Only platform staff with the ${role} role may do this.`);
  return principal;
}

function checkRole(principal: Principal, workspaceId: string, role: WorkspaceRole): Principal {
  const held = principal.workspaces[workspaceId];
  if (!held) throw forbidden('You are not a member of this workspace.');
  if (role === 'ADMIN' && held !== 'ADMIN') throw forbidden('Only workspace admins may do this.');
  return principal;
}

/** What a workspace admin may grant a partner's API client; tokens carry them space-separated in `scope`. */
export const API_SCOPES = ['datasets:read', 'datasets:write', 'reports:read', 'rights:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];
