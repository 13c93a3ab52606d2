import { randomUUID } from 'node:crypto';
import { AppError, badInput, parseInput, requirePlatformRole, requireUserAwaitingPolicy, type RequestContext } from '@verbatim/kit';
import { z } from 'zod';
import type { PolicyVersionDoc } from '../model/privacy-policy.repository.js';
import type { UserDoc } from '../model/user.schema.js';
import { MAIL_LOCALE } from './account-links.js';
import type { IdentityDeps } from './deps.js';
import { issueAccessToken } from './sessions.js';

const text = (language: string) => z.string().trim().min(20, `the ${language} text must be the policy itself (at least 20 characters)`).max(200_000);
const publishInput = z.object({
  textEn: text('English'),
  textFr: text('French'),
  summaryEn: z.string().trim().max(2_000).default(''),
  summaryFr: z.string().trim().max(2_000).default(''),
  substantial: z.boolean(),
});
const acknowledgeInput = z.object({ version: z.number().int().min(1) });

const NOTICE_PAGE = 200;

/** The version in force and every earlier one, newest first. */
export const policyHistory = (deps: IdentityDeps) => deps.policies.history();

/** The substantial version a user has not acknowledged yet, if any: until they do, their tokens open nothing else. */
export async function pendingPolicyVersion(deps: IdentityDeps, user: Pick<UserDoc, 'policyAcceptance'>): Promise<PolicyVersionDoc | null> {
  const substantial = (await deps.policies.history()).find((v) => v.substantial);
  if (!substantial) return null;
  return (user.policyAcceptance?.version ?? 0) >= substantial.version ? null : substantial;
}

/** What a new account accepts by registering: the version in force (none before the first is published). */
export async function acceptanceAtRegistration(deps: IdentityDeps, at: Date): Promise<UserDoc['policyAcceptance']> {
  const current = (await deps.policies.history())[0];
  return current ? { version: current.version, at } : undefined;
}

/**
 * A DPO publishes a version (both languages required). A substantial one is mailed to every user, each mail
 * recorded so its delivery can be followed; a policy change is information the law requires (Art. 12-14),
 * so it goes to restricted and objecting users too.
 */
export async function publishPolicy(deps: IdentityDeps, ctx: RequestContext, raw: unknown): Promise<PolicyVersionDoc> {
  const dpo = requirePlatformRole(ctx, 'DPO');
  const input = parseInput(publishInput, raw);
  for (let attempt = 0; attempt < 5; attempt++) {
    const version = ((await deps.policies.history())[0]?.version ?? 0) + 1;
    const doc: PolicyVersionDoc = {
      _id: randomUUID(),
      version,
      substantial: input.substantial,
      text: { en: input.textEn, fr: input.textFr },
      summary: { en: input.summaryEn, fr: input.summaryFr },
      publishedAt: new Date(),
      publishedBy: dpo.userId,
    };
    if ((await deps.policies.insertVersion(doc)) === 'duplicate') continue;
    if (doc.substantial) await noticeEveryUser(deps, doc);
    return doc;
  }
  throw new AppError('CONFLICT', 'Other versions are being published at the same time: try again.');
}

async function noticeEveryUser(deps: IdentityDeps, doc: PolicyVersionDoc): Promise<void> {
  const policyUrl = `${deps.settings.WEB_APP_URL.replace(/\/$/, '')}/#/privacy`;
  const effectiveDate = doc.publishedAt.toISOString().slice(0, 10);
  for (let last = ''; ; ) {
    const page = await deps.users.pageAfter(last, NOTICE_PAGE);
    if (!page.length) return;
    for (const user of page) {
      const { mailId } = await deps.mailer.enqueueMail({ templateId: 'policy-changed', locale: MAIL_LOCALE, to: user.email, variables: { policyVersion: String(doc.version), effectiveDate, policyUrl } });
      await deps.policies.insertNotice({ _id: `${doc.version}:${user._id}`, version: doc.version, userId: user._id, mailId, queuedAt: new Date() });
    }
    last = page[page.length - 1]!._id;
  }
}

/** For the DPO: how the notices of one version went out, per delivery status of their mails. */
export async function noticeDelivery(deps: IdentityDeps, ctx: RequestContext, version: number) {
  requirePlatformRole(ctx, 'DPO');
  if (!(await deps.policies.byVersion(version))) throw new AppError('NOT_FOUND', `There is no version ${version} of the privacy policy.`);
  const notices = await deps.policies.noticesOf(version);
  const counts = { version, users: notices.length, queued: 0, sent: 0, failed: 0 };
  for (const n of notices) {
    const status = (await deps.mailer.mailStatus(n.mailId))?.status;
    if (status === 'SENT') counts.sent++;
    else if (status === 'FAILED') counts.failed++;
    else counts.queued++;
  }
  return counts;
}

/** The user acknowledges the version waiting for them and gets an access token that no longer waits. */
export async function acknowledgePolicy(deps: IdentityDeps, ctx: RequestContext, raw: unknown) {
  const principal = requireUserAwaitingPolicy(ctx);
  const { version } = parseInput(acknowledgeInput, raw);
  const doc = await deps.policies.byVersion(version);
  if (!doc) throw badInput(`There is no version ${version} of the privacy policy.`, { fields: ['version'] });
  const latest = (await deps.policies.history())[0]!;
  if (version !== latest.version) throw badInput(`Version ${version} is not the one in force: acknowledge version ${latest.version}.`, { fields: ['version'], current: latest.version });
  await deps.users.setPolicyAcceptance(principal.userId, version, new Date());
  if (!principal.sessionId) throw new AppError('FORBIDDEN', 'Only a signed-in session can acknowledge the policy.');
  return { version, ...(await issueAccessToken(deps, principal.userId, principal.sessionId)) };
}
