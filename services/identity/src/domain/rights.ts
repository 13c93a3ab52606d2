import type { RightsStrategies } from '@verbatim/kit';
import type { IdentityDeps } from './deps.js';
import { removeFromAllWorkspaces } from './workspaces.js';

/** Identity holds users only; requests about respondents are acknowledged with nothing to do. */
export function identityRightsStrategies(deps: IdentityDeps): RightsStrategies {
  return {
    async ERASURE(req) {
      if (req.subjectType !== 'USER') return [];
      const memberships = await removeFromAllWorkspaces(deps, req.subjectId);
      const users = await deps.users.deleteById(req.subjectId);
      return [
        { collection: 'workspaces', action: 'UPDATED', count: memberships },
        { collection: 'users', action: 'DELETED', count: users },
      ];
    },
    async RESTRICTION(req) {
      if (req.subjectType !== 'USER') return [];
      return [{ collection: 'users', action: 'RESTRICTED', count: await deps.users.setRestricted(req.subjectId, true) }];
    },
    async LIFT_RESTRICTION(req) {
      if (req.subjectType !== 'USER') return [];
      return [{ collection: 'users', action: 'RESUMED', count: await deps.users.setRestricted(req.subjectId, false) }];
    },
  };
}
