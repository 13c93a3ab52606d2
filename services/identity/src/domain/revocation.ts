import type { AccessRevoked } from '@verbatim/contracts';
import type { IdentityDeps } from './deps.js';

export type RevocationReason = AccessRevoked['reason'];

/** Clock skew verifiers allow (kit's clockTolerance) plus a margin, added to how long entries are kept. */
const UNTIL_MARGIN_MS = 60_000;

/**
 * Announces a revocation to every process of every service (identity.access-revoked.v1, through the
 * outbox of its own document, so it is never lost) and applies it to this process's deny list at once.
 */
async function revoke(deps: IdentityDeps, subjectId: string, target: AccessRevoked['target'], id: string, reason: RevocationReason): Promise<void> {
  const payload = revocationPayload(deps, target, id, reason);
  deps.denyList.add(payload);
  const docId = await deps.revocations.insert(subjectId, payload);
  deps.relay.kick({ model: deps.revocations.model, ids: [docId] });
}

/** What a revocation announces: tokens issued until now are refused until the last of them expires anyway. */
export function revocationPayload(deps: Pick<IdentityDeps, 'settings'>, target: AccessRevoked['target'], id: string, reason: RevocationReason): AccessRevoked {
  const now = Date.now();
  return {
    target,
    id,
    notBefore: new Date(now).toISOString(),
    until: new Date(now + deps.settings.TOKEN_TTL_SECONDS * 1000 + UNTIL_MARGIN_MS).toISOString(),
    reason,
  };
}

/** Every access token of one session is refused from now on (its refresh token is revoked in the database). */
export const revokeSessionTokens = (deps: IdentityDeps, userId: string, sessionId: string, reason: RevocationReason) =>
  revoke(deps, userId, 'SESSION', sessionId, reason);

/** Every access token of a user or API client issued until now is refused; newer ones are not. */
export const revokeSubjectTokens = (deps: IdentityDeps, subjectId: string, reason: RevocationReason) => revoke(deps, subjectId, 'SUBJECT', subjectId, reason);
