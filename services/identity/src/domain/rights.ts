import type { RightsStrategies } from '@verbatim/kit';
import type { IdentityDeps } from './deps.js';
import { revokeSubjectTokens } from './revocation.js';
import { logoutEverywhere } from './sessions.js';
import { removeFromAllWorkspaces } from './workspaces.js';

/** Identity holds users only; requests about respondents are acknowledged with nothing to do. */
export function identityRightsStrategies(deps: IdentityDeps): RightsStrategies {
  return {
    async ERASURE(req) {
      if (req.subjectType !== 'USER') return [];
      const memberships = await removeFromAllWorkspaces(deps, req.subjectId);
      const sessions = await deps.sessions.deleteAllOf(req.subjectId);
      const links = await deps.accountTokens.deleteAllOf(req.subjectId);
      const users = await deps.users.deleteById(req.subjectId);
      // An erased user's tokens stop working everywhere now, not at their expiry.
      await revokeSubjectTokens(deps, req.subjectId, 'ERASURE');
      return [
        { collection: 'workspaces', action: 'UPDATED', count: memberships },
        { collection: 'sessions', action: 'DELETED', count: sessions },
        { collection: 'account_tokens', action: 'DELETED', count: links },
        { collection: 'users', action: 'DELETED', count: users },
      ];
    },
    async RESTRICTION(req) {
      if (req.subjectType !== 'USER') return [];
      const restricted = await deps.users.setRestricted(req.subjectId, true);
      // Signing in and refreshing are refused while restricted; current tokens end now.
      await logoutEverywhere(deps, req.subjectId, 'RESTRICTION');
      return [{ collection: 'users', action: 'RESTRICTED', count: restricted }];
    },
    async LIFT_RESTRICTION(req) {
      if (req.subjectType !== 'USER') return [];
      return [{ collection: 'users', action: 'RESUMED', count: await deps.users.setRestricted(req.subjectId, false) }];
    },
  };
}
