import { createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTVerifyGetKey, type JWTPayload } from 'jose';
import type { Principal, RequestContext, WorkspaceRole } from './principal.js';

export interface TokenSettings {
  issuer: string;
  audience: string;
}

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  ws: Record<string, WorkspaceRole>;
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
  /** Builds the request context from an Authorization header; never throws. */
  context(authorization: string | undefined): Promise<RequestContext>;
}

function toPrincipal(payload: JWTPayload): Principal {
  const ws = (payload as Partial<AccessTokenClaims>).ws;
  if (typeof payload.sub !== 'string' || typeof ws !== 'object' || ws === null) throw new Error('token lacks sub or ws');
  const workspaces: Record<string, WorkspaceRole> = {};
  for (const [id, role] of Object.entries(ws)) if (role === 'ADMIN' || role === 'MEMBER') workspaces[id] = role;
  return { userId: payload.sub, workspaces };
}

/** Verifies EdDSA access tokens; keys come from identity's JWKS (cached, refetched on an unknown kid). */
export function createTokenVerifier(keys: JWTVerifyGetKey, settings: TokenSettings): TokenVerifier {
  const verify = async (token: string) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: ['EdDSA'],
      clockTolerance: 5,
    });
    return toPrincipal(payload);
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
        const expired = err instanceof joseErrors.JWTExpired;
        return {
          principal: null,
          authProblem: expired ? 'Your access token has expired: log in again.' : 'Your access token is not valid: log in again.',
        };
      }
    },
  };
}

export function remoteKeys(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 5_000, cacheMaxAge: 10 * 60_000 });
}
