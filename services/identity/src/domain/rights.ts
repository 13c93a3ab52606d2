import type { RightsRequestOpened } from '@verbatim/contracts';
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
          // Portability (Art. 20) carries what the user provided: their own messages, not staff replies.
          assistance_threads: async (req) =>
            (await deps.assistance.findByUser(req.subjectId)).map((t) => (req.kind === 'PORTABILITY' ? { ...t, messages: t.messages.filter((m) => m.from === 'USER') } : t)),
          interests: async (req) => deps.interests.findOfUser(req.subjectId),
          // The grants the person asked for as staff, or decided or revoked as a workspace ADMIN.
          access_grants: async (req) => deps.accessGrants.naming(req.subjectId),
        },
        // The codes a respondent was mailed on their workspace's privacy page: digests and hashes, stated as such.
        RESPONDENT: {
          respondent_codes: async (req) =>
            (await deps.codes.findOfRespondent(req.subjectId)).map((c) => ({ ...c, codeHash: 'A SHA-256 hash of the code is stored; the code itself never is.' })),
        },
      },
    }),
    /**
     * The first name and interests are corrected; Assistance messages are a record of what was said and are
     * not rewritten (STATEMENT: rights attaches the person's supplementary statement instead).
     */
    async RECTIFICATION(req) {
      const firstName = req.correction?.firstName;
      const interests = req.correction?.interests ?? [];
      if (req.subjectType !== 'USER') return [];
      const counts = [];
      if (firstName) counts.push({ collection: 'users', action: 'UPDATED' as const, count: await deps.users.setFirstName(req.subjectId, firstName) });
      if (interests.length) counts.push({ collection: 'interests', action: 'UPDATED' as const, count: await correctInterests(deps, req.subjectId, interests) });
      return counts;
    },
    async ERASURE(req) {
      if (req.subjectType === 'RESPONDENT') return [{ collection: 'respondent_codes', action: 'DELETED', count: await deps.codes.deleteOfRespondent(req.subjectId) }];
      if (req.subjectType !== 'USER') return [];
      const memberships = await removeFromAllWorkspaces(deps, req.subjectId);
      const sessions = await deps.sessions.deleteAllOf(req.subjectId);
      const links = await deps.accountTokens.deleteAllOf(req.subjectId);
      const notices = await deps.policies.deleteNoticesOf(req.subjectId);
      const threads = await deps.assistance.deleteAllOf(req.subjectId);
      const interests = await deps.interests.deleteAllOf(req.subjectId);
      // The audit log (rights) keeps the proof of each grant's steps and reads, naming the person by digest.
      const grants = await deps.accessGrants.deleteOfStaff(req.subjectId);
      const decided = await deps.accessGrants.forgetDecider(req.subjectId);
      const users = await deps.users.deleteById(req.subjectId);
      // An erased user's tokens stop working everywhere now, not at their expiry.
      await revokeSubjectTokens(deps, req.subjectId, 'ERASURE');
      return [
        { collection: 'workspaces', action: 'UPDATED', count: memberships },
        { collection: 'sessions', action: 'DELETED', count: sessions },
        { collection: 'account_tokens', action: 'DELETED', count: links },
        { collection: 'privacy_policy_notices', action: 'DELETED', count: notices },
        { collection: 'assistance_threads', action: 'DELETED', count: threads },
        { collection: 'interests', action: 'DELETED', count: interests },
        { collection: 'access_grants', action: 'DELETED', count: grants },
        { collection: 'access_grants', action: 'UPDATED', count: decided },
        { collection: 'users', action: 'DELETED', count: users },
      ];
    },
    async RESTRICTION(req) {
      if (req.subjectType !== 'USER') return [];
      const restricted = await deps.users.setRestricted(req.subjectId, true);
      // Kept, not processed: the threads leave the support queue and get no reply; shared interests are
      // no longer shown (sharedInterestsOf reads the user's flag). Threads first, so no reply slips in.
      const threads = await deps.assistance.setRestrictedOf(req.subjectId, true);
      // Signing in and refreshing are refused while restricted; current tokens end now.
      await logoutEverywhere(deps, req.subjectId, 'RESTRICTION');
      return [
        { collection: 'users', action: 'RESTRICTED', count: restricted },
        { collection: 'assistance_threads', action: 'RESTRICTED', count: threads },
      ];
    },
    // COMMUNICATION is the only purpose identity serves on legitimate interest (invitation and Assistance reply mail).
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
      const threads = await deps.assistance.setRestrictedOf(req.subjectId, false);
      return [
        { collection: 'assistance_threads', action: 'RESUMED', count: threads },
        { collection: 'users', action: 'RESUMED', count: await deps.users.setRestricted(req.subjectId, false) },
      ];
    },
  };
}

/** Applies each corrected interest of the subject's own (another user's id changes nothing); returns how many changed. */
async function correctInterests(deps: IdentityDeps, userId: string, corrections: NonNullable<NonNullable<RightsRequestOpened['correction']>['interests']>): Promise<number> {
  let changed = 0;
  const at = new Date();
  for (const { interestId, theme, note } of corrections) {
    const set = { ...(theme ? { theme } : {}), ...(note !== undefined ? { note: note || null } : {}) };
    if (await deps.interests.updateOwn(userId, interestId, set, at)) changed++;
  }
  return changed;
}

const ASSISTANCE_FIELDS = [
  'assistance_threads.subject',
  'assistance_threads.workspaceId',
  'assistance_threads.status',
  'assistance_threads.createdAt',
  'assistance_threads.lastMessageAt',
  'assistance_threads.closedAt',
  'assistance_threads.restricted',
  'assistance_threads.messages.from',
  'assistance_threads.messages.body',
  'assistance_threads.messages.at',
];
const INTEREST_FIELDS = ['interests.theme', 'interests.note', 'interests.sharedWith', 'interests.createdAt'];

const GRANT_FIELDS = ['access_grants.staffUserId', 'access_grants.reason', 'access_grants.decidedBy', 'access_grants.revokedBy'];

/** The data-map fields these strategies handle, per right (checked by test/data-map-coverage.spec.ts). */
export const identityRightsCoverage: RightsCoverage = {
  ACCESS: ['users.firstName', 'users.email', 'users.createdAt', 'users.restricted', 'users.passwordHash', 'users.objections', 'users.policyAcceptance', 'workspaces.members.role', 'privacy_policy_notices.userId', ...ASSISTANCE_FIELDS, ...INTEREST_FIELDS, ...GRANT_FIELDS, 'respondent_codes.emailDigest', 'respondent_codes.respondentId', 'respondent_codes.codeHash'],
  RECTIFICATION: ['users.firstName', 'interests.theme', 'interests.note'],
  ERASURE: ['users.firstName', 'users.email', 'users.createdAt', 'users.restricted', 'users.passwordHash', 'users.objections', 'users.policyAcceptance', 'workspaces.members.role', 'privacy_policy_notices.userId', ...ASSISTANCE_FIELDS, ...INTEREST_FIELDS, ...GRANT_FIELDS, 'respondent_codes.emailDigest', 'respondent_codes.respondentId', 'respondent_codes.codeHash'],
};
