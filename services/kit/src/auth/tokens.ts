import { createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTVerifyGetKey, type JWTPayload } from 'jose';
import type { DenyList } from './deny-list.js';
import { PLATFORM_ROLES, type AccessGrantClaim, type PlatformRole, type Principal, type RequestContext, type WorkspaceRole } from './principal.js';

export interface TokenSettings {
  issuer: string;
  audience: string;
}

/** A user's access token: `sid` names its session; `iat` has milliseconds. */
export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  ws: Record<string, WorkspaceRole>;
  sid?: string;
  /** API client tokens (RFC 9068 style): the client, and its granted scopes space-separated. */
  client_id?: string;
  scope?: string;
  /** Platform staff roles of the user (absent for everyone else and for API clients). */
  pr?: PlatformRole[];
  /** A substantial privacy-policy version the user must acknowledge before anything else. */
  pa?: number;
  /** A staff access grant: its id, workspace, end (seconds since the epoch) and reason (identity's accessTokenForGrant). */
  ag?: { id: string; ws: string; end: number; why: string };
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
  /** Builds the request context from an Authorization header; never throws. */
  context(authorization: string | undefined): Promise<RequestContext>;
}

class RevokedToken extends Error {}

function grantOf(claim: unknown): AccessGrantClaim | undefined {
  if (!claim || typeof claim !== 'object') return undefined;
  const { id, ws, end, why } = claim as Record<string, unknown>;
  if (typeof id !== 'string' || typeof ws !== 'string' || typeof end !== 'number' || typeof why !== 'string') return undefined;
  return { grantId: id, workspaceId: ws, endsAt: end * 1000, reason: why };
}

function toPrincipal(payload: JWTPayload): Principal {
  const claims = payload as Partial<AccessTokenClaims>;
  const ws = claims.ws;
  if (typeof payload.sub !== 'string' || typeof ws !== 'object' || ws === null) throw new Error('token lacks sub or ws');
  const workspaces: Record<string, WorkspaceRole> = {};
  for (const [id, role] of Object.entries(ws)) if (role === 'ADMIN' || role === 'MEMBER') workspaces[id] = role;
  const platformRoles = Array.isArray(claims.pr) ? claims.pr.filter((r): r is PlatformRole => (PLATFORM_ROLES as readonly string[]).includes(r)) : [];
  const principal: Principal = { userId: payload.sub, workspaces, platformRoles };
  if (typeof claims.sid === 'string') principal.sessionId = claims.sid;
  if (typeof claims.pa === 'number') principal.policyVersionToAcknowledge = claims.pa;
  const grant = grantOf(claims.ag);
  if (grant && platformRoles.length) principal.accessGrant = grant;
  if (typeof claims.client_id === 'string') {
    // A client never holds ADMIN or a staff role, whatever a token says.
    for (const id of Object.keys(workspaces)) workspaces[id] = 'MEMBER';
    principal.platformRoles = [];
    delete principal.accessGrant;
    principal.client = { clientId: claims.client_id, scopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [] };
  }
  return principal;
}

/**
 * Verifies EdDSA access tokens; keys come from identity's JWKS (cached, refetched on an unknown kid).
 * With a deny list, a revoked token is refused although its signature and expiry are fine.
 */
export function createTokenVerifier(keys: JWTVerifyGetKey, settings: TokenSettings, denyList?: DenyList): TokenVerifier {
  const verify = async (token: string) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: ['EdDSA'],
      clockTolerance: 5,
    });
    const principal = toPrincipal(payload);
    if (denyList?.check({ sub: principal.userId, sid: principal.sessionId, iat: payload.iat ?? 0 })) throw new RevokedToken();
    // A revoked grant closes only what it opened: the token goes on serving its holder's own access.
    if (principal.accessGrant && denyList?.grantRevoked(principal.accessGrant.grantId)) delete principal.accessGrant;
    return principal;
  };
  return {
    verify,
    async context(authorization) {
      if (!authorization) return { principal: null, authProblem: null };
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) return { principal: null, authProblem: 'The Authorization header must be "Bearer <token>".' };
      try {
        return { principal: await verify(match[1]!), authProblem: null };
      } catch (err) {
        const problem =
          err instanceof RevokedToken
            ? 'Your session has ended (logged out, or your access changed): sign in again or refresh your session.'
            : err instanceof joseErrors.JWTExpired
              ? 'Your access token has expired: refresh your session or log in again.'
              : 'Your access token is not valid: log in again.';
        return { principal: null, authProblem: problem };
      }
    },
  };
}

export function remoteKeys(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 5_000, cacheMaxAge: 10 * 60_000 });
}
