import { createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTVerifyGetKey, type JWTPayload } from 'jose';
import type { DenyList } from './deny-list.js';
import { PLATFORM_ROLES, type AccessGrantClaim, type PlatformRole, type Principal, type RequestContext, type RespondentPrincipal, type WorkspaceRole } from './principal.js';

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

/** A respondent's session token (typ respondent+jwt): `sub` is the respondent, `rsp` their workspace; no `ws`. */
export interface RespondentTokenClaims extends JWTPayload {
  sub: string;
  rsp: string;
}

/** The JOSE typ of a respondent's session token; a user's access token is at+jwt. */
export const RESPONDENT_TOKEN_TYPE = 'respondent+jwt';

export type VerifiedCaller = { principal: Principal; respondent: null } | { principal: null; respondent: RespondentPrincipal };

export interface TokenVerifier {
  /** A user's or API client's token; a respondent's session token is refused. */
  verify(token: string): Promise<Principal>;
  /** Any token identity issues: a user's or client's, or a respondent's session. */
  verifyCaller(token: string): Promise<VerifiedCaller>;
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

function toRespondent(payload: JWTPayload): RespondentPrincipal {
  const claims = payload as Partial<RespondentTokenClaims>;
  // A respondent token never carries workspace roles: it must not pass for a user's token anywhere.
  if (typeof payload.sub !== 'string' || typeof claims.rsp !== 'string' || 'ws' in payload) throw new Error('respondent token lacks sub or rsp');
  return { respondentId: payload.sub, workspaceId: claims.rsp };
}

/**
 * Verifies EdDSA access tokens; keys come from identity's JWKS (cached, refetched on an unknown kid).
 * With a deny list, a revoked token is refused although its signature and expiry are fine.
 */
export function createTokenVerifier(keys: JWTVerifyGetKey, settings: TokenSettings, denyList?: DenyList): TokenVerifier {
  const verifyCaller = async (token: string): Promise<VerifiedCaller> => {
    const { payload, protectedHeader } = await jwtVerify(token, keys, {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: ['EdDSA'],
      clockTolerance: 5,
    });
    if (protectedHeader.typ === RESPONDENT_TOKEN_TYPE) {
      const respondent = toRespondent(payload);
      if (denyList?.check({ sub: respondent.respondentId, iat: payload.iat ?? 0 })) throw new RevokedToken();
      return { principal: null, respondent };
    }
    const principal = toPrincipal(payload);
    if (denyList?.check({ sub: principal.userId, sid: principal.sessionId, iat: payload.iat ?? 0 })) throw new RevokedToken();
    // A revoked grant closes only what it opened: the token goes on serving its holder's own access.
    if (principal.accessGrant && denyList?.grantRevoked(principal.accessGrant.grantId)) delete principal.accessGrant;
    return { principal, respondent: null };
  };
  return {
    verifyCaller,
    async verify(token) {
      const caller = await verifyCaller(token);
      if (!caller.principal) throw new Error('a respondent session token is not a user token');
      return caller.principal;
    },
    async context(authorization) {
      if (!authorization) return { principal: null, authProblem: null };
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) return { principal: null, authProblem: 'The Authorization header must be "Bearer <token>".' };
      try {
        const caller = await verifyCaller(match[1]!);
        return caller.respondent ? { principal: null, respondent: caller.respondent, authProblem: null } : { principal: caller.principal, authProblem: null };
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
