import { accessStrategy, type EventBus, type RightsCoverage, type RightsStrategies } from '@verbatim/kit';
import { MAIL_LOCALE } from './account-links.js';
import type { IdentityDeps } from './deps.js';
import { revokeSubjectTokens } from './revocation.js';
import { logoutEverywhere } from './sessions.js';
import { removeFromAllWorkspaces } from './workspaces.js';

/** Identity holds users, and of respondents only the one-time codes of their workspace's privacy page. */
export function identityRightsStrategies(deps: IdentityDeps, bus: Pick<EventBus, 'publish'>): RightsStrategies {
  return {
    ACCESS: accessStrategy({
      service: 'identity',
      bus,
      finders: {
        USER: {
          async users(req) {
            const user = await deps.users.findById(req.subjectId);
            // The hash would only help someone guess the password: its existence is stated, not its value.
            return user ? [{ ...user, passwordHash: 'An Argon2id hash of your password is stored; it is not disclosed.' }] : [];
          },
          // Only the subject's own membership of each workspace: the other members are other people.
          workspaces: async (req) =>
            (await deps.workspaces.findByMember(req.subjectId)).map((w) => ({ _id: w._id, members: { role: w.members.find((m) => m.userId === req.subjectId)?.role } })),
          privacy_policy_notices: async (req) => deps.policies.noticesOfUser(req.subjectId),
        },
        // The codes a respondent was mailed on their workspace's privacy page: digests and hashes, stated as such.
        RESPONDENT: {
          respondent_codes: async (req) =>
            (await deps.codes.findOfRespondent(req.subjectId)).map((c) => ({ ...c, codeHash: 'A SHA-256 hash of the code is stored; the code itself never is.' })),
        },
      },
    }),
    async RECTIFICATION(req) {
      const firstName = req.correction?.firstName;
      if (req.subjectType !== 'USER' || !firstName) return [];
      return [{ collection: 'users', action: 'UPDATED', count: await deps.users.setFirstName(req.subjectId, firstName) }];
    },
    async ERASURE(req) {
      if (req.subjectType === 'RESPONDENT') return [{ collection: 'respondent_codes', action: 'DELETED', count: await deps.codes.deleteOfRespondent(req.subjectId) }];
      if (req.subjectType !== 'USER') return [];
      const memberships = await removeFromAllWorkspaces(deps, req.subjectId);
      const sessions = await deps.sessions.deleteAllOf(req.subjectId);
      const links = await deps.accountTokens.deleteAllOf(req.subjectId);
      const notices = await deps.policies.deleteNoticesOf(req.subjectId);
      const users = await deps.users.deleteById(req.subjectId);
      // An erased user's tokens stop working everywhere now, not at their expiry.
      await revokeSubjectTokens(deps, req.subjectId, 'ERASURE');
      return [
        { collection: 'workspaces', action: 'UPDATED', count: memberships },
        { collection: 'sessions', action: 'DELETED', count: sessions },
        { collection: 'account_tokens', action: 'DELETED', count: links },
        { collection: 'privacy_policy_notices', action: 'DELETED', count: notices },
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
    // COMMUNICATION is the only purpose identity serves on legitimate interest (invitation mail).
    async OBJECTION(req) {
      const purposes = (req.objection?.purposes ?? []).filter((p) => p === 'COMMUNICATION');
      if (req.subjectType !== 'USER' || !purposes.length) return [];
      return [{ collection: 'users', action: 'UPDATED', count: await deps.users.setObjections(req.subjectId, purposes, !req.objection!.overridden) }];
    },
    /**
     * Art. 18(3): the notice is queued before the flag is cleared (identity is the only holder that
     * restricts a user's processing), and only while the user is still restricted, so a redelivered
     * request that already lifted it mails nothing more.
     */
    async LIFT_RESTRICTION(req) {
      if (req.subjectType !== 'USER') return [];
      const user = await deps.users.findById(req.subjectId);
      if (!user?.restricted) return [{ collection: 'users', action: 'RESUMED', count: 0 }];
      await deps.mailer.enqueueMail({ templateId: 'restriction-lifting', locale: MAIL_LOCALE, to: user.email, variables: { firstName: user.firstName } });
      return [{ collection: 'users', action: 'RESUMED', count: await deps.users.setRestricted(req.subjectId, false) }];
    },
  };
}

/** The data-map fields these strategies handle, per right (checked by test/data-map-coverage.spec.ts). */
export const identityRightsCoverage: RightsCoverage = {
  ACCESS: ['users.firstName', 'users.email', 'users.createdAt', 'users.restricted', 'users.passwordHash', 'users.objections', 'users.policyAcceptance', 'workspaces.members.role', 'privacy_policy_notices.userId', 'respondent_codes.emailDigest', 'respondent_codes.respondentId', 'respondent_codes.codeHash'],
  RECTIFICATION: ['users.firstName'],
  ERASURE: ['users.firstName', 'users.email', 'users.createdAt', 'users.restricted', 'users.passwordHash', 'users.objections', 'users.policyAcceptance', 'workspaces.members.role', 'privacy_policy_notices.userId', 'respondent_codes.emailDigest', 'respondent_codes.respondentId', 'respondent_codes.codeHash'],
};
