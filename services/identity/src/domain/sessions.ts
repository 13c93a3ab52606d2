import { randomUUID } from 'node:crypto';
import { AppError, forbidden, parseInput, unauthenticated, type Principal } from '@verbatim/kit';
import { z } from 'zod';
import type { UserDoc } from '../model/user.schema.js';
import type { IdentityDeps } from './deps.js';
import { revokeSessionTokens, revokeSubjectTokens } from './revocation.js';
import { newSecret, secretHash } from './secrets.js';
import { userTokenClaims } from './token-claims.js';

export interface AuthResult {
  accessToken: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
  user: UserDoc;
}

const refreshInput = z.object({ refreshToken: z.string().max(200) });

/** `<session id>.<secret>`: the id finds the session, the secret proves possession. */
const formatRefreshToken = (sessionId: string, secret: string) => `${sessionId}.${secret}`;
function parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { sessionId: match[1]!, secret: match[2]! } : null;
}

const invalidRefresh = () => unauthenticated('This refresh token is not valid (expired, revoked or unknown): log in again.');

export function refuseRestricted(user: UserDoc): void {
  if (user.restricted) throw new AppError('ACCOUNT_RESTRICTED', 'Processing of this account is restricted (GDPR Art. 18): contact the workspace admin or our DPO.');
}

/** An access token for a user's session, with their current workspaces (and `extra` claims, e.g. a staff access grant). */
export async function issueAccessToken(deps: IdentityDeps, userId: string, sessionId: string, extra: Record<string, unknown> = {}) {
  const { token, expiresAt } = await deps.keys.sign({ subject: userId, claims: { ...(await userTokenClaims(deps, userId)), ...extra }, sessionId });
  return { accessToken: token, expiresAt: expiresAt.toISOString() };
}

/** A new sign-in: a session (refresh-token family) and its first tokens. */
export async function startSession(deps: IdentityDeps, user: UserDoc): Promise<AuthResult> {
  const secret = newSecret();
  const now = new Date();
  const session = {
    _id: randomUUID(),
    userId: user._id,
    tokenHash: secretHash(secret),
    usedHashes: [],
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.settings.SESSION_TTL_SECONDS * 1000),
    revoked: false,
  };
  await deps.sessions.insert(session);
  return {
    ...(await issueAccessToken(deps, user._id, session._id)),
    refreshToken: formatRefreshToken(session._id, secret),
    refreshExpiresAt: session.expiresAt.toISOString(),
    user,
  };
}

/**
 * Rotates the refresh token. A secret that was already rotated away is a replay: someone holds a copy,
 * so the whole family is revoked (its access tokens too, everywhere) and REFRESH_TOKEN_REUSED answered.
 */
export async function refreshSession(deps: IdentityDeps, raw: unknown): Promise<AuthResult> {
  const parsed = parseRefreshToken(parseInput(refreshInput, raw).refreshToken);
  if (!parsed) throw invalidRefresh();
  const session = await deps.sessions.findById(parsed.sessionId);
  if (!session || session.revoked || session.expiresAt < new Date()) throw invalidRefresh();
  const presented = secretHash(parsed.secret);
  if (presented !== session.tokenHash) {
    if (session.usedHashes.includes(presented)) await reuseDetected(deps, session.userId, session._id);
    throw invalidRefresh();
  }
  const user = await deps.users.findById(session.userId);
  if (!user) throw invalidRefresh();
  refuseRestricted(user);
  const secret = newSecret();
  // Two refreshes with the same secret at once: one wins, the other is a replay.
  if (!(await deps.sessions.rotate(session, secretHash(secret)))) await reuseDetected(deps, session.userId, session._id);
  return {
    ...(await issueAccessToken(deps, user._id, session._id)),
    refreshToken: formatRefreshToken(session._id, secret),
    refreshExpiresAt: session.expiresAt.toISOString(),
    user,
  };
}

async function reuseDetected(deps: IdentityDeps, userId: string, sessionId: string): Promise<never> {
  await deps.sessions.revoke(sessionId, 'REFRESH_REUSE');
  await revokeSessionTokens(deps, userId, sessionId, 'REFRESH_REUSE');
  throw new AppError('REFRESH_TOKEN_REUSED', 'This refresh token was already used, so it may have been copied: the session is closed everywhere. Log in again.');
}

/** Ends the caller's own session: its refresh token and every access token it issued. */
export async function logout(deps: IdentityDeps, principal: Principal): Promise<boolean> {
  if (!principal.sessionId) throw forbidden('This token belongs to no session (an API client token): nothing to log out.');
  await deps.sessions.revoke(principal.sessionId, 'LOGOUT');
  await revokeSessionTokens(deps, principal.userId, principal.sessionId, 'LOGOUT');
  return true;
}

/** Ends every session of the user, on every device, and every access token issued so far. */
export async function logoutEverywhere(deps: IdentityDeps, userId: string, reason: 'LOGOUT_EVERYWHERE' | 'PASSWORD_CHANGED' | 'RESTRICTION' = 'LOGOUT_EVERYWHERE'): Promise<boolean> {
  await deps.sessions.revokeAllOf(userId, reason);
  await revokeSubjectTokens(deps, userId, reason);
  return true;
}
